"""The money of orders over HTTP (issue "every yuan accounted for", issue "four eyes on money
going out"): every path that ends a paid order refunds it, short payments are held and refunded
on close, nothing ships while something is owed, exchanges settle their difference, dropped
lines are refunded, refused cash-on-delivery parcels close and restock once, automatic receipt
confirmation waits for open cases, finance reconciles payments and refunds, refunds need a second
person (and finance above the threshold), and repeated money requests need a confirmation. Every
test ends by checking the books of the orders it touched (ordo_server.money_problems)."""

import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

START = o.SignedCallbacksMixin.callbacks_start  # Friday 09:00 in Beijing
DAY_MS = 24 * 3600 * 1000


def code(prefix="M"):
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


class MoneyCase(o.SignedCallbacksMixin, o.MoneyBooksMixin, o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        token = cls.server.token
        cls.cs1 = cls.server.client(token("customer_service", f"m-cs-{uuid.uuid4().hex[:4]}"))
        cls.cs2 = cls.server.client(token("customer_service", f"m-cs-{uuid.uuid4().hex[:4]}"))
        cls.finance = cls.server.client(token("finance", f"m-fin-{uuid.uuid4().hex[:4]}"))
        cls.warehouse = cls.server.client(token("warehouse"))
        cls.logistics = cls.server.client(token("logistics"))
        cls.anonymous = cls.server.client()
        cls.wh = o.create_warehouse(cls.admin)

    def setUp(self):
        super().setUp()
        self.touched = []

    def tearDown(self):
        if self.touched:
            self.assertBooksBalance(self.touched, what=self.id())
        super().tearDown()

    # -- helpers ------------------------------------------------------------------------------

    def sku(self, price=6600, quantity=20):
        return self.new_sku(self.wh, quantity, code=code(), price_amount=price, weight_g=400)

    def order(self, lines, **kw):
        order = self.place(o.order_body(lines, **kw), client=self.cs1)
        self.touched.append(order["order_no"])
        return order

    def paid(self, lines, approve=True):
        order = self.order(lines)
        self.pay(order["order_no"], order["total_amount"])
        if approve:
            self.act(order["order_no"], "review", {"decision": "approve", "reason": "ok"},
                     client=self.cs2)
        return self.get_order(order["order_no"])

    def cases(self, **query):
        resp = self.admin.get("/api/v1/anomalies", query=query)
        self.assertStatus(resp, 200, f"anomalies {query}")
        return resp.json["data"]

    def advance(self, ms):
        resp = self.admin.post("/api/v1/ops/clock", {"advance_ms": ms})
        self.assertStatus(resp, 200, "move the test clock")
        return resp.json

    def patch(self, order_no, body, client=None):
        order = self.get_order(order_no)
        return (client or self.cs1).patch(f"/api/v1/orders/{order_no}", body,
                                          headers={"If-Match": f"\"{order['version']}\""})


class ClosingRefundsTest(MoneyCase):

    def test_a_rejected_paid_order_is_refunded_what_was_paid(self):
        order = self.paid([(self.sku(), 2)], approve=False)
        no = order["order_no"]
        self.act(no, "review", {"decision": "reject", "reason": "风控"}, client=self.cs2)
        closed = self.get_order(no)
        self.assertEqual((closed["status"], closed["refunded_amount"], closed["kept_amount"]),
                         ("closed", 13200, 0), closed)
        self.assertEqual([(r["reason"], r["amount"], r["status"]) for r in self.refunds(no)],
                         [("order_closed", 13200, "pending")])

    def test_a_short_payment_is_held_and_refunded_when_the_order_closes(self):
        order = self.order([(self.sku(9900), 1)])
        no = order["order_no"]
        self.pay(no, 9000)
        held = self.get_order(no)
        self.assertEqual((held["paid_amount"], held["due_amount"], held["owed_amount"]),
                         (9000, 9000, 900), held)
        self.assertTrue(held["on_hold"], held)
        self.act(no, "cancel", {"reason": "customer gave up"}, client=self.cs1)
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(no)],
                         [("order_closed", 9000)])
        mismatch = self.cases(order_no=no, type="payment_amount_mismatch")[0]
        self.assertEqual(mismatch["status"], "resolved", "its cause went with the order")

    def test_the_balance_of_a_short_payment_confirms_the_order_and_lifts_the_hold(self):
        order = self.order([(self.sku(9900), 1)])
        no = order["order_no"]
        self.pay(no, 9000)
        self.pay(no, 900)
        paid = self.get_order(no)
        self.assertEqual((paid["status"], paid["kept_amount"], paid["on_hold"]),
                         ("pending_review", 9900, False), paid)
        self.assertEqual(self.cases(order_no=no, type="payment_amount_mismatch")[0]["status"],
                         "resolved")

    def test_an_overpayment_confirms_the_order_and_refunds_the_difference(self):
        order = self.order([(self.sku(9900), 1)])
        no = order["order_no"]
        self.pay(no, 10000)
        self.assertEqual(self.get_order(no)["status"], "pending_review")
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(no)],
                         [("overpayment", 100)])


