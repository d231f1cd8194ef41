"""Payments over HTTP (domain.md REV-2, REV-4, AFS-5): providers' signed callbacks (success,
replays, bad or missing signatures, unknown providers, failures, wrong amounts holding the order,
duplicate payments refunded), cash-on-delivery re-confirmation gating picking, and, on a test
clock, the unpaid-order reminder and automatic close (also caught up after a restart) and the
execution of refunds on the right business day."""

import datetime
import hashlib
import hmac
import json
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

START = "2026-11-27T01:00:00Z"  # 09:00 in Beijing, a Friday
SECRETS = {provider: f"{provider.lower()}-secret-{uuid.uuid4().hex}"
           for provider in ("ALIPAY", "WXPAY")}
MINUTE_MS = 60 * 1000


def write_secrets(server):
    """The providers' callback secrets in a 0600 file; returns the serve arguments."""
    path = os.path.join(server.log_dir, "payment-secrets.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(SECRETS, f)
    os.chmod(path, 0o600)
    return ["--test-clock", START, "--payment-secrets", path]


class PaymentCase(o.OrdoTestCase):
    """A server on a test clock with payment secrets, and tokens for the departments involved."""

    @classmethod
    def server_args(cls, server):
        return write_secrets(server)

    @classmethod
    def seed_class(cls):
        cls.finance = cls.server.client(cls.server.token("finance"))
        cls.service = cls.server.client(cls.server.token("customer_service"))
        cls.warehouse = cls.server.client(cls.server.token("warehouse"))
        cls.operations = cls.server.client(cls.server.token("operations"))
        cls.anonymous = cls.server.client()
        cls.wh = o.create_warehouse(cls.admin)

    def order(self, quantity=1, payment_method="online", stock=10):
        sku = self.new_sku(self.wh, stock)
        return self.place(o.order_body([(sku, quantity)], payment_method=payment_method)), sku

    def callback(self, order_no, transaction_id, amount, status="succeeded", provider="ALIPAY",
                 secret=None, signature=None, sign=True, **extra):
        raw = json.dumps({"order_no": order_no, "transaction_id": transaction_id,
                          "amount": amount, "status": status, **extra}).encode("utf-8")
        headers = {}
        if sign:
            key = (secret or SECRETS.get(provider, "x" * 32)).encode("utf-8")
            headers["X-Ordo-Signature"] = signature or hmac.new(key, raw,
                                                                 hashlib.sha256).hexdigest()
        return self.anonymous.post(f"/api/v1/payment-callbacks/{provider}", raw=raw,
                                   headers=headers)

    def cases(self, order_no, case_type):
        resp = self.admin.get("/api/v1/anomalies", query={"order_no": order_no, "type": case_type})
        self.assertStatus(resp, 200, "anomalies")
        return resp.json["data"]

    def refunds(self, order_no, client=None):
        resp = (client or self.finance).get("/api/v1/refunds", query={"order_no": order_no})
        self.assertStatus(resp, 200, "refunds")
        return resp.json["data"]

    def advance_ms(self, ms):
        resp = self.admin.post("/api/v1/ops/clock", {"advance_ms": ms})
        self.assertStatus(resp, 200, "move the test clock")
        return resp.json


class PaymentCallbackTest(PaymentCase):

    def test_a_signed_success_pays_the_order_and_a_replay_changes_nothing(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        first = self.callback(no, "T-OK-1", total, paid_at="2026-11-27T00:59:00Z")
        self.assertStatus(first, 200, "signed callback")
        self.assertEqual((first.json["outcome"], first.json["duplicate"]), ("succeeded", False))
        paid = self.get_order(no)
        self.assertEqual((paid["payment_status"], paid["paid_amount"]), ("paid", total), paid)
        self.assertNotEqual(paid["status"], "pending_payment")
        n = len(self.events(no))
        replay = self.callback(no, "T-OK-1", total, paid_at="2026-11-27T00:59:00Z")
        self.assertStatus(replay, 200, "replay")
        self.assertEqual(replay.json, first.json, "a replay is answered as the first call")
        self.assertEqual(len(self.events(no)), n, "a replay records nothing")
        self.assertEqual(self.get_order(no)["version"], paid["version"])
        confirm = [e for e in self.events(no) if e["type"] == "confirm_payment"]
        self.assertEqual(confirm[0]["actor"], "provider:ALIPAY", confirm)

    def test_bad_or_missing_signatures_and_unknown_providers_record_nothing(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        before, n = self.get_order(no), len(self.events(no))
        self.assertProblem(self.callback(no, "T-BAD", total, secret="not-the-secret-at-all"),
                           401, "invalid_signature")
        self.assertProblem(self.callback(no, "T-BAD", total, sign=False), 401,
                           "invalid_signature")
        self.assertProblem(self.callback(no, "T-BAD", total, signature="zz"), 401,
                           "invalid_signature")
        self.assertProblem(self.callback(no, "T-BAD", total, provider="NOPAY"), 404,
                           "unknown_provider")
        # Signed for another provider: that provider's secret does not sign this one's calls.
        self.assertProblem(self.callback(no, "T-BAD", total, provider="WXPAY",
                                         secret=SECRETS["ALIPAY"]), 401, "invalid_signature")
        after = self.get_order(no)
        self.assertEqual((after["status"], after["version"]), (before["status"], before["version"]))
        self.assertEqual(len(self.events(no)), n, "a refused callback records nothing")

    def test_bad_bodies_are_refused_naming_the_field(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        self.assertFieldError(self.callback(no, "", total), "transaction_id", "required")
        self.assertFieldError(self.callback(no, "T-X", total, status="maybe"), "status",
                              "invalid_value")
        self.assertFieldError(self.callback(no, "T-X", 0), "amount", "invalid_value")
        self.assertFieldError(self.callback(no, "T-X", total, paid_at="yesterday"), "paid_at",
                              "invalid_value")
        self.assertProblem(self.callback("19990101000001", "T-X", total), 404, "not_found")
        self.assertEqual(self.get_order(no)["status"], "pending_payment")

    def test_a_failed_payment_is_recorded_and_opens_a_non_blocking_case(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        resp = self.callback(no, "T-FAIL", total, status="failed",
                             failure_reason="insufficient balance")
        self.assertStatus(resp, 200, "failed payment")
        self.assertEqual(resp.json["outcome"], "failed")
        after = self.get_order(no)
        self.assertEqual((after["status"], after["payment_status"], after["on_hold"]),
                         ("pending_payment", "unpaid", False), after)
        failed = [e for e in self.events(no) if e["type"] == "payment_failed"]
        self.assertEqual(len(failed), 1)
        cases = self.cases(no, "payment_failed")
        self.assertEqual([(c["status"], c["blocking"]) for c in cases], [("open", False)], cases)
        # The customer pays after all.
        self.assertStatus(self.callback(no, "T-FAIL-2", total), 200, "a later success")
        self.assertEqual(self.get_order(no)["payment_status"], "paid")

    def test_a_short_payment_is_credited_held_for_the_balance_and_holds_the_order(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        resp = self.callback(no, "T-MIS", total - 100)
        self.assertStatus(resp, 200, "mismatched payment")
        self.assertEqual(resp.json["outcome"], "amount_mismatch")
        after = self.get_order(no)
        # Money received is on the order's books: held for the balance, not kept (issue 13.2).
        self.assertEqual((after["status"], after["paid_amount"], after["on_hold"]),
                         ("pending_payment", total - 100, True), after)
        self.assertEqual((after["kept_amount"], after["due_amount"], after["owed_amount"]),
                         (0, total - 100, 100), after)
        cases = self.cases(no, "payment_amount_mismatch")
        self.assertEqual(len(cases), 1, cases)
        self.assertTrue(cases[0]["blocking"])
        self.assertIn(str(total - 100), cases[0]["explanation"])
        self.assertIn(str(total), cases[0]["explanation"])
        # The staff endpoint still refuses a wrong amount outright.
        self.assertFieldError(self.act(no, "payments", o.payment_body(order, amount=total + 1),
                                       expect_status=422), "amount", "payment_amount_mismatch")

    def test_a_duplicate_payment_is_refunded_with_a_case(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        self.assertStatus(self.callback(no, "T-D1", total), 200, "first payment")
        second = self.callback(no, "T-D2", total, provider="WXPAY")
        self.assertStatus(second, 200, "second payment")
        self.assertTrue(second.json["duplicate"], second.json)
        refunds = self.refunds(no)
        self.assertEqual([(r["reason"], r["amount"], r["status"]) for r in refunds],
                         [("duplicate_payment", total, "pending")], refunds)
        after = self.get_order(no)
        self.assertEqual((after["paid_amount"], after["refunded_amount"]), (2 * total, total))
        cases = self.cases(no, "duplicate_payment")
        self.assertEqual([(c["status"], c["blocking"]) for c in cases], [("open", False)], cases)
        one = self.finance.get(f"/api/v1/refunds/{refunds[0]['id']}")
        self.assertStatus(one, 200, "one refund")
        self.assertEqual(one.json["order_no"], no)

    def test_a_payment_after_the_order_was_closed_is_refunded_with_a_case(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        self.act(no, "cancel", {"reason": "customer changed mind"})
        self.assertEqual(self.get_order(no)["status"], "closed")
        late = self.callback(no, "T-LATE", total)
        self.assertStatus(late, 200, "a late payment is taken, not refused")
        after = self.get_order(no)
        self.assertEqual((after["status"], after["paid_amount"], after["refunded_amount"]),
                         ("closed", total, total), after)
        refunds = self.refunds(no)
        self.assertEqual([(r["amount"], r["status"]) for r in refunds], [(total, "pending")],
                         refunds)
        cases = self.cases(no, "payment_after_close")
        self.assertEqual([(c["status"], c["blocking"]) for c in cases], [("open", False)], cases)
        self.assertStatus(self.callback(no, "T-LATE", total), 200, "the provider's repeat")
        self.assertEqual(len(self.refunds(no)), 1, "a repeat refunds nothing more")

    def test_a_duplicate_staff_confirmation_is_refunded_too(self):
        order, _ = self.order()
        no = order["order_no"]
        self.act(no, "payments", o.payment_body(order))
        self.act(no, "payments", o.payment_body(order))
        refunds = self.refunds(no)
        self.assertEqual([r["reason"] for r in refunds], ["duplicate_payment"], refunds)

    def test_finance_lists_and_executes_refunds_early(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        self.callback(no, "T-E1", total)
        self.callback(no, "T-E2", total)
        refund = self.refunds(no)[0]
        pending = self.finance.get("/api/v1/refunds", query={"status": "pending", "limit": 200})
        self.assertStatus(pending, 200, "pending refunds")
        self.assertIn(refund["id"], [r["id"] for r in pending.json["data"]])
        self.assertFieldError(self.finance.get("/api/v1/refunds"), "order_no", "required")
        self.assertFieldError(self.finance.get("/api/v1/refunds", query={"status": "done"}),
                              "status", "invalid_value")
        url = f"/api/v1/refunds/{refund['id']}/execute"
        self.assertProblem(self.warehouse.post(url, {}), 403, "forbidden")
        self.assertProblem(self.service.post(url, {}), 403, "forbidden")
        done = self.finance.post(url, {"provider_ref": "ALI-R-1"})
        self.assertStatus(done, 200, "execute")
        self.assertEqual((done.json["status"], done.json["provider_ref"]),
                         ("succeeded", "ALI-R-1"), done.json)
        self.assertIsNotNone(done.json["executed_at"])
        again = self.finance.post(url, {})
        self.assertStatus(again, 200, "execute again")
        self.assertEqual(again.json["executed_at"], done.json["executed_at"])
        executed = [e for e in self.events(no) if e["type"] == "refund_executed"]
        self.assertEqual(len(executed), 1, "executed once")
        # The duplicate's refund leaves the order's own payment paid.
        self.assertEqual(self.get_order(no)["payment_status"], "paid")
        self.assertProblem(self.finance.post("/api/v1/refunds/999999/execute", {}), 404,
                           "not_found")
        self.assertProblem(self.finance.get("/api/v1/refunds/abc"), 404, "not_found")

    def test_the_openapi_document_describes_the_payment_endpoints(self):
        doc = o.expect(self.admin.get("/api/v1/openapi.json"), 200)
        for path in ("/api/v1/payment-callbacks/{provider}",
                     "/api/v1/orders/{order_no}/cod-confirmation", "/api/v1/refunds",
                     "/api/v1/refunds/{id}", "/api/v1/refunds/{id}/execute"):
            self.assertIn(path, doc["paths"])
        for schema in ("PaymentCallback", "CodConfirmation", "Refund"):
            self.assertIn(schema, doc["components"]["schemas"])


class CashOnDeliveryTest(PaymentCase):

    def approved_cod(self, quantity=1):
        order, sku = self.order(quantity, payment_method="cod")
        self.assertEqual(order["payment_status"], "cod_pending", order)
        if order["status"] == "pending_review":
            order = self.act(order["order_no"], "review",
                             {"decision": "approve", "reason": "ok"}).json
        return order, sku

    def test_a_cod_order_is_picked_only_once_re_confirmed(self):
        order, _ = self.approved_cod()
        no = order["order_no"]
        self.assertIsNone(order["cod_confirmed_at"])
        self.assertProblem(self.act(no, "pick", expect_status=409), 409, "cod_not_confirmed")
        url = f"/api/v1/orders/{no}/cod-confirmation"
        self.assertFieldError(self.service.post(url, {"channel": "email", "confirmed": True}),
                              "channel", "invalid_value")
        self.assertFieldError(self.service.post(url, {"channel": "phone"}), "confirmed",
                              "required")
        self.assertProblem(self.warehouse.post(url, {"channel": "phone", "confirmed": True}),
                           403, "forbidden")
        confirmed = self.service.post(url, {"channel": "phone", "confirmed": True,
                                            "note": "address checked"})
        self.assertStatus(confirmed, 200, "confirmed")
        self.assertIsNotNone(confirmed.json["cod_confirmed_at"])
        self.assertTrue(confirmed.json["cod_confirmed_by"].startswith("token:"), confirmed.json)
        self.assertIn("cod_confirmed", [e["type"] for e in self.events(no)])
        picked = self.act(no, "pick").json
        self.assertEqual(picked["status"], "picking")

    def test_a_refusal_cancels_the_order_and_releases_its_stock(self):
        order, sku = self.approved_cod(quantity=2)
        no = order["order_no"]
        self.assertStock(sku, 10, 2, "reserved")
        refused = self.service.post(f"/api/v1/orders/{no}/cod-confirmation",
                                    {"channel": "phone", "confirmed": False})
        self.assertStatus(refused, 200, "refused")
        self.assertEqual(refused.json["status"], "closed", refused.json)
        self.assertStock(sku, 10, 0, "a refusal releases the stock")
        types = [e["type"] for e in self.events(no)]
        self.assertIn("cod_refused", types)

    def test_online_orders_take_no_cod_confirmation(self):
        order, _ = self.order()
        self.assertProblem(self.service.post(
            f"/api/v1/orders/{order['order_no']}/cod-confirmation",
            {"channel": "phone", "confirmed": True}), 409, "illegal_transition")
        self.assertProblem(self.service.post(
            "/api/v1/orders/19990101000001/cod-confirmation",
            {"channel": "phone", "confirmed": True}), 404, "not_found")


class UnpaidTimersTest(PaymentCase):

    @classmethod
    def seed_class(cls):
        super().seed_class()
        o.expect(o.patch_settings(cls.admin, {"unpaid_reminder_minutes": 30,
                                                      "unpaid_close_minutes": 120}), 200)

    def test_an_unpaid_order_is_reminded_once_then_closed_releasing_its_stock(self):
        order, sku = self.order(quantity=3)
        no = order["order_no"]
        paid, _ = self.order()
        self.act(paid["order_no"], "payments", o.payment_body(paid))
        self.advance_ms(20 * MINUTE_MS)
        self.assertNotIn("payment_reminder_sent", [e["type"] for e in self.events(no)])
        moved = self.advance_ms(15 * MINUTE_MS)
        self.assertGreaterEqual(moved["jobs"]["payment_reminders"], 1, moved)
        self.advance_ms(10 * MINUTE_MS)
        reminders = [e for e in self.events(no) if e["type"] == "payment_reminder_sent"]
        self.assertEqual(len(reminders), 1, "reminded once")
        self.assertEqual(reminders[0]["actor"], "system")
        notes = o.expect(self.admin.get(f"/api/v1/orders/{no}/notifications"), 200)["data"]
        self.assertEqual([n["template"] for n in notes].count("payment_reminder"), 1, notes)
        self.assertNotIn("payment_reminder_sent",
                         [e["type"] for e in self.events(paid["order_no"])], "paid: no reminder")
        self.assertStock(sku, 10, 3, "still reserved")
        moved = self.advance_ms(80 * MINUTE_MS)
        self.assertGreaterEqual(moved["jobs"]["unpaid_closed"], 1, moved)
        closed = self.get_order(no)
        self.assertEqual(closed["status"], "closed", closed)
        self.assertStock(sku, 10, 0, "closing releases the stock")
        last = [e for e in self.events(no) if e["to_status"] == "closed"]
        self.assertEqual(len(last), 1, self.events(no))
        self.assertEqual(last[0]["actor"], "system")
        self.assertEqual(self.get_order(paid["order_no"])["payment_status"], "paid")
        again = self.advance_ms(60 * MINUTE_MS)
        self.assertEqual((again["jobs"]["unpaid_closed"], again["jobs"]["payment_reminders"]),
                         (0, 0), again)

    def test_a_held_order_is_not_closed_by_the_timer(self):
        order, _ = self.order()
        no = order["order_no"]
        self.callback(no, "T-HOLD", order["total_amount"] - 5)  # short: held for the balance
        self.advance_ms(130 * MINUTE_MS)
        self.assertEqual(self.get_order(no)["status"], "pending_payment")

    def test_z_timers_missed_while_down_fire_once_after_a_restart(self):
        order, sku = self.order(quantity=2)
        no = order["order_no"]
        created = o.parse_time(order["created_at"])
        self.server.stop()
        later = created + datetime.timedelta(hours=3)
        self.server.extra_args = ["--test-clock", o.rfc3339(later)] + \
            self.server.extra_args[2:]
        self.server.start()
        self.assertEqual(self.get_order(no)["status"], "closed",
                         "the first tick, before the server answers, catches up")
        self.assertStock(sku, 10, 0, "released")
        self.assertNotIn("payment_reminder_sent", [e["type"] for e in self.events(no)],
                         "an order found past both delays is closed, not reminded")
        again = self.advance_ms(MINUTE_MS)
        self.assertEqual(again["jobs"]["unpaid_closed"], 0, again)


class RefundExecutionTest(PaymentCase):

    @classmethod
    def seed_class(cls):
        super().seed_class()
        o.expect(o.patch_settings(cls.admin, {
            "business_calendar": {"working_days": ["mon", "tue", "wed", "thu", "fri"]}}), 200)

    def test_a_friday_refund_is_executed_on_monday(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        self.callback(no, "T-R1", total)
        self.callback(no, "T-R2", total)
        refund = self.refunds(no)[0]
        # Friday 09:00 in Beijing: due at 00:00 on Monday (16:00 UTC on Sunday).
        self.assertEqual(o.parse_time(refund["due_at"]),
                         o.parse_time("2026-11-29T16:00:00Z"), refund)
        moved = self.advance_ms(24 * 60 * MINUTE_MS)  # Saturday
        self.assertEqual(moved["jobs"]["refunds_executed"], 0, moved)
        self.assertEqual(self.refunds(no)[0]["status"], "pending")
        moved = self.advance_ms(39 * 60 * MINUTE_MS)  # Monday 00:00 in Beijing
        self.assertGreaterEqual(moved["jobs"]["refunds_executed"], 1, moved)
        done = self.refunds(no)[0]
        self.assertEqual((done["status"], done["executed_by"]), ("succeeded", "system"), done)
        executed = [e for e in self.events(no) if e["type"] == "refund_executed"]
        self.assertEqual(len(executed), 1, executed)
        again = self.advance_ms(MINUTE_MS)
        self.assertEqual(again["jobs"]["refunds_executed"], 0, again)


class EnvironmentProviderTest(PaymentCase):
    """A provider configured from the environment alone answers at its code in any case:
    ORDO_PAYMENT_SECRET_ALIPAY signs /payment-callbacks/alipay (issue: it answered 404
    unknown_provider), and a repeat of its transaction in another case changes nothing."""

    ENV_SECRET = f"env-secret-{uuid.uuid4().hex}"

    @classmethod
    def server_args(cls, server):
        server.extra_env = {"ORDO_PAYMENT_SECRET_ALIPAY": cls.ENV_SECRET}
        return ["--test-clock", START]

    def test_a_provider_from_the_environment_answers_in_any_case(self):
        order, _ = self.order()
        no, total = order["order_no"], order["total_amount"]
        for provider in ("alipay", "Alipay"):
            resp = self.callback(no, "T-ENV-1", total, provider=provider, secret=self.ENV_SECRET)
            self.assertStatus(resp, 200, f"/payment-callbacks/{provider}")
            self.assertEqual((resp.json["outcome"], resp.json["duplicate"]),
                             ("succeeded", False), resp.describe())
        paid = self.get_order(no)
        self.assertEqual((paid["payment_status"], paid["paid_amount"]), ("paid", total), paid)
        confirmed = [e for e in self.events(no) if e["type"] == "confirm_payment"]
        self.assertEqual(len(confirmed), 1, "one payment, not a duplicate")
        # The staff's confirmation of the same transaction, as "ALIPAY", is the same payment.
        again = self.act(no, "payments", {"provider": "ALIPAY", "transaction_id": "T-ENV-1",
                                          "amount": total})
        self.assertEqual(again.json["paid_amount"], total, again.describe())
        self.assertEqual(self.refunds(no), [], "nothing to refund: it is one payment")
        self.assertEqual(self.cases(no, "duplicate_payment"), [])
        self.assertProblem(self.callback(no, "T-ENV-2", total, provider="wxpay",
                                         secret=self.ENV_SECRET), 404, "unknown_provider")


if __name__ == "__main__":
    unittest.main()
