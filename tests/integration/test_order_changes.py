"""Changes and cancellation before shipment over HTTP (domain.md CHG-1, CHG-2, AFS-1):
PATCH /orders/{no} with If-Match (address, lines, stage rules, stale and missing If-Match,
validation), change requests the warehouse confirms or declines once picking has started, the
refusal after shipment recorded as a supervised attempt, price differences (a supplementary
payment due and paid, a refund row), and cancellation of a paid order (refund) and of an order
in a wave (a request the warehouse confirms: pulled from the wave, stock released, no longer
printed; or declines)."""

import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

NEW_DETAIL = "解放西路200号 3栋 1201室"

# Two carrier rules: a cheap one for Shanghai only and a dearer national one, so that moving an
# order out of Shanghai reselects the carrier.
CARRIER_RULES = [
    {"carrier": "YTO", "name": "圆通速递", "provinces": ["上海市"], "first_kg_amount": 600,
     "extra_kg_amount": 100},
    {"carrier": "SF", "name": "顺丰速运", "first_kg_amount": 2300, "extra_kg_amount": 1000},
]


def code(prefix="G"):
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


class OrderChangeCase(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.cs = cls.server.client(cls.server.token("customer_service", "it-cs-changes"))
        cls.warehouse = cls.server.client(cls.server.token("warehouse", "it-wh-changes"))
        cls.auditor = cls.server.client(cls.server.token("auditor", "it-auditor-changes"))
        cls.supervisor = cls.server.client(cls.server.token("supervisor"))
        o.expect(o.patch_settings(cls.admin, {"carrier_rules": CARRIER_RULES}), 200,
                 what="carrier rules")
        cls.load_waybill_ranges(("YTO", "SF"))

    # -- helpers ----------------------------------------------------------------------------

    def review_if_pending(self, order_no):
        """Approves the order unless automatic review already moved it on."""
        order = self.get_order(order_no)
        if order["status"] == "pending_review":
            order = self.act(order_no, "review", {"decision": "approve", "reason": "ok"}).json
        return order

    def paid(self, lines, **kw):
        order = self.place(o.order_body(lines, **kw))
        self.act(order["order_no"], "payments", o.payment_body(order))
        return self.review_if_pending(order["order_no"])

    def picking(self, lines):
        order = self.paid(lines)
        return self.act(order["order_no"], "pick", client=self.warehouse).json

    def patch(self, order, body, client=None, version=None, headers=None):
        if headers is None:
            headers = {"If-Match": f"\"{order['version'] if version is None else version}\""}
        return (client or self.cs).patch(f"/api/v1/orders/{order['order_no']}", body,
                                         headers=headers)

    def changed_events(self, order_no, kind="changed"):
        return [e for e in self.events(order_no) if e["type"] == kind]

    def refunds_of(self, order_no):
        """The refunds of the order from the audit trail (entity refund, action create)."""
        resp = self.admin.get("/api/v1/audit", query={"entity": "refund", "limit": 200})
        self.assertStatus(resp, 200, "refund audit")
        return [e["after"] for e in resp.json["data"]
                if e["action"] == "create" and e["after"].get("order_no") == order_no]

    def available(self, sku, warehouse):
        for level in self.stock(sku)["warehouses"]:
            if level["warehouse"] == warehouse:
                return level["available"], level["reserved"]
        return 0, 0

    def address_body(self, province="湖南省", city="长沙市", district="岳麓区"):
        return {"name": "李四", "phone": "13912345678",
                "address": {"province": province, "city": city, "district": district,
                            "detail": NEW_DETAIL}}


class OrderChangeTest(OrderChangeCase):

    def test_address_change_before_picking_reselects_the_carrier_without_personal_data(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.paid([(tea, 1)])
        resp = self.patch(order, {"consignee": self.address_body(), "reason": "customer moved"})
        self.assertStatus(resp, 200, "address change")
        changed = resp.json
        self.assertEqual(changed["version"], order["version"] + 1)
        self.assertEqual(resp.header("ETag"), f"\"{changed['version']}\"")
        self.assertEqual(changed["consignee"]["address"]["province"], "湖南省")
        event = self.changed_events(order["order_no"])[-1]
        self.assertEqual(event["details"]["consignee_changed"], "name,phone,address")
        self.assertEqual(event["details"]["carrier_before"], "YTO")
        self.assertEqual(event["details"]["carrier_after"], "SF")
        for value in event["details"].values():
            self.assertNotIn("李四", value)
            self.assertNotIn("13912345678", value)
            self.assertNotIn("解放西路", value)
        # Stored sealed and shown masked to every role; a reveal reads the new consignee.
        seen = self.get_order(order["order_no"], client=self.warehouse)
        self.assertNotEqual(seen["consignee"]["phone"], "13912345678")
        self.assertNotEqual(self.get_order(order["order_no"])["consignee"]["phone"], "13912345678")
        revealed = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal", {}).json
        self.assertEqual(revealed["consignee"]["phone"], "13912345678")

    def test_lines_change_moves_stock_recomputes_totals_and_backorders_what_is_short(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        cup = self.new_sku(wh, 3, code=code("C"), price_amount=1500)
        order = self.place(o.order_body([(tea, 4)]))  # unpaid: the amount due simply changes
        self.assertEqual(self.available(tea, wh), (6, 4))
        resp = self.patch(order, {"lines": [o.line(tea, 1), o.line(cup, 5)]})
        self.assertStatus(resp, 200, "lines change")
        changed = resp.json
        self.assertEqual(changed["total_amount"], tea["price_amount"] + 5 * 1500)
        self.assertEqual(changed["supplement_due_amount"], 0)
        self.assertEqual(self.available(tea, wh), (9, 1), "three TEA released")
        self.assertEqual(self.available(cup, wh), (0, 3), "every CUP reserved")
        cup_line = [ln for ln in changed["lines"] if ln["sku"] == cup["sku"]][0]
        self.assertEqual(cup_line["quantity_reserved"], 3)
        self.assertEqual(cup_line["quantity_backordered"], 2)
        event = self.changed_events(order["order_no"])[-1]
        self.assertEqual(event["details"]["lines_before"], f"{tea['sku']} x4")
        self.assertEqual(event["details"]["lines_after"], f"{tea['sku']} x1,{cup['sku']} x5")
        self.assertEqual(event["details"][f"backordered_{cup['sku']}"], "2")
        # The ledger records the release and the new reservations with the change as reason.
        ledger = o.expect(self.admin.get(f"/api/v1/stock/{tea['sku']}/ledger"), 200)["data"]
        self.assertIn(("release", 4, "order changed"),
                      [(e["type"], abs(e["quantity"]), e["reason"]) for e in ledger])
        # The new total is what the payment must match.
        self.act(order["order_no"], "payments", o.payment_body(order), expect_status=422)
        self.act(order["order_no"], "payments", o.payment_body(changed))

    def test_if_match_is_required_and_must_be_current(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 5, code=code())
        order = self.paid([(tea, 1)])
        missing = self.patch(order, {"buyer_note": "ring twice"}, headers={})
        self.assertProblem(missing, 428, "precondition_required")
        stale = self.patch(order, {"buyer_note": "ring twice"}, version=order["version"] - 1)
        self.assertProblem(stale, 412, "version_mismatch")
        self.assertEqual(self.get_order(order["order_no"])["version"], order["version"],
                         "refusals change nothing")
        ok = self.patch(order, {"buyer_note": "ring twice"})
        self.assertStatus(ok, 200, "current If-Match")
        self.assertEqual(ok.json["buyer_note"], "ring twice")
        again = self.patch(order, {"buyer_note": "ring three times"})
        self.assertProblem(again, 412, "version_mismatch", "the old ETag is stale now")

    def test_the_address_alone_is_changed_without_retyping_name_and_phone(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.paid([(tea, 1)])
        before = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal", {}).json
        address = self.address_body()["address"]
        resp = self.patch(order, {"consignee": {"address": address}, "reason": "new flat"})
        self.assertStatus(resp, 200, "address-only change")
        event = self.changed_events(order["order_no"])[-1]
        self.assertEqual(event["details"]["consignee_changed"], "address")
        after = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal", {}).json
        self.assertEqual((after["consignee"]["name"], after["consignee"]["phone"]),
                         (before["consignee"]["name"], before["consignee"]["phone"]),
                         "the name and phone are kept")
        self.assertEqual(after["consignee"]["address"]["detail"], NEW_DETAIL)
        # The old address is kept, before -> after, so a redirected parcel can be traced.
        self.assertEqual(before["consignee_changes"], [])
        [change] = after["consignee_changes"]
        self.assertEqual(change["before"], before["consignee"])
        self.assertEqual(change["after"], after["consignee"])
        self.assertIn("token:", change["actor"])
        masked = self.get_order(order["order_no"])["consignee_changes"]
        self.assertEqual(masked[0]["before"]["address"]["province"],
                         before["consignee"]["address"]["province"])
        self.assertNotEqual(masked[0]["before"]["address"]["detail"],
                            before["consignee"]["address"]["detail"], "masked unless revealed")
        # The phone alone, likewise; a typed phone is still checked.
        resp = self.patch(resp.json, {"consignee": {"phone": "13900001111"}})
        self.assertStatus(resp, 200, "phone-only change")
        self.assertEqual(self.changed_events(order["order_no"])[-1]["details"]
                         ["consignee_changed"], "phone")
        bad = self.patch(resp.json, {"consignee": {"phone": "12345"}})
        self.assertFieldError(bad, "consignee.phone", "invalid_phone")

    def test_bad_input_names_the_field_and_changes_nothing(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 5, code=code())
        step = self.new_sku(wh, 20, code=code("S"), min_quantity=2, step_quantity=2)
        order = self.paid([(tea, 2)])
        body = {"consignee": {"name": "李四", "phone": "12345",
                              "address": {"province": "上海市", "city": "上海市",
                                          "district": "浦东新区", "detail": "浦东"}},
                "lines": [o.line(tea, 1), o.line(step, 3)]}
        resp = self.patch(order, body)
        self.assertFieldError(resp, "consignee.phone", "invalid_phone")
        self.assertFieldError(resp, "consignee.address.detail", "address_incomplete")
        self.assertFieldError(resp, "lines[1].quantity", "quantity_not_multiple_of_step")
        price = self.patch(order, {"lines": [o.line(tea, 1, unit_price_amount=1)]})
        self.assertFieldError(price, "lines[0].unit_price_amount", "price_mismatch")
        unknown = self.patch(order, {"status": "shipped"})
        self.assertFieldError(unknown, "status", "invalid_value")
        after = self.get_order(order["order_no"])
        self.assertEqual(after["version"], order["version"])
        self.assertEqual(after["lines"][0]["quantity"], 2)
        self.assertEqual(self.available(tea, wh), (3, 2), "stock untouched")
        self.assertEqual(self.changed_events(order["order_no"]), [])

    def test_only_customer_service_changes_and_only_the_warehouse_confirms(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 5, code=code())
        order = self.paid([(tea, 1)])
        resp = self.patch(order, {"buyer_note": "x"}, client=self.warehouse)
        self.assertProblem(resp, 403, "forbidden")
        # Another channel's order does not exist for a channel, nor do its changes.
        other = self.client(self.server.token("channel", "it-other-shop"))
        self.assertProblem(other.get(f"/api/v1/orders/{order['order_no']}/changes"), 404,
                           "not_found")
        self.assertEqual(o.expect(self.warehouse.get(
            f"/api/v1/orders/{order['order_no']}/changes"), 200)["data"], [])


class ChangeAfterPickingTest(OrderChangeCase):

    def test_a_change_after_picking_started_waits_for_the_warehouse_to_confirm(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.picking([(tea, 3)])
        resp = self.patch(order, {"lines": [o.line(tea, 1)], "reason": "fewer"})
        self.assertStatus(resp, 202, "a pending change request")
        request = resp.json
        self.assertEqual(request["status"], "pending")
        self.assertEqual(request["order"]["version"], order["version"], "order untouched")
        self.assertEqual(self.get_order(order["order_no"])["lines"][0]["quantity"], 3)
        self.assertEqual(self.available(tea, wh), (7, 3))
        listed = o.expect(self.cs.get(f"/api/v1/orders/{order['order_no']}/changes"), 200)
        self.assertEqual([c["id"] for c in listed["data"]], [request["id"]])
        # A second change while one waits is refused.
        second = self.patch(order, {"buyer_note": "and a note"})
        self.assertProblem(second, 409, "already_exists")
        # Customer service cannot confirm; the warehouse can.
        path = f"/api/v1/orders/{order['order_no']}/changes/{request['id']}"
        self.assertProblem(self.cs.post(path + "/confirm", {}), 403, "forbidden")
        confirmed = o.expect(self.warehouse.post(path + "/confirm", {}), 200)
        self.assertEqual(confirmed["status"], "confirmed")
        after = confirmed["order"]
        self.assertEqual(after["status"], "awaiting_fulfillment", "picked again")
        self.assertEqual(after["lines"][0]["quantity"], 1)
        self.assertEqual(after["total_amount"], tea["price_amount"])
        self.assertEqual(self.available(tea, wh), (9, 1), "picked goods went back")
        refunds = self.refunds_of(order["order_no"])
        self.assertEqual([(r["amount"], r["reason"]) for r in refunds],
                         [(2 * tea["price_amount"], "order_change")])
        self.assertProblem(self.warehouse.post(path + "/decline", {"reason": "late"}), 409,
                           "already_decided")

    def test_a_confirmed_change_of_an_order_in_a_wave_updates_its_parcel_and_pick_list(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.paid([(tea, 3)])
        wave = o.expect(self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 5}),
                        201)
        no = order["order_no"]
        self.assertEqual([p["carrier"] for p in wave["orders"]], ["YTO"], "Shanghai: YTO")
        picking = self.get_order(no)
        self.assertEqual(picking["status"], "picking")
        request = self.patch(picking, {"lines": [o.line(tea, 1)],
                                       "consignee": self.address_body()})
        self.assertStatus(request, 202, "a change of a picking order")
        path = f"/api/v1/orders/{no}/changes/{request.json['id']}/confirm"
        after = o.expect(self.warehouse.post(path, {}), 200)["order"]
        self.assertEqual(after["status"], "awaiting_fulfillment")
        parcels = o.expect(self.admin.get(f"/api/v1/orders/{no}/shipments"), 200)["data"]
        self.assertEqual(len(parcels), 1)
        self.assertEqual(parcels[0]["status"], "planned")
        self.assertEqual(parcels[0]["wave_id"], wave["id"])
        self.assertEqual([(ln["sku"], ln["quantity"]) for ln in parcels[0]["lines"]],
                         [(tea["sku"], 1)])
        self.assertEqual(parcels[0]["carrier"], "SF", "the new province reselects the carrier")
        self.assertTrue(parcels[0]["tracking_no"].startswith("SF"), parcels[0])
        self.assertNotEqual(parcels[0]["tracking_no"], wave["orders"][0]["tracking_no"],
                            "a new waybill for the new address")
        again = o.expect(self.warehouse.get(f"/api/v1/waves/{wave['id']}"), 200)
        self.assertEqual({ln["sku"]: ln["quantity"] for ln in again["pick_list"]},
                         {tea["sku"]: 1})
        event = self.changed_events(no)[-1]
        self.assertEqual(event["details"]["change_id"], str(request.json["id"]))
        self.assertEqual(event["details"]["carrier_after"], "SF")
        self.assertEqual(self.available(tea, wh), (9, 1))
        # Picked again, it packs and ships as usual.
        self.act(no, "pick", client=self.warehouse)
        self.pack(no, {"weight_g": tea["weight_g"]}, client=self.warehouse)
        shipped = self.act(no, "ship", {}, client=self.warehouse).json
        self.assertEqual(shipped["status"], "shipped")
        self.assertEqual(self.stock(tea)["on_hand"], 9)

    def test_the_warehouse_declines_and_the_order_stays_as_it_was(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.picking([(tea, 2)])
        request = self.patch(order, {"consignee": self.address_body()}).json
        path = f"/api/v1/orders/{order['order_no']}/changes/{request['id']}"
        self.assertFieldError(self.warehouse.post(path + "/decline", {}), "reason", "required")
        declined = o.expect(self.warehouse.post(path + "/decline", {"reason": "already packed"}),
                            200)
        self.assertEqual(declined["status"], "declined")
        self.assertEqual(declined["decision_reason"], "already packed")
        after = self.get_order(order["order_no"])
        self.assertEqual(after["status"], "picking")
        self.assertEqual(after["consignee"]["address"]["province"], "上海市")
        self.assertEqual(after["version"], order["version"])
        self.assertIn("change_declined", [e["type"] for e in self.events(order["order_no"])])

    def test_a_change_after_shipment_is_refused_and_recorded_as_an_attempt(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.picking([(tea, 1)])
        no = order["order_no"]
        self.pack(no, {"weight_g": tea["weight_g"]}, client=self.warehouse)
        shipped = self.act(no, "ship", {"carrier": "SF", "tracking_no": o.unique("SF")},
                           client=self.warehouse).json
        resp = self.patch(shipped, {"consignee": self.address_body()})
        self.assertProblem(resp, 409, "change_not_allowed")
        self.assertEqual(self.get_order(no)["version"], shipped["version"])
        o.expect(self.supervisor.post("/api/v1/violations/detect", {}), 200)
        attempts = o.expect(self.auditor.get("/api/v1/audit",
                                             query={"entity": "attempt", "id": no}), 200)["data"]
        self.assertEqual(len(attempts), 1, attempts)
        self.assertEqual(attempts[0]["action"], "change")
        self.assertEqual(attempts[0]["after"]["code"], "change_not_allowed")
        violations = o.expect(self.auditor.get("/api/v1/violations",
                                               query={"actor": "token:it-cs-changes"}), 200)
        types = [(v["type"], v["details"].get("order_no")) for v in violations["data"]]
        self.assertIn(("change_after_shipment", no), types)


class PriceDifferenceTest(OrderChangeCase):

    def test_price_up_on_a_paid_order_makes_a_supplement_due_then_paid(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.paid([(tea, 1)])
        changed = self.patch(order, {"lines": [o.line(tea, 3)]}).json
        self.assertEqual(changed["supplement_due_amount"], 2 * tea["price_amount"])
        self.assertEqual(changed["total_amount"], 3 * tea["price_amount"])
        event = self.changed_events(order["order_no"])[-1]
        self.assertEqual(event["details"]["supplement_due_amount"], str(2 * tea["price_amount"]))
        wrong = self.act(order["order_no"], "payments",
                         o.payment_body(changed, amount=tea["price_amount"]), expect_status=422)
        self.assertProblem(wrong, 422, "validation_failed")
        paid = self.act(order["order_no"], "payments",
                        o.payment_body(changed, amount=2 * tea["price_amount"])).json
        self.assertEqual(paid["supplement_due_amount"], 0)
        self.assertIn("supplement_paid", [e["type"] for e in self.events(order["order_no"])])
        self.assertNotIn("duplicate_payment", [e["type"] for e in self.events(order["order_no"])])
        self.assertEqual(self.refunds_of(order["order_no"]), [])

    def test_price_down_on_a_paid_order_creates_a_refund_row(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.paid([(tea, 3)])
        changed = self.patch(order, {"lines": [o.line(tea, 1)]}).json
        self.assertEqual(changed["refunded_amount"], 2 * tea["price_amount"])
        refunds = self.refunds_of(order["order_no"])
        # A person decided it: it waits for a second person's approval (four eyes).
        self.assertEqual([(r["amount"], r["reason"], r["status"]) for r in refunds],
                         [(2 * tea["price_amount"], "order_change", "awaiting_approval")])


class CancellationTest(OrderChangeCase):

    def test_cancelling_a_paid_order_creates_its_refund(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.paid([(tea, 2)])
        cancelled = self.act(order["order_no"], "cancel", {"reason": "customer asked"}).json
        self.assertEqual(cancelled["status"], "cancelled")
        refunds = self.refunds_of(order["order_no"])
        self.assertEqual([(r["amount"], r["reason"]) for r in refunds],
                         [(order["total_amount"], "order_closed")])
        event = [e for e in self.events(order["order_no"]) if e["type"] == "cancel"][-1]
        self.assertEqual(event["details"]["refund_amount"], str(order["total_amount"]))

    def test_cancelling_an_unpaid_order_closes_it_without_a_refund(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.place(o.order_body([(tea, 2)]))
        closed = self.act(order["order_no"], "cancel", {"reason": "customer asked"}).json
        self.assertEqual(closed["status"], "closed")
        self.assertEqual(self.refunds_of(order["order_no"]), [])

    def test_cancelling_an_order_in_a_wave_is_confirmed_by_the_warehouse_and_stops_printing(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        keep = self.paid([(tea, 1)])
        leave = self.paid([(tea, 2)])
        wave = o.expect(self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10}),
                        201)
        wave_orders = sorted(p["order_no"] for p in wave["orders"])
        self.assertEqual(wave_orders, sorted([keep["order_no"], leave["order_no"]]))
        self.assertEqual(self.available(tea, wh), (7, 3))
        base = f"/api/v1/waves/{wave['id']}"
        labels = o.pdf_text(self.warehouse.get(base + "/labels.pdf").body)
        self.assertIn(leave["order_no"], labels)

        # Picking has started: the cancellation is a request the warehouse confirms.
        asked = self.act(leave["order_no"], "cancel", {"reason": "customer asked"},
                         client=self.cs, expect_status=202).json
        self.assertEqual((asked["kind"], asked["status"], asked["reason"]),
                         ("cancel", "pending", "customer asked"))
        self.assertEqual(asked["order"]["status"], "picking")
        self.assertEqual(self.available(tea, wh), (7, 3), "nothing moves before the warehouse")
        self.assertProblem(self.act(leave["order_no"], "ship", {}, client=self.warehouse,
                                    expect_status=409), 409, "illegal_transition")
        self.assertProblem(self.cs.post(f"/api/v1/orders/{leave['order_no']}/changes/"
                                        f"{asked['id']}/confirm", {}), 403, "forbidden")
        confirmed = o.expect(self.warehouse.post(
            f"/api/v1/orders/{leave['order_no']}/changes/{asked['id']}/confirm", {}), 200)
        self.assertEqual((confirmed["status"], confirmed["order"]["status"]),
                         ("confirmed", "cancelled"))
        self.assertEqual(self.available(tea, wh), (9, 1), "its goods put back")
        events = self.events(leave["order_no"])
        pulled = [e for e in events if e["type"] == "pulled_from_wave"]
        self.assertEqual(len(pulled), 1, events)
        self.assertEqual(pulled[0]["details"]["wave_id"], str(wave["id"]))
        self.assertIn("cancellation_confirmed", [e["type"] for e in events])
        shipments = o.expect(self.admin.get(f"/api/v1/orders/{leave['order_no']}/shipments"),
                             200)["data"]
        self.assertEqual([s["status"] for s in shipments], ["cancelled"])
        again = o.expect(self.warehouse.get(base), 200)
        picked = {ln["sku"]: ln["quantity"] for ln in again["pick_list"]}
        self.assertEqual(picked, {tea["sku"]: 1}, "the pick list no longer includes it")
        for document in ("labels.pdf", "packing-slips.pdf"):
            text = o.pdf_text(self.warehouse.get(base + "/" + document).body)
            self.assertNotIn(leave["order_no"], text, "a cancelled order no longer prints")
            self.assertIn(keep["order_no"], text, document)
        # The order left in the wave ships; the cancelled one's units are never consumed.
        self.pack(keep["order_no"], {"weight_g": tea["weight_g"]}, client=self.warehouse)
        self.act(keep["order_no"], "ship", {}, client=self.warehouse)
        self.assertEqual(self.stock(tea)["on_hand"], 9)
        self.assertEqual(self.available(tea, wh), (9, 0))

    def test_a_cancellation_the_warehouse_declines_leaves_the_order_to_ship(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 10, code=code())
        order = self.picking([(tea, 1)])
        no = order["order_no"]
        asked = self.act(no, "cancel", {"reason": "changed my mind"}, expect_status=202).json
        path = f"/api/v1/orders/{no}/changes/{asked['id']}"
        self.assertFieldError(self.warehouse.post(path + "/decline", {}), "reason", "required")
        o.expect(self.warehouse.post(path + "/decline", {"reason": "already with the courier"}),
                 200)
        self.assertEqual(self.get_order(no)["status"], "picking")
        self.pack(no, {"weight_g": tea["weight_g"]}, client=self.warehouse)
        self.assertEqual(self.act(no, "ship", {}, client=self.warehouse).json["status"], "shipped")

if __name__ == "__main__":
    unittest.main()
