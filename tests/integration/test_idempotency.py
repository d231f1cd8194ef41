"""Idempotency (api.md conventions): the Idempotency-Key header on POSTs, the uniqueness of
(channel, external_id), repeated payment confirmations, and optimistic concurrency with
If-Match / ETag (412 on a stale version)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


class IdempotencyTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)

    def sku(self, stock=50, **kw):
        return self.new_sku(self.wh, stock, **kw)

    # -- Idempotency-Key --------------------------------------------------------------------

    def test_same_key_same_body_replays_the_first_response(self):
        a = self.sku(50)
        body = o.order_body([(a, 3)])
        key = o.unique("key")
        first = self.admin.post("/api/v1/orders", body, idempotency_key=key)
        self.assertStatus(first, 201, "first request")
        self.assertStock(a, 50, 3)
        for i in range(3):
            again = self.admin.post("/api/v1/orders", body, idempotency_key=key)
            self.assertEqual(again.status, first.status,
                             f"repeat {i}: same status as the first response: {again.describe()}")
            self.assertEqual(again.json, first.json,
                             f"repeat {i}: same body as the first response\nfirst: "
                             f"{first.describe()}\nagain: {again.describe()}")
        self.assertStock(a, 50, 3, "a replay reserves nothing more")
        self.assertEqual(len(self.find_by_external_id(body["external_id"])), 1)

    def test_same_key_different_body_is_refused(self):
        a = self.sku(50)
        key = o.unique("key")
        body = o.order_body([(a, 1)])
        self.assertStatus(self.admin.post("/api/v1/orders", body, idempotency_key=key), 201)
        self.assertStock(a, 50, 1)
        for label, other in (("another external id", o.order_body([(a, 1)])),
                             ("another quantity", dict(body, lines=[o.line(a, 2)]))):
            with self.subTest(label):
                resp = self.admin.post("/api/v1/orders", other, idempotency_key=key)
                self.assertProblem(resp, 422, "idempotency_key_reused", label)
                self.assertStock(a, 50, 1, f"{label}: nothing reserved")
                if other["external_id"] != body["external_id"]:
                    self.assertEqual(self.find_by_external_id(other["external_id"]), [],
                                     f"{label}: no order stored")
        stored = self.find_by_external_id(body["external_id"])
        self.assertEqual(len(stored), 1)
        self.assertEqual(stored[0]["lines"][0]["quantity"], 1, "the first order is untouched")

    def test_key_on_catalogue_and_stock_posts(self):
        sku = o.sku_body()
        key = o.unique("key")
        first = self.admin.post("/api/v1/skus", sku, idempotency_key=key)
        self.assertStatus(first, 201)
        again = self.admin.post("/api/v1/skus", sku, idempotency_key=key)
        self.assertEqual((again.status, again.json), (first.status, first.json),
                         f"a replayed SKU creation is the first 201, not a 409: "
                         f"{again.describe()}")
        # Without the key, the same SKU is a conflict.
        self.assertProblem(self.admin.post("/api/v1/skus", sku), 409, "already_exists")

        receipt = {"warehouse": self.wh, "sku": sku["sku"], "quantity": 7, "reason": "delivery"}
        key = o.unique("key")
        r1 = self.admin.post("/api/v1/stock/receipts", receipt, idempotency_key=key)
        self.assertStatus(r1, 201)
        r2 = self.admin.post("/api/v1/stock/receipts", receipt, idempotency_key=key)
        self.assertEqual((r2.status, r2.json), (r1.status, r1.json), r2.describe())
        self.assertStock(sku["sku"], 7, 0, "a replayed receipt receives once")
        r3 = self.admin.post("/api/v1/stock/receipts", dict(receipt, quantity=8),
                             idempotency_key=key)
        self.assertProblem(r3, 422, "idempotency_key_reused")
        self.assertStock(sku["sku"], 7, 0, "a refused receipt receives nothing")

    def test_key_on_a_transition(self):
        a = self.sku(10)
        order = self.place(o.order_body([(a, 2)]))
        key = o.unique("key")
        r1 = self.act(order["order_no"], "cancel", {"reason": "changed mind"},
                      idempotency_key=key)
        self.assertEqual(r1.json["status"], "closed", r1.describe())
        r2 = self.act(order["order_no"], "cancel", {"reason": "changed mind"},
                      idempotency_key=key, expect_status=200)
        self.assertEqual(r2.json, r1.json, "a replayed cancel returns the first response, "
                                           "not a 409")
        self.assertStock(a, 10, 0)
        # Without the key a second cancel is an illegal transition.
        r3 = self.act(order["order_no"], "cancel", {"reason": "changed mind"}, expect_status=409)
        self.assertProblem(r3, 409, "illegal_transition")

    # -- (channel, external_id) -------------------------------------------------------------

    def test_repeat_of_channel_and_external_id_returns_the_existing_order(self):
        a = self.sku(30)
        body = o.order_body([(a, 4)])
        first = self.place(body)
        self.assertStock(a, 30, 4)
        again = self.admin.post("/api/v1/orders", body)
        self.assertStatus(again, 200, "a repeat of (channel, external_id)")
        self.assertEqual(again.json["order_no"], first["order_no"], again.describe())
        # Even with different content, the existing order is returned unchanged.
        changed = dict(body, lines=[o.line(a, 9)])
        third = self.admin.post("/api/v1/orders", changed)
        self.assertStatus(third, 200, "a changed repeat of (channel, external_id)")
        self.assertEqual(third.json["order_no"], first["order_no"], third.describe())
        self.assertEqual(third.json["lines"][0]["quantity"], 4, third.describe())
        self.assertStock(a, 30, 4, "stock is reserved once")
        self.assertEqual(len(self.find_by_external_id(body["external_id"])), 1)
        self.assertEqual(self.get_order(first["order_no"])["version"], first["version"],
                         "a repeat does not touch the order")

    def test_same_external_id_in_another_channel_is_another_order(self):
        a = self.sku(30)
        ext = o.unique("EXT")
        one = self.place(o.order_body([(a, 1)], channel="web", external_id=ext))
        two = self.place(o.order_body([(a, 1)], channel="app", external_id=ext))
        self.assertNotEqual(one["order_no"], two["order_no"])
        self.assertStock(a, 30, 2)
        self.assertEqual(sorted(x["channel"] for x in self.find_by_external_id(ext)),
                         ["app", "web"])

    # -- payments ---------------------------------------------------------------------------

    def test_repeated_payment_transaction_is_a_no_op(self):
        a = self.sku(10)
        order = self.place(o.order_body([(a, 2)]))
        pay = o.payment_body(order)
        paid = self.act(order["order_no"], "payments", pay).json
        self.assertEqual((paid["status"], paid["payment_status"], paid["paid_amount"]),
                         ("pending_review", "paid", order["total_amount"]), paid)
        n = len(self.events(order["order_no"]))
        for i in range(2):
            resp = self.act(order["order_no"], "payments", pay)
            self.assertEqual((resp.json["status"], resp.json["payment_status"],
                              resp.json["paid_amount"], resp.json["version"]),
                             (paid["status"], paid["payment_status"], paid["paid_amount"],
                              paid["version"]),
                             f"repeat {i} of the same transaction changes nothing: "
                             f"{resp.describe()}")
        self.assertEqual(self.get_order(order["order_no"]), paid)
        self.assertEqual(len(self.events(order["order_no"])), n, "no event for a repeat")
        self.assertStock(a, 10, 2)

    def test_second_different_payment_is_recorded_not_applied(self):
        a = self.sku(10)
        order = self.place(o.order_body([(a, 1)]))
        paid = self.act(order["order_no"], "payments", o.payment_body(order)).json
        resp = self.act(order["order_no"], "payments", o.payment_body(order))
        # The extra money counts as paid and, refunded at once (REV-2), as refunded: what the
        # order itself was paid is unchanged.
        self.assertEqual((resp.json["status"], resp.json["payment_status"],
                          resp.json["paid_amount"] - resp.json["refunded_amount"]),
                         (paid["status"], "paid", paid["paid_amount"]),
                         f"a duplicate payment neither moves the order nor changes what the "
                         f"order was paid: {resp.describe()}")

    # -- If-Match ---------------------------------------------------------------------------

    def test_if_match_stale_version_is_refused(self):
        a = self.sku(10)
        created = self.admin.post("/api/v1/orders", o.order_body([(a, 1)]))
        self.assertStatus(created, 201)
        self.assertEtag(created)
        order = created.json
        no, v1 = order["order_no"], f'"{order["version"]}"'
        got = self.admin.get(f"/api/v1/orders/{no}")
        self.assertEqual(got.header("etag"), v1, got.headers)

        paid = self.act(no, "payments", o.payment_body(order), if_match=v1)
        self.assertEtag(paid)
        v2 = paid.header("etag")
        self.assertNotEqual(v2, v1)

        before = self.get_order(no)
        n = len(self.events(no))
        for action, body in (("review", {"decision": "approve", "reason": "ok"}),
                             ("cancel", {"reason": "stale"})):
            with self.subTest(action):
                resp = self.act(no, action, body, if_match=v1, expect_status=412)
                self.assertProblem(resp, 412, "version_mismatch", f"{action} with a stale "
                                                                  f"If-Match")
                self.assertEqual(self.get_order(no), before, "a 412 changes nothing")
                self.assertEqual(len(self.events(no)), n)
        self.assertStock(a, 10, 1)

        ok = self.act(no, "review", {"decision": "approve", "reason": "ok"}, if_match=v2)
        self.assertEqual(ok.json["status"], "awaiting_fulfillment", ok.describe())
        self.assertEtag(ok)
        # Without If-Match the request is unconditional.
        self.assertEqual(self.act(no, "pick").json["status"], "picking")


if __name__ == "__main__":
    unittest.main()