class NothingShipsUnpaidTest(MoneyCase):

    def test_a_higher_total_holds_the_order_until_the_supplement_is_paid(self):
        tea = self.sku()
        order = self.paid([(tea, 1)])
        no = order["order_no"]
        changed = self.patch(no, {"lines": [{"sku": tea["sku"], "quantity": 3}]})
        self.assertStatus(changed, 200, "raise the total")
        self.assertEqual((changed.json["owed_amount"], changed.json["supplement_due_amount"]),
                         (13200, 13200), changed.json)
        for action, body in (("pick", {}), ("pack", {"weight_g": 1200})):
            self.assertProblem(self.act(no, action, body, client=self.warehouse,
                                        expect_status=409), 409,
                               "payment_due" if action == "pick" else "illegal_transition")
        # A wave leaves the order out and says why (with other orders: 201, alone: 409).
        wave = self.warehouse.post("/api/v1/waves", {"warehouse": self.wh, "max_orders": 50})
        self.assertIn(wave.status, (201, 409), wave.describe())
        if wave.status == 201:
            self.assertNotIn(no, [p["order_no"] for p in wave.json.get("parcels", [])])
        left_out = {e["order_no"]: e["code"] for e in wave.json["left_out"]}
        self.assertEqual(left_out.get(no), "payment_due", wave.json)
        self.assertBooksBalance([no])
        self.pay(no, 13200)
        self.ship(no, 1200)

    def test_ship_available_refunds_the_dropped_units(self):
        rare = self.sku(4500, quantity=1)
        order = self.paid([(rare, 3)])
        no = order["order_no"]
        chosen = self.cs1.post(f"/api/v1/orders/{no}/backorder-choice",
                               {"choice": "ship_available"})
        self.assertStatus(chosen, 200, "ship what is available")
        self.assertEqual(chosen.json["total_amount"], 4500, chosen.json)
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(no)],
                         [("dropped_lines", 9000)])
        self.ship(no, 400)


class ExchangeTest(MoneyCase):

    def exchange(self, order, old, new):
        case = self.cs1.post("/api/v1/after-sales", {
            "order_no": order["order_no"], "type": "exchange", "reason": "size",
            "lines": [{"sku": old["sku"], "quantity": 1, "exchange_sku": new["sku"]}]})
        self.assertStatus(case, 201, "open the exchange")
        case = case.json
        self.assertStatus(self.cs2.post(f"/api/v1/after-sales/{case['id']}/approve", {}), 200,
                          "approve")
        self.assertStatus(self.warehouse.post(f"/api/v1/after-sales/{case['id']}/receive", {}),
                          200, "receive")
        inspected = self.warehouse.post(f"/api/v1/after-sales/{case['id']}/inspect",
                                        {"passed": True})
        self.assertStatus(inspected, 200, "inspect")
        self.touched.append(inspected.json["replacement_order_no"])
        return inspected.json

    def test_a_dearer_replacement_is_paid_for_before_it_ships(self):
        cheap, dear = self.sku(7900), self.sku(59900)
        order = self.paid([(cheap, 1)])
        self.ship(order["order_no"], 400)
        case = self.exchange(order, cheap, dear)
        replacement = self.get_order(case["replacement_order_no"])
        self.assertEqual((replacement["status"], replacement["total_amount"],
                          replacement["credit_amount"], replacement["owed_amount"]),
                         ("pending_payment", 59900, 7900, 52000), replacement)
        self.assertBooksBalance([replacement["order_no"]])
        self.pay(replacement["order_no"], 52000)
        self.act(replacement["order_no"], "review", {"decision": "approve", "reason": "ok"},
                 client=self.cs2)
        self.ship(replacement["order_no"], 400)

    def test_a_cheaper_replacement_ships_at_once_and_the_difference_is_refunded(self):
        cheap, dear = self.sku(7900), self.sku(59900)
        order = self.paid([(dear, 1)])
        self.ship(order["order_no"], 400)
        case = self.exchange(order, dear, cheap)
        replacement = self.get_order(case["replacement_order_no"])
        self.assertEqual((replacement["status"], replacement["owed_amount"]),
                         ("awaiting_fulfillment", 0), replacement)
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(order["order_no"])],
                         [("after_sales", 52000)])


