"""A scripted working day on the test clock, as finance, customer service, reviewers and the
warehouse would live it (issue "every yuan accounted for"): intake, payments (short, double and
late ones), a review rejection, a change to a higher total, a shortage shipped as available, an
exchange for a dearer item, after-sales refunds with four eyes, a refused cash-on-delivery
parcel, and the timers across a weekend. After every step every order's books are checked
(ordo_server.money_problems): paid = kept + refunded + due, the payments and refunds lists agree
with the order, nothing is kept that is not owed, and nothing ships unpaid."""

import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

START = o.SignedCallbacksMixin.callbacks_start  # Friday 09:00 in Beijing


def code(prefix="D"):
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


class ScriptedDayTest(o.SignedCallbacksMixin, o.MoneyBooksMixin, o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        token = cls.server.token
        cls.cs1 = cls.server.client(token("customer_service", "day-cs-wang"))
        cls.cs2 = cls.server.client(token("customer_service", "day-cs-li"))
        cls.finance = cls.server.client(token("finance", "day-finance"))
        cls.warehouse = cls.server.client(token("warehouse", "day-packer"))
        cls.logistics = cls.server.client(token("logistics", "day-carrier-desk"))
        cls.anonymous = cls.server.client()
        o.expect(o.patch_settings(cls.admin, {"unpaid_close_minutes": 120,
                                              "unpaid_reminder_minutes": 60}),
                 200, what="timers of the day")
        cls.wh = o.create_warehouse(cls.admin)

    # -- the day's helpers --------------------------------------------------------------------

    def sku(self, price, quantity=20):
        return self.new_sku(self.wh, quantity, code=code(), price_amount=price, weight_g=400)

    def order(self, lines, **kw):
        return self.place(o.order_body(lines, **kw), client=self.cs1)

    def clock(self, to):
        """Moves the test clock forward to `to` (RFC 3339), running the timed jobs."""
        advance = o.parse_time(to) - o.parse_time(self.now)
        resp = self.admin.post("/api/v1/ops/clock",
                               {"advance_ms": int(advance.total_seconds() * 1000)})
        self.assertStatus(resp, 200, f"move the clock to {to}")
        self.now = to
        return resp.json

    def balanced(self, what):
        self.assertBooksBalance(self.day, what=what)

    # -- the day ------------------------------------------------------------------------------

    def test_a_working_day_keeps_every_yuan_on_the_books(self):
        self.day = []
        self.now = START
        tea, gold, cup, rare = self.sku(6600), self.sku(59900), self.sku(3300), self.sku(4500, 1)
        short_sku = self.sku(9900)

        # 09:00 Intake: orders from the web shop and one cash on delivery.
        a = self.order([(tea, 2)])
        b = self.order([(short_sku, 1)])
        c = self.order([(short_sku, 1)])
        d = self.order([(cup, 1)])
        e = self.order([(cup, 2)])
        f = self.order([(tea, 1)])
        g = self.order([(cup, 1)], payment_method="cod")
        h = self.order([(tea, 1), (cup, 1)])
        i = self.order([(rare, 3)])  # one in stock, two backordered
        self.day = [x["order_no"] for x in (a, b, c, d, e, f, g, h, i)]
        self.balanced("after intake")

        # 09:30 Payments: in full, short (then the balance), short (never completed), twice.
        for order in (a, f, h, i):
            self.pay(order["order_no"], order["total_amount"])
        self.pay(b["order_no"], 9000)
        held = self.get_order(b["order_no"])
        self.assertEqual((held["status"], held["due_amount"], held["owed_amount"]),
                         ("pending_payment", 9000, 900), held)
        self.balanced("a short payment is held for the balance")
        self.pay(b["order_no"], 900)
        self.assertEqual(self.get_order(b["order_no"])["status"], "pending_review")
        self.pay(c["order_no"], 9000)
        self.pay(d["order_no"], d["total_amount"])
        self.pay(d["order_no"], d["total_amount"])  # paid twice: refunded at once
        self.assertEqual([r["reason"] for r in self.refunds(d["order_no"])],
                         ["duplicate_payment"])
        self.balanced("after the morning's payments")

        # 10:00 Review: one rejected (its payment goes back), the others approved.
        self.act(f["order_no"], "review", {"decision": "reject", "reason": "风控拒绝"},
                 client=self.cs2)
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(f["order_no"])],
                         [("order_closed", 6600)])
        for order in (a, b, d, h, i):
            self.act(order["order_no"], "review", {"decision": "approve", "reason": "ok"},
                     client=self.cs2)
        self.balanced("after review")

        # 10:30 The customer of the short-paid order C gives up: the held 9000 goes back.
        self.act(c["order_no"], "cancel", {"reason": "customer gave up"}, client=self.cs1)
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(c["order_no"])],
                         [("order_closed", 9000)])
        self.balanced("a short payment refunded on close")

        # 11:00 A change raises A's total: nothing ships until the supplement is paid.
        current = self.get_order(a["order_no"])
        changed = self.cs1.patch(f"/api/v1/orders/{a['order_no']}",
                                 {"lines": [{"sku": tea["sku"], "quantity": 3}],
                                  "reason": "customer wants one more"},
                                 headers={"If-Match": f"\"{current['version']}\""})
        self.assertStatus(changed, 200, "raise the total")
        self.assertEqual(changed.json["owed_amount"], 6600, changed.json)
        self.assertProblem(self.act(a["order_no"], "pick", client=self.warehouse,
                                    expect_status=409), 409, "payment_due")
        self.balanced("a supplement owed")
        self.pay(a["order_no"], 6600)
        self.assertEqual(self.get_order(a["order_no"])["owed_amount"], 0)
        shipped_a = self.ship(a["order_no"], 1200)
        self.balanced("A shipped once paid")

        # 11:30 The shortage: I ships what is in stock, the two missing units are refunded.
        chosen = self.admin.post(f"/api/v1/orders/{i['order_no']}/backorder-choice",
                                 {"choice": "ship_available"})
        self.assertStatus(chosen, 200, "ship what is available")
        self.assertEqual([(r["reason"], r["amount"]) for r in self.refunds(i["order_no"])],
                         [("dropped_lines", 9000)])
        self.ship(i["order_no"], 400)
        self.balanced("dropped lines refunded")

        # 12:00 Cash on delivery G: re-confirmed, shipped, refused at the door, back, inspected.
        self.act(g["order_no"], "cod-confirmation", {"channel": "phone", "confirmed": True},
                 client=self.cs1)
        self.act(g["order_no"], "review", {"decision": "approve", "reason": "ok"},
                 client=self.cs2)
        shipped_g = self.ship(g["order_no"], 400)
        self.track(shipped_g["shipping"]["tracking_no"], "refused", START)
        self.track(shipped_g["shipping"]["tracking_no"], "returned", START)
        parcel = self.admin.get(f"/api/v1/orders/{g['order_no']}/shipments").json["data"][0]
        on_hand = self.stock(cup)["on_hand"]
        self.assertStatus(self.warehouse.post(f"/api/v1/shipments/{parcel['id']}/inspect",
                                              {"passed": True}), 200, "inspect the return")
        self.assertEqual(self.stock(cup)["on_hand"], on_hand + 1, "restocked once")
        closed_g = self.get_order(g["order_no"])
        self.assertEqual((closed_g["status"], closed_g["paid_amount"]), ("closed", 0), closed_g)
        self.balanced("a refused cash-on-delivery parcel closed")

        # 13:00 Deliveries, then after-sales: H asks for a partial refund, twice by mistake.
        shipped_h = self.ship(h["order_no"], 800)
        self.track(shipped_h["shipping"]["tracking_no"], "delivered", START)
        self.track(shipped_a["shipping"]["tracking_no"], "delivered", START)
        body = {"order_no": h["order_no"], "type": "partial_refund", "reason": "quality",
                "amount": 3000}
        first = self.cs1.post("/api/v1/after-sales", body)
        self.assertStatus(first, 201, "partial refund")
        self.assertProblem(self.cs2.post("/api/v1/after-sales", body), 409,
                           "possible_duplicate_request")
        case = first.json
        self.assertStatus(self.cs2.post(f"/api/v1/after-sales/{case['id']}/approve", {}), 200,
                          "approve the case")
        refunded = self.finance.post(f"/api/v1/after-sales/{case['id']}/refund", {})
        self.assertStatus(refunded, 200, "ask for the refund")
        refund = self.refunds(h["order_no"])[0]
        self.assertEqual(refund["status"], "awaiting_approval", refund)
        self.assertProblem(self.finance.post(f"/api/v1/refunds/{refund['id']}/approve", {}), 409,
                           "self_approval")
        self.assertStatus(self.cs2.post(f"/api/v1/refunds/{refund['id']}/approve", {}), 200,
                          "a second person approves")
        self.balanced("a partial refund approved by a second person")

        # 14:00 An exchange of one of A's teas for the gold tea: the difference is paid first.
        case = self.cs1.post("/api/v1/after-sales", {
            "order_no": a["order_no"], "type": "exchange", "reason": "size",
            "lines": [{"sku": tea["sku"], "quantity": 1, "exchange_sku": gold["sku"]}]}).json
        self.assertStatus(self.cs2.post(f"/api/v1/after-sales/{case['id']}/approve", {}), 200,
                          "approve the exchange")
        self.assertStatus(self.warehouse.post(f"/api/v1/after-sales/{case['id']}/receive", {}),
                          200, "the tea comes back")
        inspected = self.warehouse.post(f"/api/v1/after-sales/{case['id']}/inspect",
                                        {"passed": True})
        self.assertStatus(inspected, 200, "inspect the tea")
        replacement_no = inspected.json["replacement_order_no"]
        self.day.append(replacement_no)
        replacement = self.get_order(replacement_no)
        self.assertEqual((replacement["status"], replacement["owed_amount"]),
                         ("pending_payment", 59900 - 6600), replacement)
        self.balanced("the exchange's replacement waits for the difference")
        self.pay(replacement_no, 59900 - 6600)
        self.act(replacement_no, "review", {"decision": "approve", "reason": "exchange"},
                 client=self.cs2)
        self.ship(replacement_no, 400)
        self.balanced("the replacement shipped once the difference was paid")

        # 15:00 E was never paid: the timer closes it; then its payment arrives after all, and
        # finance records a second one the bank reported by hand. Both go back, as such.
        jobs = self.clock("2026-11-27T03:30:00Z")["jobs"]
        self.assertGreaterEqual(jobs["unpaid_closed"], 1, jobs)
        self.assertEqual(self.get_order(e["order_no"])["status"], "closed")
        self.pay(e["order_no"], e["total_amount"])
        late = self.finance.post(f"/api/v1/orders/{e['order_no']}/payments",
                                 {"provider": "bank", "transaction_id": o.unique("BANK"),
                                  "amount": e["total_amount"]})
        self.assertStatus(late, 200, "finance records a payment after close")
        self.assertEqual([r["reason"] for r in self.refunds(e["order_no"])],
                         ["payment_after_close", "payment_after_close"])
        payments = self.finance.get("/api/v1/payments",
                                    query={"order_no": e["order_no"]}).json["data"]
        self.assertEqual([p["outcome"] for p in payments], ["after_close", "after_close"])
        self.balanced("payments after close refunded")

        # Saturday: a refund asked for on a day off is paid out on Monday (AFS-5).
        self.clock("2026-11-28T02:00:00Z")
        self.act(b["order_no"], "cancel", {"reason": "customer changed their mind"},
                 client=self.cs1)
        saturday = self.refunds(b["order_no"])[0]
        self.assertEqual(o.parse_time(saturday["due_at"]), o.parse_time("2026-11-29T16:00:00Z"),
                         saturday)
        self.balanced("Saturday's cancellation")
        self.clock("2026-11-29T10:00:00Z")  # Sunday in Beijing
        self.assertEqual(self.refunds(b["order_no"])[0]["status"], "pending")
        self.clock("2026-11-29T16:30:00Z")  # Monday 00:30 in Beijing
        paid_out = self.refunds(b["order_no"])[0]
        self.assertEqual(paid_out["status"], "succeeded", paid_out)
        self.assertTrue(paid_out["provider_ref"], paid_out)
        self.balanced("Monday's payouts")

        # Every refund of the week that was approved or needed no approval is paid out.
        for no in self.day:
            for refund in self.refunds(no):
                self.assertIn(refund["status"], ("succeeded",), (no, refund))


if __name__ == "__main__":
    unittest.main()
