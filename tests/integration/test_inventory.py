"""Inventory depth (domain.md INV-1..INV-5, api.md "Inventory depth"): the ledger's filters and
the check that every level is the sum of its movements; warehouse choice by the consignee's
region and the warehouses' priority, split across warehouses; shortages with their reason,
expected restock date and replenishment request; the backorder queue served by priority then
age as goods arrive; the customer's choice for missing lines (wait, ship what is in stock,
refund, exchange); stocktakes approved by a second person; stock alerts; and who may do what."""

import datetime
import os
import sqlite3
import subprocess
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

DAY = datetime.timedelta(days=1)


def warehouse_in(client, province, city):
    code = o.unique("WH")
    body = {"code": code, "name": f"{city}仓",
            "address": {"province": province, "city": city, "district": "某区",
                        "detail": "工业路1号 2号楼"}}
    o.expect(client.post("/api/v1/warehouses", body), 201, what=f"warehouse {code}")
    return code


def to(province, city, lines, **extra):
    """An order body going to `province` / `city`."""
    body = o.order_body(lines, **extra)
    body["consignee"]["address"].update({"province": province, "city": city})
    return body


class InventoryTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.sh = o.create_warehouse(cls.admin)  # 上海市
        cls.bj = warehouse_in(cls.admin, "北京市", "北京市")
        cls.gz = warehouse_in(cls.admin, "广东省", "广州市")
        cls.purchasing = cls.server.client(cls.server.token("purchasing", "buyer-chen"))
        cls.purchasing2 = cls.server.client(cls.server.token("purchasing", "buyer-liu"))
        cls.warehouse = cls.server.client(cls.server.token("warehouse", "wh-wang"))
        cls.cs = cls.server.client(cls.server.token("customer_service", "cs-li"))
        cls.auditor = cls.server.client(cls.server.token("auditor", "audit-zhou"))
        cls.finance = cls.server.client(cls.server.token("finance", "fin-sun"))

    # -- helpers ------------------------------------------------------------------------------

    def line_of(self, order, sku):
        code = sku["sku"] if isinstance(sku, dict) else sku
        for ln in order["lines"]:
            if ln["sku"] == code:
                return ln
        self.fail(f"no line of {code} in {order}")

    def pay(self, order):
        return self.act(order["order_no"], "payments", o.payment_body(order)).json

    def choose(self, order, body, client=None, expect_status=200):
        resp = (client or self.cs).post(f"/api/v1/orders/{order['order_no']}/backorder-choice",
                                        body)
        self.assertStatus(resp, expect_status, f"backorder choice {body}")
        return resp

    def queue(self, sku, client=None, **query):
        q = {"sku": sku["sku"], "limit": 200}
        q.update(query)
        return o.expect((client or self.admin).get("/api/v1/backorders", query=q), 200)["data"]

    def requests_of(self, sku):
        return o.expect(self.purchasing.get("/api/v1/replenishment-requests",
                                            query={"sku": sku["sku"]}), 200)["data"]

    def ledger(self, sku, **query):
        return o.expect(self.admin.get(f"/api/v1/stock/{sku['sku']}/ledger", query=query),
                        200)

    # -- ledger -------------------------------------------------------------------------------

    def test_ledger_filters_by_warehouse_type_and_time_with_paging(self):
        sku = o.create_sku(self.admin)
        before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
        o.receive_stock(self.admin, self.sh, sku["sku"], 5)
        o.receive_stock(self.admin, self.bj, sku["sku"], 2)
        order = self.place(o.order_body([(sku, 3)]))
        self.act(order["order_no"], "cancel", {"reason": "changed mind"})

        entries = self.ledger(sku)["data"]
        self.assertEqual([e["type"] for e in entries],
                         ["receipt", "receipt", "reservation", "release"])
        in_bj = self.ledger(sku, warehouse=self.bj)["data"]
        self.assertEqual([(e["type"], e["warehouse"]) for e in in_bj], [("receipt", self.bj)])
        receipts = self.ledger(sku, type="receipt")["data"]
        self.assertEqual([e["quantity"] for e in receipts], [5, 2])
        both = self.ledger(sku, warehouse=self.sh, type="release")["data"]
        self.assertEqual([(e["quantity"], e["order_no"]) for e in both],
                         [(-3, order["order_no"])])
        self.assertEqual(len(self.ledger(sku, **{"from": o.rfc3339(before)})["data"]), 4)
        self.assertEqual(self.ledger(sku, to=o.rfc3339(before))["data"], [])
        self.assertEqual(self.ledger(sku, **{"from": o.rfc3339(before + DAY)})["data"], [])
        # Paging keeps the filter.
        first = self.ledger(sku, warehouse=self.sh, limit=1)
        self.assertEqual(len(first["data"]), 1)
        rest = self.ledger(sku, warehouse=self.sh, limit=5, cursor=first["next_cursor"])
        self.assertEqual([e["type"] for e in first["data"] + rest["data"]],
                         ["receipt", "reservation", "release"])
        self.assertIsNone(rest["next_cursor"])
        for bad, field in (({"type": "theft"}, "type"), ({"from": "yesterday"}, "from"),
                           ({"to": "2026-13-45"}, "to")):
            resp = self.admin.get(f"/api/v1/stock/{sku['sku']}/ledger", query=bad)
            self.assertFieldError(resp, field, "invalid_value", f"ledger filter {bad}")

    def test_every_level_is_the_sum_of_its_movements_by_endpoint_and_command_line(self):
        sku = self.new_sku(self.sh, 4)
        order = self.place(o.order_body([(sku, 6)]))
        o.receive_stock(self.admin, self.sh, sku["sku"], 3)
        self.act(order["order_no"], "cancel", {"reason": "test"})
        check = o.expect(self.auditor.get("/api/v1/stock/verify"), 200)
        self.assertTrue(check["ok"], check)
        self.assertEqual(check["differences"], [])
        self.assertGreaterEqual(check["levels"], 1)
        self.assertGreaterEqual(check["ledger_entries"], 5)
        self.assertProblem(self.warehouse.get("/api/v1/stock/verify"), 403, "forbidden")
        run = subprocess.run([self.server.bin, "stock", "verify", "--data", self.server.data_dir],
                             capture_output=True, timeout=o.CLI_TIMEOUT_S)
        self.assertEqual(run.returncode, 0, run)
        self.assertIn(b"stock: OK", run.stdout)

    # -- warehouse choice ---------------------------------------------------------------------

    def test_the_warehouse_near_the_consignee_serves_and_priority_breaks_ties(self):
        sku = o.create_sku(self.admin)
        o.receive_stock(self.admin, self.sh, sku["sku"], 20)
        o.receive_stock(self.admin, self.bj, sku["sku"], 5)
        o.receive_stock(self.admin, self.gz, sku["sku"], 5)
        beijing = self.place(to("北京市", "北京市", [(sku, 2)]))
        self.assertEqual(self.line_of(beijing, sku)["allocations"],
                         [{"warehouse": self.bj, "quantity": 2}])
        shanghai = self.place(o.order_body([(sku, 2)]))
        self.assertEqual(self.line_of(shanghai, sku)["allocations"][0]["warehouse"], self.sh)
        # Tianjin is nobody's region: the warehouse with the most units serves it ...
        far = self.place(to("天津市", "天津市", [(sku, 1)]))
        self.assertEqual(self.line_of(far, sku)["allocations"][0]["warehouse"], self.sh)
        # ... until Beijing lists it as a neighbour.
        rule = o.expect(self.admin.request(
            "PUT", f"/api/v1/warehouses/{self.bj}/allocation-rules",
            {"priority": 0, "regions": [{"province": "天津市", "rank": 1},
                                        {"province": "河北省", "rank": 2}]}), 200)
        self.assertEqual(rule["province"], "北京市")
        self.assertEqual([r["province"] for r in rule["regions"]], ["天津市", "河北省"])
        got = o.expect(self.warehouse.get(f"/api/v1/warehouses/{self.bj}/allocation-rules"),
                       200)
        self.assertEqual(got, rule)
        near = self.place(to("天津市", "天津市", [(sku, 1)]))
        self.assertEqual(self.line_of(near, sku)["allocations"][0]["warehouse"], self.bj)
        # Chengdu is far from every warehouse: priority decides before the number of units.
        o.expect(self.admin.request("PUT", f"/api/v1/warehouses/{self.gz}/allocation-rules",
                                    {"priority": 10, "regions": []}), 200)
        chengdu = self.place(to("四川省", "成都市", [(sku, 1)]))
        self.assertEqual(self.line_of(chengdu, sku)["allocations"][0]["warehouse"], self.gz)
        o.expect(self.admin.request("PUT", f"/api/v1/warehouses/{self.gz}/allocation-rules",
                                    {"priority": 0}), 200)

    def test_allocation_rules_are_validated_and_guarded(self):
        path = f"/api/v1/warehouses/{self.bj}/allocation-rules"
        resp = self.admin.request("PUT", path, {"regions": [{"province": "天津市", "rank": 0}]})
        self.assertFieldError(resp, "regions[0].rank", "invalid_value")
        resp = self.admin.request("PUT", path, {"regions": [{"province": "北京市", "rank": 1}]})
        self.assertFieldError(resp, "regions[0].province", "invalid_value")
        resp = self.admin.request("PUT", path, {"regions": [{"rank": 1}]})
        self.assertFieldError(resp, "regions[0].province", "required")
        self.assertProblem(self.admin.request("PUT", "/api/v1/warehouses/NOPE/allocation-rules",
                                              {"priority": 1}), 404, "not_found")
        self.assertProblem(self.admin.get("/api/v1/warehouses/NOPE/allocation-rules"), 404,
                           "not_found")
        self.assertProblem(self.warehouse.request("PUT", path, {"priority": 1}), 403, "forbidden")

    def test_an_order_no_warehouse_can_fill_is_split_across_warehouses(self):
        tea = self.new_sku(self.sh, 3)
        cup = self.new_sku(self.bj, 2)
        order = self.place(o.order_body([(tea, 3), (cup, 2)]))
        self.assertEqual(self.line_of(order, tea)["allocations"],
                         [{"warehouse": self.sh, "quantity": 3}])
        self.assertEqual(self.line_of(order, cup)["allocations"],
                         [{"warehouse": self.bj, "quantity": 2}])
        self.assertFalse(order["backordered"])
        one = o.create_sku(self.admin)
        o.receive_stock(self.admin, self.sh, one["sku"], 2)
        o.receive_stock(self.admin, self.gz, one["sku"], 2)
        split_line = self.line_of(self.place(o.order_body([(one, 4)])), one)
        self.assertEqual(sorted((a["warehouse"], a["quantity"]) for a in
                                split_line["allocations"]),
                         sorted([(self.sh, 2), (self.gz, 2)]))

    # -- shortages, replenishment ---------------------------------------------------------------

    def test_a_shortage_has_a_reason_an_expected_date_and_reaches_purchasing(self):
        sku = self.new_sku(self.sh, 1)
        settings = o.expect(self.purchasing.patch(
            f"/api/v1/skus/{sku['sku']}/stock-settings", {"lead_time_days": 3}), 200)
        self.assertEqual(settings["lead_time_days"], 3)
        now = datetime.datetime.now(datetime.timezone.utc)
        first = self.place(o.order_body([(sku, 3)]))
        ln = self.line_of(first, sku)
        self.assertEqual((ln["quantity_reserved"], ln["quantity_backordered"]), (1, 2))
        self.assertEqual(ln["backorder"]["reason"], "insufficient_stock")
        self.assertEqual(ln["backorder"]["warehouse"], self.sh)
        expected = o.parse_time(ln["backorder"]["expected_restock_at"])
        self.assertLess(abs((expected - now) - 3 * DAY), datetime.timedelta(minutes=5))
        second = self.place(o.order_body([(sku, 4)]))
        self.assertEqual(self.line_of(second, sku)["backorder"]["reason"], "out_of_stock")

        requests = self.requests_of(sku)
        self.assertEqual(len(requests), 1, "one live request per SKU and warehouse")
        request = requests[0]
        self.assertEqual((request["status"], request["quantity"], request["quantity_waiting"],
                          request["warehouse"]), ("open", 6, 6, self.sh))
        rid = request["id"]
        path = f"/api/v1/replenishment-requests/{rid}"
        self.assertEqual(o.expect(self.warehouse.get(path), 200)["id"], rid)
        self.assertProblem(self.warehouse.post(path + "/acknowledge",
                                               {"expected_at": "2099-01-01"}), 403, "forbidden")
        self.assertFieldError(self.purchasing.post(path + "/acknowledge", {}), "expected_at",
                              "required")
        self.assertFieldError(self.purchasing.post(path + "/acknowledge",
                                                   {"expected_at": "2001-01-01"}),
                              "expected_at", "invalid_value")
        date = (now + 10 * DAY).strftime("%Y-%m-%d")
        acked = o.expect(self.purchasing.post(path + "/acknowledge",
                                              {"expected_at": date, "note": "周五到货"}), 200)
        self.assertEqual(acked["status"], "acknowledged")
        self.assertTrue(acked["expected_at"].startswith(date), acked)
        for order in (first, second):
            stored = self.get_order(order["order_no"])
            self.assertTrue(self.line_of(stored, sku)["backorder"]["expected_restock_at"]
                            .startswith(date), stored)
            last = self.events(order["order_no"])[-1]
            self.assertEqual((last["type"], last["actor"]), ("restock_expected",
                                                             "token:buyer-chen"))
        closed = o.expect(self.purchasing.post(path + "/close", {"note": "已下采购单"}), 200)
        self.assertEqual((closed["status"], closed["closed_by"]), ("closed", "token:buyer-chen"))
        self.assertProblem(self.purchasing.post(path + "/close", {}), 409, "already_decided")
        self.assertProblem(self.purchasing.post("/api/v1/replenishment-requests/999999/close",
                                                {}), 404, "not_found")
        self.place(o.order_body([(sku, 1)]))
        statuses = [r["status"] for r in self.requests_of(sku)]
        self.assertEqual(statuses, ["open", "closed"], "a new shortage opens a new request")
        only_open = o.expect(self.purchasing.get("/api/v1/replenishment-requests",
                                                 query={"sku": sku["sku"], "status": "open"}),
                             200)["data"]
        self.assertEqual(len(only_open), 1)
        self.assertFieldError(self.purchasing.get("/api/v1/replenishment-requests",
                                                  query={"status": "maybe"}),
                              "status", "invalid_value")
        self.assertProblem(self.cs.get("/api/v1/replenishment-requests"), 403, "forbidden")

    def test_arriving_goods_serve_waiting_orders_by_priority_then_age(self):
        sku = o.create_sku(self.admin)
        old = self.place(o.order_body([(sku, 2)]))
        newer = self.place(o.order_body([(sku, 2)]))
        urgent = self.place(o.order_body([(sku, 2)], service="express"))
        self.assertGreater(urgent["priority"], old["priority"])
        waiting = self.queue(sku)
        self.assertEqual([w["order_no"] for w in waiting],
                         [urgent["order_no"], old["order_no"], newer["order_no"]])
        self.assertTrue(all(w["quantity_backordered"] == 2 and w["age_seconds"] >= 0
                            for w in waiting), waiting)
        page = o.expect(self.admin.get("/api/v1/backorders",
                                       query={"sku": sku["sku"], "limit": 1}), 200)
        self.assertEqual([w["order_no"] for w in page["data"]], [urgent["order_no"]])
        page2 = o.expect(self.admin.get("/api/v1/backorders", query={
            "sku": sku["sku"], "limit": 5, "cursor": page["next_cursor"]}), 200)
        self.assertEqual([w["order_no"] for w in page2["data"]],
                         [old["order_no"], newer["order_no"]])

        receipt = o.receive_stock(self.warehouse, self.sh, sku["sku"], 4)
        self.assertEqual(receipt["stock"]["reserved"], 4, "filled in the receipt's transaction")
        served = {x["order_no"]: self.line_of(self.get_order(x["order_no"]), sku)
                  for x in (urgent, old, newer)}
        self.assertEqual(served[urgent["order_no"]]["quantity_reserved"], 2)
        self.assertEqual(served[old["order_no"]]["quantity_reserved"], 2)
        self.assertEqual(served[newer["order_no"]]["quantity_backordered"], 2)
        self.assertIsNone(served[urgent["order_no"]]["backorder"])
        self.assertEqual([w["order_no"] for w in self.queue(sku)], [newer["order_no"]])
        fills = [e for e in self.ledger(sku)["data"] if e["reason"] == "backorder filled"]
        self.assertEqual([e["order_no"] for e in fills], [urgent["order_no"], old["order_no"]])
        last = self.events(urgent["order_no"])[-1]
        self.assertEqual(last["type"], "backorder_filled")
        self.assertStock(sku, 4, 4)

    # -- the customer's choice --------------------------------------------------------------

    def test_wait_then_ship_available_lets_the_warehouse_ship_what_is_in_stock(self):
        sku = self.new_sku(self.sh, 1)
        order = self.place(o.order_body([(sku, 3)]))
        order = self.pay(order)
        self.act(order["order_no"], "review", {"decision": "approve"})
        self.assertProblem(self.act(order["order_no"], "pick", expect_status=409), 409,
                           "backordered")
        waited = self.choose(order, {"choice": "wait", "note": "客户愿意等"}).json
        self.assertEqual(waited["backorder_choice"], "wait")
        self.assertEqual(self.line_of(waited, sku)["quantity_backordered"], 2)
        shipped = self.choose(order, {"choice": "ship_available"})
        self.assertEqual(shipped.header("etag"), f'"{shipped.json["version"]}"')
        ln = self.line_of(shipped.json, sku)
        self.assertEqual((ln["quantity_reserved"], ln["quantity_backordered"],
                          ln["quantity_dropped"]), (1, 0, 2))
        self.assertFalse(shipped.json["backordered"])
        choices = [e for e in self.events(order["order_no"]) if e["type"] == "backorder_choice"]
        self.assertEqual([(e["actor"], e["details"]["choice"]) for e in choices],
                         [("token:cs-li", "wait"), ("token:cs-li", "ship_available")])
        self.act(order["order_no"], "pick")
        self.assertProblem(self.choose(order, {"choice": "wait"}, expect_status=409), 409,
                           "illegal_transition")
        o.receive_stock(self.admin, self.sh, sku["sku"], 5)
        self.assertEqual(self.line_of(self.get_order(order["order_no"]), sku)
                         ["quantity_reserved"], 1, "dropped units are not filled later")

    def test_refund_missing_needs_a_payment_and_creates_a_pending_refund(self):
        sku = self.new_sku(self.sh, 1, price_amount=5000)
        cup = self.new_sku(self.sh, 1, price_amount=1200)
        order = self.place(o.order_body([(sku, 3), (cup, 1)]))
        self.assertProblem(self.choose(order, {"choice": "refund_missing"}, expect_status=409),
                           409, "not_paid")
        order = self.pay(order)
        done = self.choose(order, {"choice": "refund_missing", "note": "客户要求退款"}).json
        self.assertEqual(done["refund"]["amount"], 10000)
        self.assertEqual(done["refund"]["status"], "pending")
        self.assertEqual(done["total_amount"], 5000 + 1200)
        self.assertEqual(done["paid_amount"], 3 * 5000 + 1200)
        self.assertEqual(done["refunded_amount"], 10000)
        self.assertEqual(self.line_of(done, sku)["quantity"], 1)
        refunds = o.expect(self.finance.get("/api/v1/refunds",
                                            query={"order_no": order["order_no"]}), 200)["data"]
        self.assertEqual([(r["amount"], r["status"], r["lines"]) for r in refunds],
                         [(10000, "pending", "1:2")])
        self.assertProblem(self.choose(order, {"choice": "refund_missing"}, expect_status=409),
                           409, "nothing_missing")
        self.assertFieldError(self.finance.get("/api/v1/refunds"), "order_no", "required")
        self.assertEqual(self.queue(sku), [])

    def test_exchange_reserves_the_replacement_and_records_the_price_difference(self):
        tea = o.create_sku(self.admin, price_amount=6600)
        mug = self.new_sku(self.sh, 1, price_amount=9000)
        order = self.pay(self.place(o.order_body([(tea, 2)])))
        resp = self.choose(order, {"choice": "exchange",
                                   "lines": [{"line_no": 1, "sku": mug["sku"], "quantity": 2}]},
                           expect_status=409)
        self.assertProblem(resp, 409, "insufficient_stock")
        self.assertStock(mug, 1, 0, "a refused exchange reserves nothing")
        resp = self.choose(order, {"choice": "exchange", "lines": [
            {"line_no": 7, "sku": mug["sku"], "quantity": 1},
            {"line_no": 1, "sku": "NO-SUCH-SKU", "quantity": 1}]}, expect_status=422)
        self.assertFieldError(resp, "lines[0].line_no", "invalid_value")
        self.assertFieldError(resp, "lines[1].sku", "unknown_sku")
        self.assertFieldError(self.choose(order, {"choice": "exchange"}, expect_status=422),
                              "lines", "required")
        done = self.choose(order, {"choice": "exchange", "lines": [
            {"line_no": 1, "sku": mug["sku"], "quantity": 1}]}).json
        self.assertEqual([(ln["sku"], ln["quantity_reserved"], ln.get("replaces_line_no"))
                          for ln in done["lines"]], [(mug["sku"], 1, 1)])
        self.assertEqual(done["total_amount"], 9000)
        # Cheaper than what it replaces: the difference goes back at once (issue 13.3).
        self.assertEqual((done["refunded_amount"], done["kept_amount"], done["owed_amount"]),
                         (2 * 6600 - 9000, 9000, 0), done)
        self.assertStock(mug, 1, 1)
        last = [e for e in self.events(order["order_no"]) if e["type"] == "backorder_choice"][-1]
        self.assertEqual(last["details"]["price_difference_amount"], str(9000 - 2 * 6600))
        self.assertEqual(last["details"]["refund_amount"], str(2 * 6600 - 9000))

    def test_backorder_choice_is_for_service_operations_and_the_orders_own_channel(self):
        sku = o.create_sku(self.admin)
        shop_name = o.unique("shop")
        shop = self.client(self.server.token("channel", shop_name))
        other = self.client(self.server.token("channel", o.unique("shop")))
        mine = self.place(o.order_body([(sku, 1)], channel=shop_name), client=shop)
        self.assertProblem(self.choose(mine, {"choice": "wait"}, client=other,
                                       expect_status=404), 404, "not_found")
        self.assertEqual(self.choose(mine, {"choice": "wait"}, client=shop).json["order_no"],
                         mine["order_no"])
        self.assertProblem(self.choose(mine, {"choice": "wait"}, client=self.warehouse,
                                       expect_status=403), 403, "forbidden")
        self.assertProblem(self.choose(mine, {"choice": "wait"}, client=self.finance,
                                       expect_status=403), 403, "forbidden")
        self.assertFieldError(self.choose(mine, {"choice": "later"}, expect_status=422),
                              "choice", "invalid_value")
        self.assertFieldError(self.choose(mine, {}, expect_status=422), "choice", "required")
        self.assertProblem(self.cs.post("/api/v1/orders/19990101000001/backorder-choice",
                                        {"choice": "wait"}), 404, "not_found")
        self.assertEqual([w["order_no"] for w in self.queue(sku, client=shop)],
                         [mine["order_no"]])
        self.assertEqual(self.queue(sku, client=other), [], "another channel sees nothing")

    # -- stocktakes ---------------------------------------------------------------------------

    def test_a_stocktake_is_counted_then_approved_by_someone_else(self):
        tea = self.new_sku(self.sh, 10)
        cup = self.new_sku(self.sh, 4)
        holder = self.place(o.order_body([(tea, 9)]))
        waiting = self.place(o.order_body([(tea, 3)]))
        self.assertEqual(self.line_of(waiting, tea)["quantity_backordered"], 2)
        created = self.warehouse.post("/api/v1/stocktakes", {
            "warehouse": self.sh, "skus": [tea["sku"], cup["sku"]], "reason": "双十一前盘点"})
        self.assertStatus(created, 201)
        take = created.json
        self.assertEqual((take["status"], take["scope"]), ("open", "skus"))
        path = f"/api/v1/stocktakes/{take['id']}"
        self.assertEqual(created.header("location"), path)
        resp = self.warehouse.post(path + "/counts", {"counts": [{"sku": "NOT-LISTED",
                                                                  "counted": 1}]})
        self.assertFieldError(resp, "counts[0].sku", "unknown_sku")
        resp = self.warehouse.post(path + "/counts", {"counts": [{"sku": tea["sku"],
                                                                  "counted": -1}]})
        self.assertFieldError(resp, "counts[0].counted", "invalid_value")
        counted = o.expect(self.warehouse.post(path + "/counts", {"counts": [
            {"sku": tea["sku"], "counted": 13}]}), 200)
        self.assertProblem(self.purchasing.post(path + "/approve"), 409, "stocktake_incomplete")
        o.expect(self.warehouse.post(path + "/counts", {"counts": [
            {"sku": cup["sku"], "counted": 4}]}), 200)
        counted = o.expect(self.admin.get(path), 200)
        by_sku = {ln["sku"]: ln for ln in counted["lines"]}
        self.assertEqual((by_sku[tea["sku"]]["on_hand_at_count"], by_sku[tea["sku"]]["variance"]),
                         (10, 3))
        self.assertEqual(by_sku[cup["sku"]]["variance"], 0)
        self.assertEqual(by_sku[tea["sku"]]["counted_by"], "token:wh-wang")
        self.assertProblem(self.warehouse.post(path + "/approve"), 403, "forbidden")
        approved = o.expect(self.purchasing.post(path + "/approve"), 200)
        self.assertEqual((approved["status"], approved["decided_by"]),
                         ("approved", "token:buyer-chen"))
        self.assertStock(tea, 13, 12, "the variance is on the books and served the waiting order")
        self.assertEqual(self.line_of(self.get_order(waiting["order_no"]), tea)
                         ["quantity_backordered"], 0)
        movements = self.ledger(tea, type="stocktake")["data"]
        self.assertEqual([(m["quantity"], m["actor"]) for m in movements],
                         [(3, "token:buyer-chen")])
        self.assertProblem(self.purchasing2.post(path + "/approve"), 409, "already_decided")
        self.assertProblem(self.warehouse.post(path + "/counts", {"counts": [
            {"sku": tea["sku"], "counted": 1}]}), 409, "already_decided")
        # Counted by purchasing itself: another buyer approves; a count below what orders hold
        # is refused, naming the SKU.
        second = o.expect(self.purchasing.post("/api/v1/stocktakes", {
            "warehouse": self.sh, "skus": [tea["sku"]], "reason": "复盘"}), 201)
        spath = f"/api/v1/stocktakes/{second['id']}"
        o.expect(self.purchasing.post(spath + "/counts", {"counts": [
            {"sku": tea["sku"], "counted": 5}]}), 200)
        self.assertProblem(self.purchasing.post(spath + "/approve"), 403, "self_approval")
        body = self.assertProblem(self.purchasing2.post(spath + "/approve"), 409,
                                  "stocktake_below_reserved")
        self.assertIn(tea["sku"], body.get("detail", "") + body.get("title", ""), body)
        self.assertStock(tea, 13, 12, "a refused approval changes nothing")
        o.expect(self.warehouse.post(spath + "/cancel"), 200)
        self.assertEqual(o.expect(self.admin.get(spath), 200)["status"], "cancelled")
        del holder

    def test_stocktake_refusals(self):
        self.assertFieldError(self.warehouse.post("/api/v1/stocktakes",
                                                  {"warehouse": "NOPE", "reason": "x"}),
                              "warehouse", "unknown_warehouse")
        self.assertFieldError(self.warehouse.post("/api/v1/stocktakes", {"warehouse": self.sh}),
                              "reason", "required")
        self.assertFieldError(self.warehouse.post("/api/v1/stocktakes", {
            "warehouse": self.sh, "skus": ["NO-SUCH"], "reason": "x"}), "skus[0]", "unknown_sku")
        self.assertProblem(self.admin.get("/api/v1/stocktakes/999999"), 404, "not_found")
        self.assertProblem(self.admin.get("/api/v1/stocktakes/abc"), 404, "not_found")
        self.assertProblem(self.cs.post("/api/v1/stocktakes", {"warehouse": self.sh,
                                                               "reason": "x"}), 403, "forbidden")
        listed = o.create_sku(self.admin)
        take = o.expect(self.warehouse.post("/api/v1/stocktakes", {
            "warehouse": self.sh, "skus": [listed["sku"]], "reason": "x"}), 201)
        other = o.create_sku(self.admin)
        resp = self.warehouse.post(f"/api/v1/stocktakes/{take['id']}/counts",
                                   {"counts": [{"sku": other["sku"], "counted": 1}]})
        self.assertFieldError(resp, "counts[0].sku", "not_in_stocktake")
        whole = o.expect(self.warehouse.post("/api/v1/stocktakes", {
            "warehouse": self.bj, "reason": "全仓盘点"}), 201)
        self.assertEqual(whole["scope"], "warehouse")

    # -- alerts and settings ------------------------------------------------------------------

    def test_alerts_list_low_and_zero_stock_and_no_sellable_sku_that_shows_stock_backorders(self):
        low = self.new_sku(self.sh, 3)
        o.expect(self.admin.patch(f"/api/v1/skus/{low['sku']}/stock-settings",
                                  {"low_stock_threshold": 5}), 200)
        empty = o.create_sku(self.admin)
        self.place(o.order_body([(empty, 1)]))  # waits
        # Stock that arrives while orders wait goes to them: nothing is left idle.
        busy = o.create_sku(self.admin)
        self.place(o.order_body([(busy, 2)]))
        o.receive_stock(self.admin, self.bj, busy["sku"], 3)
        # A deliberate defect: two units of a SKU sold in threes cannot be ordered.
        packs = self.new_sku(self.sh, 2, step_quantity=3)
        alerts = o.expect(self.warehouse.get("/api/v1/stock/alerts"), 200)
        low_skus = {a["sku"]: a for a in alerts["low_stock"]}
        self.assertIn(low["sku"], low_skus)
        self.assertEqual((low_skus[low["sku"]]["available"],
                          low_skus[low["sku"]]["low_stock_threshold"]), (3, 5))
        zero = {a["sku"]: a for a in alerts["zero_stock"]}
        self.assertIn(empty["sku"], zero)
        self.assertEqual(zero[empty["sku"]]["quantity_waiting"], 1)
        self.assertNotIn(busy["sku"], zero)
        defects = [(a["sku"], a["kind"]) for a in alerts["orderable_defects"]]
        self.assertEqual(defects, [(packs["sku"], "below_minimum_order")],
                         "every other sellable SKU that shows stock can be ordered")
        self.assertProblem(self.finance.get("/api/v1/stock/alerts"), 403, "forbidden")

    def test_sku_stock_settings(self):
        sku = o.create_sku(self.admin)
        got = o.expect(self.admin.get(f"/api/v1/skus/{sku['sku']}"), 200)
        self.assertEqual(got["lead_time_days"], 7)
        path = f"/api/v1/skus/{sku['sku']}/stock-settings"
        done = o.expect(self.purchasing.patch(path, {"low_stock_threshold": 8,
                                                     "lead_time_days": 14}), 200)
        self.assertEqual((done["low_stock_threshold"], done["lead_time_days"]), (8, 14))
        self.assertEqual(o.expect(self.admin.get(f"/api/v1/skus/{sku['sku']}"), 200)
                         ["lead_time_days"], 14)
        self.assertFieldError(self.purchasing.patch(path, {"lead_time_days": 400}),
                              "lead_time_days", "invalid_value")
        self.assertFieldError(self.purchasing.patch(path, {}), "low_stock_threshold", "required")
        self.assertProblem(self.purchasing.patch("/api/v1/skus/NOPE/stock-settings",
                                                 {"lead_time_days": 1}), 404, "not_found")
        self.assertProblem(self.warehouse.patch(path, {"lead_time_days": 1}), 403, "forbidden")
        audit = o.expect(self.auditor.get("/api/v1/audit", query={"entity": "sku",
                                                                  "id": sku["sku"]}), 200)
        self.assertIn("stock_settings", [e["action"] for e in audit["data"]])

    def test_the_openapi_document_describes_the_inventory_endpoints(self):
        doc = o.expect(self.admin.get("/api/v1/openapi.json"), 200)
        for path in ("/api/v1/backorders", "/api/v1/orders/{order_no}/backorder-choice",
                     "/api/v1/replenishment-requests", "/api/v1/stocktakes",
                     "/api/v1/stocktakes/{id}/approve", "/api/v1/stock/alerts",
                     "/api/v1/stock/verify", "/api/v1/warehouses/{code}/allocation-rules",
                     "/api/v1/refunds"):
            self.assertIn(path, doc["paths"])
        for schema in ("Stocktake", "BackorderChoice", "ReplenishmentRequest", "StockAlerts"):
            self.assertIn(schema, doc["components"]["schemas"])