class CashOnDeliveryRefusedTest(MoneyCase):

    def test_a_refused_parcel_closes_the_order_and_restocks_its_goods_once(self):
        cup = self.sku(3300)
        order = self.order([(cup, 1)], payment_method="cod")
        no = order["order_no"]
        self.act(no, "cod-confirmation", {"channel": "phone", "confirmed": True}, client=self.cs1)
        self.act(no, "review", {"decision": "approve", "reason": "ok"}, client=self.cs2)
        shipped = self.ship(no, 400)
        self.track(shipped["shipping"]["tracking_no"], "refused")
        # The goods are on their way back: an after-sales return of them is refused.
        refused = self.cs1.post("/api/v1/after-sales", {
            "order_no": no, "type": "return_refund", "reason": "other",
            "lines": [{"sku": cup["sku"], "quantity": 1}]})
        self.assertFieldError(refused, "lines[0].quantity", "quantity_exceeds_shipped")
        self.track(shipped["shipping"]["tracking_no"], "returned")
        parcel = self.admin.get(f"/api/v1/orders/{no}/shipments").json["data"][0]
        before = self.stock(cup)["on_hand"]
        self.assertStatus(self.warehouse.post(f"/api/v1/shipments/{parcel['id']}/inspect",
                                              {"passed": True}), 200, "inspect")
        self.assertEqual(self.stock(cup)["on_hand"], before + 1)
        closed = self.get_order(no)
        self.assertEqual((closed["status"], closed["payment_status"], closed["paid_amount"]),
                         ("closed", "cod_pending", 0), closed)


class ReceiptConfirmationTest(MoneyCase):

    def test_confirmation_waits_for_open_cases_and_closes_orders_refunded_in_full(self):
        tea = self.sku()
        delayed = self.paid([(tea, 1)])
        returned = self.paid([(tea, 1)])
        cod = self.order([(tea, 1)], payment_method="cod")
        self.act(cod["order_no"], "cod-confirmation", {"channel": "phone", "confirmed": True},
                 client=self.cs1)
        self.act(cod["order_no"], "review", {"decision": "approve", "reason": "ok"},
                 client=self.cs2)
        parcel = self.ship(delayed["order_no"], 400)
        self.track(parcel["shipping"]["tracking_no"], "delayed")
        self.ship(returned["order_no"], 400)
        self.ship(cod["order_no"], 400)
        case = self.cs1.post("/api/v1/after-sales", {
            "order_no": returned["order_no"], "type": "return_refund", "reason": "quality",
            "lines": [{"sku": tea["sku"], "quantity": 1}]}).json
        self.cs2.post(f"/api/v1/after-sales/{case['id']}/approve", {})
        jobs = self.advance(6 * DAY_MS)["jobs"]  # past the standard 120 h delivery promise
        self.assertGreaterEqual(jobs["late_deliveries"], 2, jobs)
        late = self.cases(order_no=cod["order_no"], type="delivery_too_long")
        self.assertEqual(len(late), 1, late)
        self.advance(5 * DAY_MS)  # past auto_confirm_days
        self.assertEqual(self.get_order(delayed["order_no"])["status"], "shipped",
                         "paused while the logistics case is open")
        self.assertEqual(self.get_order(returned["order_no"])["status"], "shipped",
                         "paused while the after-sales case is under way")
        cod_now = self.get_order(cod["order_no"])
        self.assertEqual((cod_now["status"], cod_now["payment_status"]),
                         ("shipped", "cod_pending"), "no cash is booked without a delivery")
        # The return completes with a full refund: the order closes rather than completes.
        self.assertStatus(self.warehouse.post(f"/api/v1/after-sales/{case['id']}/receive", {}),
                          200, "receive")
        # A quality return is disposed of: the faulty tea does not go back on sale.
        self.assertStatus(self.warehouse.post(f"/api/v1/after-sales/{case['id']}/inspect",
                                              {"passed": True, "disposition": "defective_stock"}),
                          200, "inspect")
        refund = self.refunds(returned["order_no"])[0]
        if refund["status"] == "awaiting_approval":
            self.assertStatus(self.cs2.post(f"/api/v1/refunds/{refund['id']}/approve", {}),
                              200, "approve")
        self.assertStatus(self.finance.post(f"/api/v1/after-sales/{case['id']}/complete", {}),
                          200, "complete")
        self.advance(DAY_MS)
        self.assertEqual(self.get_order(returned["order_no"])["status"], "closed")


