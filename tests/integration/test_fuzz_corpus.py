"""Replays the fuzz corpus (tests/fuzz/corpus, described in tests/fuzz/README.md): requests that
schema-driven fuzzing found to overflow or truncate numbers (issue 14, item 4). Each must now be
refused with 422 naming its field, with a valid JSON body, and leave the server running (on the
sanitizer build too, where the overflow used to abort it)."""

import glob
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

CORPUS = os.path.join(o.REPO_ROOT, "tests", "fuzz", "corpus")


def fill(value, names):
    """`value` with every {name} placeholder in its strings replaced."""
    if isinstance(value, str):
        for name, text in names.items():
            value = value.replace("{" + name + "}", str(text))
        return value
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    return value


class FuzzCorpusTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.wh, 1000)

    def setup_for(self, setup):
        names = {"warehouse": self.wh, "sku": self.sku["sku"], "unique": o.unique("x")}
        if setup in ("paid_order", "picked_order"):
            order = self.place(o.order_body([(self.sku, 1)]))
            no = order["order_no"]
            self.act(no, "payments", o.payment_body(order))
            if setup == "picked_order":
                self.act(no, "review", {"decision": "approve", "reason": "ok"})
                self.act(no, "pick")
            names["order_no"] = no
        elif setup == "stocktake":
            stocktake = o.expect(self.admin.post("/api/v1/stocktakes", {
                "warehouse": self.wh, "skus": [self.sku["sku"]], "reason": "fuzz"}), 201)
            names["stocktake"] = stocktake["id"]
        return names

    def test_every_request_of_the_corpus_is_refused_naming_its_field(self):
        files = sorted(glob.glob(os.path.join(CORPUS, "*.json")))
        self.assertGreaterEqual(len(files), 10, CORPUS)
        for path in files:
            with open(path, encoding="utf-8") as f:
                case = json.load(f)
            with self.subTest(case=os.path.basename(path)):
                names = self.setup_for(case["setup"])
                body = fill(case["body"], names)
                if case["setup"] == "carrier_rules":
                    rules = o.expect(self.admin.get("/api/v1/carriers"), 200)
                    rules["carrier_rules"][0].update(body)
                    body = rules
                    # The carrier rules change only with their ETag (If-Match).
                    resp = o.put_carriers(self.admin, body)
                else:
                    resp = self.admin.request(case["method"], fill(case["path"], names), body)
                self.assertFieldError(resp, case["expect"]["field"], "invalid_value",
                                      case["finding"])
                json.loads(resp.body.decode("utf-8"))
                self.server.assert_running()


if __name__ == "__main__":
    unittest.main()