class StockVerifyTamperTest(unittest.TestCase):
    """`ordo stock verify` and GET /stock/verify name a level changed outside Ordo."""

    def test_a_level_changed_behind_the_ledgers_back_is_named(self):
        server = o.OrdoServer("StockVerifyTamper")
        self.addCleanup(server.cleanup)
        server.start()
        admin = server.client(server.token("admin"))
        wh = o.create_warehouse(admin)
        sku = o.seed_sku_with_stock(admin, wh, 5)
        db = sqlite3.connect(os.path.join(server.data_dir, "ordo.db"), timeout=10)
        with db:
            db.execute("UPDATE stock SET on_hand = on_hand + 2 WHERE sku = ?", (sku["sku"],))
        db.close()
        check = o.expect(admin.get("/api/v1/stock/verify"), 200)
        self.assertFalse(check["ok"])
        self.assertIn({"sku": sku["sku"], "warehouse": wh, "check": "on_hand_vs_ledger",
                       "expected": 5, "actual": 7}, check["differences"])
        server.stop()
        run = subprocess.run([server.bin, "stock", "verify", "--data", server.data_dir],
                             capture_output=True, timeout=o.CLI_TIMEOUT_S)
        self.assertEqual(run.returncode, 1, run)
        self.assertIn(f"on_hand_vs_ledger {sku['sku']}@{wh}".encode(), run.stdout)
        run = subprocess.run([server.bin, "stock", "verify", "--data",
                              os.path.join(server.data_dir, "none")],
                             capture_output=True, timeout=o.CLI_TIMEOUT_S)
        self.assertEqual(run.returncode, 2, run)


if __name__ == "__main__":
    unittest.main()