class ReconciliationTest(MoneyCase):

    def test_payments_are_listed_and_filtered_for_finance(self):
        order = self.order([(self.sku(9900), 1)])
        no = order["order_no"]
        txn = o.unique("T")
        self.pay(no, 9000, txn)
        self.pay(no, 900)
        listed = self.finance.get("/api/v1/payments", query={"order_no": no})
        self.assertStatus(listed, 200, "payments")
        self.assertEqual([(p["amount"], p["outcome"]) for p in listed.json["data"]],
                         [(9000, "amount_mismatch"), (900, "succeeded")])
        by_txn = self.finance.get("/api/v1/payments", query={"transaction_id": txn}).json["data"]
        self.assertEqual([p["order_no"] for p in by_txn], [no])
        short = self.finance.get("/api/v1/payments",
                                 query={"outcome": "amount_mismatch", "order_no": no}).json
        self.assertEqual(len(short["data"]), 1)
        self.assertFieldError(self.finance.get("/api/v1/payments", query={"outcome": "maybe"}),
                              "outcome", "invalid_value")
        self.assertProblem(self.warehouse.get("/api/v1/payments"), 403, "forbidden")

    def test_a_payment_after_close_is_labelled_so_and_finance_may_record_one(self):
        order = self.order([(self.sku(), 1)])
        no = order["order_no"]
        self.act(no, "cancel", {"reason": "changed mind"}, client=self.cs1)
        self.pay(no, order["total_amount"])
        late = self.finance.post(f"/api/v1/orders/{no}/payments",
                                 {"provider": "bank", "transaction_id": o.unique("B"),
                                  "amount": order["total_amount"]})
        self.assertStatus(late, 200, "finance records a payment after close")
        self.assertEqual([r["reason"] for r in self.refunds(no)],
                         ["payment_after_close", "payment_after_close"])
        self.assertEqual([c["type"] for c in self.cases(order_no=no)],
                         ["payment_after_close"], "not duplicate_payment")

    def test_a_failed_payout_is_recorded_with_a_case_and_executed_again(self):
        order = self.paid([(self.sku(), 1)], approve=False)
        no = order["order_no"]
        self.act(no, "cancel", {"reason": "changed mind"}, client=self.cs1)
        refund = self.refunds(no)[0]
        url = f"/api/v1/refunds/{refund['id']}/execute"
        self.assertFieldError(self.finance.post(url, {}), "provider_ref", "required")
        failed = self.finance.post(url, {"provider_ref": "ERR-1", "outcome": "failed",
                                         "failure_reason": "account closed"})
        self.assertStatus(failed, 200, "a failed payout")
        self.assertEqual((failed.json["status"], failed.json["failure_reason"]),
                         ("failed", "account closed"), failed.json)
        self.assertEqual(len(self.cases(order_no=no, type="refund_failed")), 1)
        self.assertBooksBalance([no])  # still owed: still on the books as refunded
        done = self.finance.post(url, {"provider_ref": "PAY-9"})
        self.assertStatus(done, 200, "paid out again")
        self.assertEqual((done.json["status"], done.json["provider_ref"]),
                         ("succeeded", "PAY-9"), done.json)
        executed = self.finance.get("/api/v1/refunds", query={
            "executed_from": "2026-11-27T00:00:00Z", "executed_to": "2026-11-28T00:00:00Z",
            "status": "succeeded"}).json["data"]
        self.assertIn(refund["id"], [r["id"] for r in executed])
        none = self.finance.get("/api/v1/refunds", query={
            "executed_from": "2026-11-28T00:00:00Z", "status": "succeeded"}).json["data"]
        self.assertNotIn(refund["id"], [r["id"] for r in none])


