"""Automatic review and the manual review queue (domain.md REV-1, REV-3, EXC-1, EXC-2;
api.md "Payments, review and abnormal orders"): the rules run as a paid order enters
pending_review, a clean order is approved at once by system:auto-review, a flagged one waits in
the queue with its abnormal cases, approval is refused while a blocking case holds it, and a
rejection releases stock and tells the customer."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


class ReviewTest(o.OrdoTestCase):
    auto_review = True

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 1000, price_amount=6600)
        cls.cs = cls.server.client(cls.server.token("customer_service"))
        cls.warehouse_client = cls.server.client(cls.server.token("warehouse"))
        cls.ops = cls.server.client(cls.server.token("operations"))

    def paid(self, quantity=2, **fields):
        order = self.place(o.order_body([(self.sku, quantity)], **fields))
        resp = self.act(order["order_no"], "payments", o.payment_body(order))
        return resp.json

    def cases(self, order_no):
        resp = self.admin.get("/api/v1/anomalies", query={"order_no": order_no})
        self.assertStatus(resp, 200, "listing cases")
        return resp.json["data"]

    def case_of(self, order_no, case_type):
        found = [c for c in self.cases(order_no) if c["type"] == case_type]
        self.assertEqual(len(found), 1, f"one {case_type} case on {order_no}: {found}")
        return found[0]

    def test_a_clean_paid_order_is_approved_by_automatic_review(self):
        order = self.paid()
        self.assertEqual(order["status"], "awaiting_fulfillment", order)
        events = self.events(order["order_no"])
        review = [e for e in events if e["type"] == "auto_review"]
        self.assertEqual(len(review), 1, events)
        approve = [e for e in events if e["type"] == "approve"]
        self.assertEqual(len(approve), 1, events)
        self.assertEqual(approve[0]["actor"], "system:auto-review")
        self.assertEqual(self.cases(order["order_no"]), [])
        # A manual approval has nothing left to do.
        resp = self.act(order["order_no"], "review", {"decision": "approve"}, client=self.cs,
                        expect_status=409)
        self.assertEqual(resp.json["code"], "illegal_transition")

    def test_a_large_order_waits_with_an_amount_too_large_case(self):
        resp = o.patch_settings(self.admin, {"amount_too_large_amount": 50000})
        self.assertStatus(resp, 200)
        try:
            order = self.paid(quantity=8)  # 52800 fen
        finally:
            o.patch_settings(self.admin, {"amount_too_large_amount": 500000})
        self.assertEqual(order["status"], "pending_review")
        self.assertTrue(order["on_hold"], order)
        case = self.case_of(order["order_no"], "amount_too_large")
        self.assertEqual(case["details"]["observed_amount"], "52800")
        self.assertEqual(case["details"]["threshold_amount"], "50000")
        self.assertIn("528.00", case["explanation"])
        self.assertTrue(case["blocking"])

    def test_a_blacklisted_customer_is_held_until_the_case_is_resolved(self):
        member = o.unique("m")
        # An address of their own: the blacklist also marks it (other tests share the default).
        first = self.paid(member_id=member, detail=o.unique_detail("黑名单路"))
        self.assertEqual(first["status"], "awaiting_fulfillment")
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist",
                            {"reason": "chargeback fraud"})
        self.assertStatus(resp, 200, "blacklisting")
        order = self.paid(quantity=3, member_id=member)
        no = order["order_no"]
        self.assertEqual(order["status"], "pending_review")
        case = self.case_of(no, "blacklisted_customer")
        self.assertIn("chargeback fraud", case["explanation"])
        self.assertEqual(case["severity"], "high")
        # Approval is refused while the blocking case is open.
        resp = self.act(no, "review", {"decision": "approve"}, client=self.cs, expect_status=409)
        self.assertEqual(resp.json["code"], "order_on_hold")
        # The queue shows the order with its case, blocked.
        entry = self.queue_entry(no)
        self.assertTrue(entry["blocked"])
        self.assertIn("blacklisted_customer", [c["type"] for c in entry["cases"]])
        resp = self.cs.post(f"/api/v1/anomalies/{case['id']}/resolve",
                            {"resolution": "customer verified by phone",
                             "root_cause": "old chargeback settled"})
        self.assertStatus(resp, 200, "resolving")
        approved = self.act(no, "review", {"decision": "approve", "reason": "verified"},
                            client=self.cs).json
        self.assertEqual(approved["status"], "awaiting_fulfillment")
        self.assertIsNone(self.queue_entry(no, expect=False))

    def test_the_same_order_twice_is_a_probable_duplicate(self):
        member = o.unique("m")
        phone = o.unique_phone()
        first = self.paid(member_id=member, phone=phone)
        self.assertEqual(first["status"], "awaiting_fulfillment")
        second = self.paid(member_id=member, phone=phone)
        self.assertEqual(second["status"], "pending_review")
        case = self.case_of(second["order_no"], "probable_duplicate_order")
        self.assertEqual(case["details"]["duplicate_of"], first["order_no"])
        self.assertEqual(case["details"]["threshold_minutes"], "30")
        # Other quantities are another order, not a duplicate.
        third = self.paid(quantity=5, member_id=member, phone=phone)
        self.assertEqual([c["type"] for c in self.cases(third["order_no"])], [])

    def test_the_same_person_under_a_new_member_id_or_none_is_caught(self):
        member, phone = o.unique("m"), o.unique_phone()
        detail = o.unique_detail("骗子巷")
        first = self.paid(member_id=member, phone=phone, detail=detail)
        self.assertEqual(first["status"], "awaiting_fulfillment")
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {"reason": "card fraud"})
        self.assertStatus(resp, 200, "blacklisting")
        cases = [
            ("the same phone under a new member id", {"member_id": o.unique("m"),
                                                      "phone": phone}, "phone"),
            ("the same address, another phone", {"member_id": o.unique("m"), "detail": detail},
             "address"),
        ]
        for label, fields, matched in cases:
            with self.subTest(label):
                order = self.paid(**fields)
                self.assertEqual(order["status"], "pending_review", f"{label}: {order}")
                case = self.case_of(order["order_no"], "blacklisted_customer")
                self.assertIn(member, case["explanation"])
                self.assertIn(matched, case["details"]["matched"])
                self.assertNotIn(phone, str(case), "the contact is never in the case")
                self.assertNotIn(detail, str(case))
        # No member id at all: the phone still catches them.
        body = o.order_body([(self.sku, 1)], phone=phone)
        del body["customer"]["member_id"]
        order = self.place(body)
        paid = self.act(order["order_no"], "payments", o.payment_body(order)).json
        self.assertEqual(paid["status"], "pending_review", paid)
        self.case_of(order["order_no"], "blacklisted_customer")
        # Someone else entirely is not caught; once off the blacklist, nor is the same phone.
        self.assertEqual(self.paid()["status"], "awaiting_fulfillment")
        resp = self.cs.post(f"/api/v1/customers/{member}/unblacklist", {"reason": "cleared"})
        self.assertStatus(resp, 200, "unblacklisting")
        self.assertEqual(self.paid(member_id=o.unique("m"), phone=phone)["status"],
                         "awaiting_fulfillment")

    def queue_entry(self, order_no, expect=True):
        cursor, entries = None, []
        while True:
            query = {"limit": 200}
            if cursor:
                query["cursor"] = cursor
            resp = self.cs.get("/api/v1/review-queue", query=query)
            self.assertStatus(resp, 200, "review queue")
            entries += resp.json["data"]
            cursor = resp.json["next_cursor"]
            if not cursor:
                break
        numbers = [e["order"]["order_no"] for e in entries]
        ranked = sorted(entries, key=lambda e: (-e["order"]["priority"], e["order"]["order_no"]))
        self.assertEqual(numbers, [e["order"]["order_no"] for e in ranked],
                         "highest priority first, then oldest first")
        found = [e for e in entries if e["order"]["order_no"] == order_no]
        if expect:
            self.assertEqual(len(found), 1, f"{order_no} in the queue")
            return found[0]
        self.assertEqual(found, [])
        return None

    def test_the_queue_follows_priority_then_age(self):
        # Two standard orders flagged, then an expedited one: it is reviewed first, and the
        # standard ones keep their age order; a page of one lands on each in turn.
        older = self.paid(phone="13977777777")
        newer = self.paid(phone="13955555555")
        urgent = self.paid(phone="13933333333", service="express")
        self.assertGreater(urgent["priority"], older["priority"])
        mine = {older["order_no"], newer["order_no"], urgent["order_no"]}
        seen, cursor = [], None
        while True:
            query = {"limit": 1}
            if cursor:
                query["cursor"] = cursor
            resp = self.cs.get("/api/v1/review-queue", query=query)
            self.assertStatus(resp, 200, "review queue, a page of one")
            seen += [e["order"]["order_no"] for e in resp.json["data"]
                     if e["order"]["order_no"] in mine]
            cursor = resp.json["next_cursor"]
            if not cursor:
                break
        self.assertEqual(seen, [urgent["order_no"], older["order_no"], newer["order_no"]])
        self.queue_entry(urgent["order_no"])  # and the whole queue is in that order
        resp = self.cs.get("/api/v1/review-queue", query={"cursor": "kbm90LWEtcG9zaXRpb24"})
        self.assertFieldError(resp, "cursor", "invalid_value", "a cursor not issued here")

    def test_the_queue_lists_flagged_orders_oldest_first_with_masked_data(self):
        b = self.paid(phone="13988888888")
        self.assertEqual(b["status"], "pending_review")
        entry = self.queue_entry(b["order_no"])
        self.assertEqual([c["type"] for c in entry["cases"]], ["invalid_phone"] * 2)
        self.assertFalse(entry["blocked"], "invalid_phone does not block")
        self.assertEqual(entry["order"]["customer"]["phone"], o.mask_phone("13988888888"),
                         "masked for every role, pii:read included")
        resp = self.ops.get("/api/v1/review-queue", query={"limit": 200})
        self.assertStatus(resp, 200)
        masked = [e for e in resp.json["data"] if e["order"]["order_no"] == b["order_no"]]
        self.assertEqual(masked[0]["order"]["customer"]["phone"], o.mask_phone("13988888888"))
        resp = self.warehouse_client.get("/api/v1/review-queue")
        self.assertProblem(resp, 403, "forbidden")
        # A non-blocking case lets the reviewer approve after checking.
        approved = self.act(b["order_no"], "review", {"decision": "approve"}, client=self.cs).json
        self.assertEqual(approved["status"], "awaiting_fulfillment")

    def test_a_rejection_releases_stock_and_notifies_the_customer(self):
        sku = o.seed_sku_with_stock(self.admin, self.warehouse, 10)
        order = self.place(o.order_body([(sku, 4)], phone="13977777777"))
        paid = self.act(order["order_no"], "payments", o.payment_body(order)).json
        self.assertEqual(paid["status"], "pending_review")
        self.assertStock(sku, 10, 4)
        resp = self.act(order["order_no"], "review", {"decision": "reject", "reason": ""},
                        client=self.cs, expect_status=422)
        self.assertFieldError(resp, "reason", "required")
        rejected = self.act(order["order_no"], "review",
                            {"decision": "reject", "reason": "phone unreachable"},
                            client=self.cs).json
        self.assertEqual(rejected["status"], "closed")
        self.assertStock(sku, 10, 0, "released")
        resp = self.admin.get(f"/api/v1/orders/{order['order_no']}/notifications")
        self.assertStatus(resp, 200)
        body = resp.json
        items = body["data"] if isinstance(body, dict) else body
        self.assertIn("order_rejected", [n.get("template") for n in items], body)

    def test_rerun_review_after_blacklisting_opens_the_case(self):
        member = o.unique("m")
        # An address of its own: the blacklist also marks it (other tests share the default).
        order = self.place(o.order_body([(self.sku, 1)], member_id=member, payment_method="cod",
                                        detail=o.unique_detail("黑名单路")))
        no = order["order_no"]
        self.assertEqual(order["status"], "pending_review", "COD waits for re-confirmation")
        self.assertEqual([c["type"] for c in self.cases(no)], ["cod_not_reconfirmed"])
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {"reason": "fake orders"})
        self.assertStatus(resp, 200, "blacklist")
        resp = self.act(no, "rerun-review", client=self.cs)
        hits = [h["rule"] for h in resp.json["review"]["hits"]]
        self.assertEqual(hits, ["blacklisted_customer", "cod_not_reconfirmed"])
        self.assertFalse(resp.json["review"]["approved"])
        self.assertTrue(resp.json["order"]["on_hold"])
        self.assertEqual(len([c for c in self.cases(no) if c["type"] == "cod_not_reconfirmed"]),
                         1, "a live case is not opened twice")
        resp = self.act("20990101999999", "rerun-review", client=self.cs, expect_status=404)
        done = self.paid()
        resp = self.act(done["order_no"], "rerun-review", client=self.cs, expect_status=409)
        self.assertEqual(resp.json["code"], "illegal_transition")
        resp = self.act(no, "rerun-review", client=self.warehouse_client, expect_status=403)


    def test_re_confirming_cash_on_delivery_resolves_its_case_and_approves(self):
        order = self.place(o.order_body([(self.sku, 1)], payment_method="cod"))
        no = order["order_no"]
        case = self.case_of(no, "cod_not_reconfirmed")
        self.assertEqual(order["status"], "pending_review", order)
        resp = self.act(no, "cod-confirmation", {"channel": "phone", "confirmed": True},
                        client=self.cs)
        self.assertEqual(resp.json["status"], "awaiting_fulfillment", resp.json)
        self.assertIsNotNone(resp.json["cod_confirmed_at"], resp.json)
        resp = self.admin.get(f"/api/v1/anomalies/{case['id']}")
        self.assertStatus(resp, 200, "the case")
        self.assertEqual(resp.json["status"], "resolved", resp.json)
        self.assertIn("phone", resp.json["resolution"], resp.json)
        self.assertIn("auto_review", [e["type"] for e in self.events(no)])


class ManualReviewTest(o.OrdoTestCase):
    """With auto_review off nothing is approved by itself: every paid order waits."""

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 100)

    def test_every_paid_order_waits_for_a_person(self):
        order = self.place(o.order_body([(self.sku, 1)]))
        paid = self.act(order["order_no"], "payments", o.payment_body(order)).json
        self.assertEqual(paid["status"], "pending_review")
        types = [e["type"] for e in self.events(order["order_no"])]
        self.assertNotIn("auto_review", types)
        resp = self.admin.get("/api/v1/review-queue")
        self.assertIn(order["order_no"], [e["order"]["order_no"] for e in resp.json["data"]])


if __name__ == "__main__":
    unittest.main()
