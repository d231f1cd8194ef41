"""Customers over HTTP (domain.md REV-1, CS-1): profiles made from orders, the history summary,
blacklisting with a reason, credit level and high-risk flag (If-Match), complaints, masking of
personal data, the audit trail, and who may do what."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


class CustomersTest(o.OrdoTestCase):
    auto_review = True

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 500, price_amount=6600)
        cls.cs = cls.server.client(cls.server.token("customer_service"))
        cls.finance = cls.server.client(cls.server.token("finance"))
        cls.warehouse_client = cls.server.client(cls.server.token("warehouse"))
        cls.member = o.unique("m")
        cls.phone = o.unique_phone()
        cls.orders = []
        for quantity in (1, 2, 3):
            order = o.expect(cls.admin.post("/api/v1/orders", o.order_body(
                [(cls.sku, quantity)], member_id=cls.member, phone=cls.phone,
                customer_name="李四")), 201)
            o.expect(cls.admin.post(f"/api/v1/orders/{order['order_no']}/payments",
                                    o.payment_body(order)), 200)
            cls.orders.append(order)

    def customer(self, client=None, member=None):
        resp = (client or self.cs).get(f"/api/v1/customers/{member or self.member}")
        self.assertStatus(resp, 200, "reading the customer")
        return resp

    def test_the_profile_summarises_the_history(self):
        resp = self.customer()
        body = resp.json
        self.assertEqual(body["member_id"], self.member)
        self.assertTrue(body["recorded"], "review stored the profile")
        self.assertEqual(body["history"]["orders_placed"], 3)
        self.assertEqual(body["history"]["usual_amount"], 13200, "median of 6600, 13200, 19800")
        self.assertEqual(body["history"]["usual_quantity"][self.sku["sku"]], 2)
        self.assertEqual(body["credit_level"], "normal")
        self.assertEtag(resp)

    def test_personal_data_is_masked_for_every_role(self):
        # pii:read included: unmasked reading is an explicit reveal of an order.
        self.assertEqual(self.customer(self.cs).json["phone"], o.mask_phone(self.phone))
        self.assertEqual(self.customer(self.admin).json["name"], o.mask_name("李四"))
        resp = self.cs.get("/api/v1/customers", query={"q": self.member})
        self.assertStatus(resp, 200)
        self.assertEqual([c["phone"] for c in resp.json["data"]], [o.mask_phone(self.phone)])
        masked = self.customer(self.finance).json
        self.assertEqual(masked["phone"], o.mask_phone(self.phone))
        self.assertEqual(masked["name"], o.mask_name("李四"))
        resp = self.finance.get("/api/v1/customers", query={"q": self.member})
        self.assertStatus(resp, 200)
        self.assertEqual([c["phone"] for c in resp.json["data"]], [o.mask_phone(self.phone)])

    def test_unknown_customers_are_404(self):
        resp = self.cs.get("/api/v1/customers/no-such-member")
        self.assertProblem(resp, 404, "not_found")
        resp = self.cs.post("/api/v1/customers/no-such-member/blacklist", {"reason": "x"})
        self.assertProblem(resp, 404, "not_found")

    def test_blacklisting_needs_a_reason_is_audited_and_listed(self):
        member = o.unique("m")
        order = self.place(o.order_body([(self.sku, 1)], member_id=member,
                                        detail=o.unique_detail("黑名单路")))
        self.act(order["order_no"], "payments", o.payment_body(order))
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {"reason": ""})
        self.assertFieldError(resp, "reason", "required")
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {})
        self.assertFieldError(resp, "reason", "required")
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {"reason": "stolen cards"})
        self.assertStatus(resp, 200)
        self.assertTrue(resp.json["blacklisted"])
        self.assertEqual(resp.json["blacklist_reason"], "stolen cards")
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {"reason": "again"})
        self.assertProblem(resp, 409, "already_exists")
        listed = self.cs.get("/api/v1/customers", query={"blacklisted": "true", "limit": 200})
        self.assertIn(member, [c["member_id"] for c in listed.json["data"]])
        resp = self.cs.get("/api/v1/customers", query={"blacklisted": "maybe"})
        self.assertFieldError(resp, "blacklisted", "invalid_value")
        audit = self.admin.get("/api/v1/audit", query={"entity": "customer", "id": member})
        self.assertStatus(audit, 200)
        actions = [e["action"] for e in audit.json["data"]]
        self.assertIn("blacklist", actions)
        for entry in audit.json["data"]:
            text = str(entry)
            self.assertNotIn("张三", text, "no names in the audit trail")
        resp = self.cs.post(f"/api/v1/customers/{member}/unblacklist", {"reason": "cleared"})
        self.assertStatus(resp, 200)
        self.assertFalse(resp.json["blacklisted"])
        resp = self.warehouse_client.post(f"/api/v1/customers/{member}/blacklist",
                                          {"reason": "x"})
        self.assertProblem(resp, 403, "forbidden")

    def test_patch_changes_the_judgement_with_if_match(self):
        member = o.unique("m")
        order = self.place(o.order_body([(self.sku, 1)], member_id=member))
        self.act(order["order_no"], "payments", o.payment_body(order))
        version = self.customer(member=member).json["version"]
        resp = self.cs.patch(f"/api/v1/customers/{member}",
                             {"credit_level": "excellent", "reason": "x"})
        self.assertFieldError(resp, "credit_level", "invalid_value")
        resp = self.cs.patch(f"/api/v1/customers/{member}", {"high_risk": True})
        self.assertFieldError(resp, "reason", "required")
        resp = self.cs.patch(f"/api/v1/customers/{member}",
                             {"high_risk": True, "reason": "reseller"},
                             headers={"If-Match": f'"{version + 5}"'})
        self.assertProblem(resp, 412, "version_mismatch")
        resp = self.cs.patch(f"/api/v1/customers/{member}",
                             {"high_risk": True, "reason": "reseller"})
        self.assertProblem(resp, 428, "precondition_required", "an edit without If-Match")
        self.assertEqual(self.customer(member=member).json["version"], version,
                         "refused edits change nothing")
        resp = self.cs.patch(f"/api/v1/customers/{member}",
                             {"high_risk": True, "credit_level": "low", "reason": "reseller"},
                             headers={"If-Match": f'"{version}"'})
        self.assertStatus(resp, 200)
        self.assertTrue(resp.json["high_risk"])
        self.assertEqual(resp.json["credit_level"], "low")
        self.assertEqual(resp.json["version"], version + 1)
        # A blacklisting with the ETag read before that edit is stale: 412, nothing changes.
        resp = self.cs.post(f"/api/v1/customers/{member}/blacklist", {"reason": "stale form"},
                            headers={"If-Match": f'"{version}"'})
        self.assertProblem(resp, 412, "version_mismatch", "a stale blacklisting")
        self.assertFalse(self.customer(member=member).json["blacklisted"])
        # The next paid order of this customer is held as high risk.
        nxt = self.place(o.order_body([(self.sku, 5)], member_id=member))
        paid = self.act(nxt["order_no"], "payments", o.payment_body(nxt)).json
        self.assertEqual(paid["status"], "pending_review")
        cases = self.admin.get("/api/v1/anomalies",
                               query={"order_no": nxt["order_no"]}).json["data"]
        self.assertIn("high_risk_customer", [c["type"] for c in cases])

    def test_complaints_are_recorded_and_counted(self):
        no = self.orders[0]["order_no"]
        resp = self.cs.post(f"/api/v1/customers/{self.member}/complaints",
                            {"category": "noise", "note": "loud"})
        self.assertFieldError(resp, "category", "invalid_value")
        # A required text is never satisfied by an empty one.
        resp = self.cs.post(f"/api/v1/customers/{self.member}/complaints",
                            {"category": "delivery", "note": ""})
        self.assertFieldError(resp, "note", "required")
        resp = self.cs.post(f"/api/v1/customers/{self.member}/complaints",
                            {"category": "delivery", "note": "late", "order_no": "2099"})
        self.assertFieldError(resp, "order_no", "invalid_value")
        before = self.customer().json["complaints"]
        resp = self.cs.post(f"/api/v1/customers/{self.member}/complaints",
                            {"category": "delivery", "note": "parcel left at the gate",
                             "order_no": no})
        self.assertStatus(resp, 201)
        self.assertEqual(resp.json["customer"]["complaints"], before + 1)
        detail = self.customer().json
        self.assertEqual(detail["recent_complaints"][0]["note"], "parcel left at the gate")
        masked = self.customer(self.finance).json
        self.assertNotEqual(masked["recent_complaints"][0]["note"], "parcel left at the gate")


if __name__ == "__main__":
    unittest.main()