class CalendarTest(MoneyCase):

    def test_the_default_calendar_makes_a_saturday_refund_due_on_monday(self):
        calendar = self.admin.get("/api/v1/settings").json["business_calendar"]
        self.assertEqual(calendar["working_days"], ["mon", "tue", "wed", "thu", "fri"])
        self.assertIn("2026-10-01", calendar["holidays"])
        self.assertIn("2026-10-10", calendar["extra_working_days"])
        order = self.paid([(self.sku(), 1)], approve=False)
        self.advance(DAY_MS)  # Saturday
        self.act(order["order_no"], "cancel", {"reason": "changed mind"}, client=self.cs1)
        due = self.refunds(order["order_no"])[0]["due_at"]
        self.assertEqual(o.parse_time(due), o.parse_time("2026-11-29T16:00:00Z"),
                         "Monday 00:00 in Beijing")


class FourEyesTest(MoneyCase):

    def test_repricing_a_paid_line_creates_a_refund_that_waits_for_someone_else(self):
        tea = self.sku()
        order = self.paid([(tea, 1)])
        no = order["order_no"]
        changed = self.patch(no, {"lines": [{"sku": tea["sku"], "quantity": 1,
                                             "unit_price_amount": 1,
                                             "price_override_reason": "goodwill"}]})
        self.assertStatus(changed, 200, "re-price the line")
        refund = self.refunds(no)[0]
        self.assertEqual((refund["reason"], refund["amount"], refund["status"]),
                         ("order_change", 6599, "awaiting_approval"), refund)
        self.advance(3 * DAY_MS)
        self.assertEqual(self.refunds(no)[0]["status"], "awaiting_approval",
                         "nothing is paid out before approval")
        url = f"/api/v1/refunds/{refund['id']}"
        self.assertProblem(self.cs1.post(url + "/approve", {}), 409, "self_approval")
        self.assertProblem(self.warehouse.post(url + "/approve", {}), 403, "forbidden")
        approved = self.cs2.post(url + "/approve", {"note": "checked with the customer"})
        self.assertStatus(approved, 200, "approved by a second person")
        self.assertEqual(approved.json["status"], "pending")

    def test_a_partial_refund_of_everything_needs_a_second_person_and_can_be_rejected(self):
        tea = self.sku()
        order = self.paid([(tea, 1)])
        no = order["order_no"]
        self.ship(no, 400)
        case = self.cs1.post("/api/v1/after-sales", {"order_no": no, "type": "partial_refund",
                                                    "reason": "quality", "amount": 6600}).json
        self.cs1.post(f"/api/v1/after-sales/{case['id']}/approve", {})
        self.assertStatus(self.cs1.post(f"/api/v1/after-sales/{case['id']}/refund", {}), 200,
                          "ask for the refund")
        refund = self.refunds(no)[0]
        self.assertEqual(refund["status"], "awaiting_approval")
        url = f"/api/v1/refunds/{refund['id']}"
        self.assertProblem(self.cs1.post(url + "/approve", {}), 409, "self_approval")
        self.assertFieldError(self.cs2.post(url + "/reject", {}), "note", "required")
        rejected = self.cs2.post(url + "/reject", {"note": "not agreed with the customer"})
        self.assertStatus(rejected, 200, "rejected")
        self.assertEqual(rejected.json["status"], "rejected")
        after = self.get_order(no)
        self.assertEqual((after["refunded_amount"], after["kept_amount"]), (0, 6600), after)
        back = self.cs1.get(f"/api/v1/after-sales/{case['id']}").json
        self.assertEqual(back["status"], "approved", "decided again")

    def test_refunds_above_the_threshold_wait_for_finance(self):
        o.expect(o.patch_settings(self.admin, {"refund_approval_threshold_amount": 5000}),
                 200, what="threshold")
        try:
            order = self.paid([(self.sku(), 1)], approve=False)
            no = order["order_no"]
            self.act(no, "cancel", {"reason": "changed mind"}, client=self.cs1)
            refund = self.refunds(no)[0]
            self.assertEqual((refund["status"], refund["approval"]),
                             ("awaiting_approval", "finance"), refund)
            url = f"/api/v1/refunds/{refund['id']}/approve"
            self.assertProblem(self.cs2.post(url, {}), 403, "finance_approval_required")
            # The order is cancelled: its money is owed, finance may check it but not keep it.
            rejected = self.finance.post(f"/api/v1/refunds/{refund['id']}/reject",
                                         {"note": "we keep it"})
            self.assertProblem(rejected, 409, "refund_owed")
            after = self.get_order(no)
            self.assertEqual((after["refunded_amount"], after["kept_amount"]),
                             (order["total_amount"], 0), after)
            self.assertStatus(self.finance.post(url, {}), 200, "finance approves")
        finally:
            o.expect(o.patch_settings(self.admin, {"refund_approval_threshold_amount": 100000}),
                     200)


