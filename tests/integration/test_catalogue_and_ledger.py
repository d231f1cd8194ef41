"""The catalogue list and the stock ledger (INV-1): SKUs page by code with the same opaque
cursor as every other list, and every stock movement of an order's life (receipt,
reservation, release, consumption) is in the ledger with its actor, reason and order number,
its running balances agreeing with the stock the API reports."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


class CatalogueAndLedgerTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)

    def test_sku_list_pages_by_code_exactly_once(self):
        prefix = o.unique("PG").upper()
        codes = sorted(f"{prefix}-{i:02d}" for i in range(7))
        for code in codes:
            o.create_sku(self.admin, code)
        seen, cursor = [], None
        for _ in range(100):
            query = {"limit": 3}
            if cursor:
                query["cursor"] = cursor
            page = o.expect(self.admin.get("/api/v1/skus", query=query), 200)
            self.assertLessEqual(len(page["data"]), 3)
            seen.extend(s["sku"] for s in page["data"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
        ours = [code for code in seen if code.startswith(prefix)]
        self.assertEqual(ours, codes, "every SKU once, in code order")
        self.assertEqual(len(seen), len(set(seen)), "no SKU twice across pages")

    def test_a_bad_cursor_is_refused(self):
        for cursor in ("nonsense", "k", "c-1", "k!!!"):
            resp = self.admin.get("/api/v1/skus", query={"cursor": cursor})
            o.expect(resp, 422, what=cursor)
            self.assertEqual(resp.json["errors"][0]["field"], "cursor")

    def test_ledger_records_every_movement_with_actor_and_order(self):
        sku = o.seed_sku_with_stock(self.admin, self.wh, 10)
        code = sku["sku"]
        shipped = o.expect(self.admin.post("/api/v1/orders", o.order_body([(sku, 2)])), 201)
        cancelled = o.expect(self.admin.post("/api/v1/orders", o.order_body([(sku, 3)])), 201)
        o.expect(self.admin.post(f"/api/v1/orders/{cancelled['order_no']}/cancel",
                                 {"reason": "customer changed mind"}), 200)
        no = shipped["order_no"]
        o.expect(self.admin.post(f"/api/v1/orders/{no}/payments", o.payment_body(shipped)), 200)
        o.expect(self.admin.post(f"/api/v1/orders/{no}/review", {"decision": "approve"}), 200)
        o.expect(self.admin.post(f"/api/v1/orders/{no}/pick", {}), 200)
        self.verify(no)
        o.expect(self.admin.post(f"/api/v1/orders/{no}/pack", {"weight_g": 1090}), 200)
        o.expect(self.admin.post(f"/api/v1/orders/{no}/ship",
                                 {"carrier": "SF", "tracking_no": o.unique("SF")}), 200)

        entries = o.expect(self.admin.get(f"/api/v1/stock/{code}/ledger"), 200)["data"]
        summary = [(e["type"], e["quantity"], e["order_no"]) for e in entries]
        self.assertEqual(summary, [
            ("receipt", 10, ""),
            ("reservation", 2, no),
            ("reservation", 3, cancelled["order_no"]),
            ("release", -3, cancelled["order_no"]),
            ("consumption", -2, no),
        ])
        for entry in entries:
            self.assertTrue(entry["actor"], entry)
            self.assertTrue(entry["at"], entry)
            self.assertLessEqual(entry["reserved_after"], entry["on_hand_after"], entry)
        self.assertEqual(entries[3]["reason"], "order cancelled")
        stock = o.stock_of(self.admin, code)
        self.assertEqual((entries[-1]["on_hand_after"], entries[-1]["reserved_after"]),
                         (stock["on_hand"], stock["reserved"]))
        self.assertEqual(stock["on_hand"], 8)
        self.assertEqual(stock["reserved"], 0)

    def test_ledger_pages_with_a_cursor(self):
        sku = o.seed_sku_with_stock(self.admin, self.wh, 1)
        for _ in range(4):
            o.receive_stock(self.admin, self.wh, sku["sku"], 1)
        first = o.expect(self.admin.get(f"/api/v1/stock/{sku['sku']}/ledger",
                                        query={"limit": 3}), 200)
        self.assertEqual(len(first["data"]), 3)
        self.assertIsNotNone(first["next_cursor"])
        rest = o.expect(self.admin.get(f"/api/v1/stock/{sku['sku']}/ledger",
                                       query={"limit": 3, "cursor": first["next_cursor"]}),
                        200)
        self.assertEqual(len(rest["data"]), 2)
        self.assertIsNone(rest["next_cursor"])
        ids = [e["id"] for e in first["data"] + rest["data"]]
        self.assertEqual(ids, sorted(set(ids)))


if __name__ == "__main__":
    unittest.main()