class RepeatedRequestTest(MoneyCase):

    def test_a_second_identical_partial_refund_needs_a_confirmation(self):
        order = self.paid([(self.sku(), 2)])
        no = order["order_no"]
        self.ship(no, 800)
        body = {"order_no": no, "type": "partial_refund", "reason": "quality", "amount": 2000}
        self.assertStatus(self.cs1.post("/api/v1/after-sales", body), 201, "first")
        again = self.cs2.post("/api/v1/after-sales", body)
        self.assertProblem(again, 409, "possible_duplicate_request")
        other = self.cs2.post("/api/v1/after-sales", dict(body, amount=2100))
        self.assertStatus(other, 201, "another amount is another request")
        meant = self.cs2.post("/api/v1/after-sales", dict(body, confirm_duplicate=True))
        self.assertStatus(meant, 201, "confirmed")


class CasesFollowTheirCauseTest(MoneyCase):

    def test_an_assignee_must_be_someone_who_handles_the_case(self):
        order = self.order([(self.sku(9900), 1)])
        no = order["order_no"]
        self.pay(no, 9000)
        case = self.cases(order_no=no, type="payment_amount_mismatch")[0]
        name = f"fin{uuid.uuid4().hex[:6]}"
        for username, role in ((name, "finance"), (f"wh{name}", "warehouse")):
            self.assertStatus(self.admin.post("/api/v1/users", {
                "username": username, "display_name": "测试", "department": role,
                "role": role, "password": "a long enough password 1"}), 201, "user")
        url = f"/api/v1/anomalies/{case['id']}/assign"
        self.assertFieldError(self.admin.post(url, {"assignee": f"user:wh{name}"}), "assignee",
                              "assignee_not_allowed")
        self.assertFieldError(self.admin.post(url, {"assignee": "user:nobody"}), "assignee",
                              "assignee_not_allowed")
        self.assertStatus(self.admin.post(url, {"assignee": f"user:{name}"}), 200, "assign")
        mine = self.cases(assignee=f"user:{name}")
        self.assertEqual([c["id"] for c in mine], [case["id"]])
        self.assertEqual(self.cases(assignee="user:nobody"), [])
        self.pay(no, 900)
        self.assertEqual(self.cases(order_no=no, type="payment_amount_mismatch")[0]["status"],
                         "resolved", "the payment succeeded: its cause is gone")


if __name__ == "__main__":
    unittest.main()
