"""Fulfilment and logistics over HTTP (domain.md §4 FUL, §5 LOG, §8 EXC): waves and their
printed documents, scan verification, the weighing check holding an order until its case is
resolved, carrier choice, signed tracking events (bad signatures, repeats, out-of-order events),
lost and returned parcels, split orders, abnormal-case lists, permissions; and, on a test clock,
ship-by deadlines and automatic confirmation of receipt, also after a restart."""

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

START = "2026-11-26T01:00:00Z"  # 09:00 in Beijing, a Thursday
SECRETS = {carrier: f"{carrier.lower()}-secret-{uuid.uuid4().hex}"
           for carrier in ("ZTO", "YTO", "JD", "SF")}


def write_secrets(server):
    """The carriers' tracking secrets in a 0600 file; returns the serve arguments."""
    path = os.path.join(server.log_dir, "tracking-secrets.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(SECRETS, f)
    os.chmod(path, 0o600)
    return ["--test-clock", START, "--tracking-secrets", path]


def code(prefix="T"):
    """A short SKU code: long ones wrap in the printed tables."""
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


class FulfillmentCase(o.OrdoTestCase):
    """A server on a test clock, with tokens for each department involved."""

    @classmethod
    def server_args(cls, server):
        return write_secrets(server)

    @classmethod
    def seed_class(cls):
        cls.warehouse_name = f"it-warehouse-{cls.__name__}"
        cls.warehouse = cls.server.client(cls.server.token("warehouse", cls.warehouse_name))
        cls.logistics = cls.server.client(cls.server.token("logistics"))
        cls.operations = cls.server.client(cls.server.token("operations"))
        cls.channel = cls.server.client(cls.server.token("channel", "web"))
        cls.carrier = cls.server.client()  # a carrier's system: no token, only its signature
        cls.load_waybill_ranges()

    # -- helpers ----------------------------------------------------------------------------

    def approved(self, lines, **kw):
        order = self.place(o.order_body(lines, **kw))
        self.act(order["order_no"], "payments", o.payment_body(order))
        return self.act(order["order_no"], "review",
                        {"decision": "approve", "reason": "ok"}).json

    def shipped(self, sku, quantity=1, carrier="SF"):
        order = self.approved([(sku, quantity)])
        no = order["order_no"]
        self.act(no, "pick", client=self.warehouse)
        self.pack(no, {"weight_g": sku["weight_g"] * quantity + 50}, client=self.warehouse)
        return self.act(no, "ship", {"carrier": carrier, "tracking_no": o.unique(carrier)},
                        client=self.warehouse).json

    def shipments(self, order_no, client=None):
        resp = (client or self.admin).get(f"/api/v1/orders/{order_no}/shipments")
        self.assertStatus(resp, 200, "shipments")
        return resp.json["data"]

    def track(self, carrier, tracking_no, event_id, status, at, secret=None, signature=None,
              client=None, path_code=None):
        raw = json.dumps({"tracking_no": tracking_no, "event_id": event_id, "status": status,
                          "at": at, "location": "上海转运中心"}).encode("utf-8")
        if signature is None:
            key = (secret or SECRETS[carrier]).encode("utf-8")
            signature = hmac.new(key, raw, hashlib.sha256).hexdigest()
        headers = {"X-Ordo-Signature": signature} if signature else {}
        return (client or self.carrier).post(f"/api/v1/tracking-events/{path_code or carrier}",
                                             raw=raw, headers=headers)

    def cases(self, **query):
        resp = self.admin.get("/api/v1/anomalies", query=query)
        self.assertStatus(resp, 200, f"anomalies {query}")
        return resp.json["data"]

    def ledger(self, sku):
        resp = self.admin.get(f"/api/v1/stock/{sku['sku']}/ledger", query={"limit": 200})
        self.assertStatus(resp, 200, "ledger")
        return resp.json["data"]


class FulfillmentTest(FulfillmentCase):

    def test_a_wave_through_documents_verification_weighing_shipping_and_tracking(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 50, code=code(), name="西湖龙井", weight_g=520)
        cup = self.new_sku(wh, 50, code=code("C"), name="紫砂杯", weight_g=180,
                           price_amount=1250)
        for sku, location in ((tea, "B-10-2"), (cup, "A-2-1")):
            resp = self.warehouse.request(
                "PUT", f"/api/v1/warehouses/{wh}/locations/{sku['sku']}", {"location": location})
            self.assertStatus(resp, 200, "set a storage location")
        phone = o.unique_phone()
        standard = self.approved([(tea, 2), (cup, 1)], phone=phone)
        express = self.approved([(tea, 1)], service="express")
        no = standard["order_no"]

        # A channel may not build waves; the warehouse may.
        self.assertProblem(self.channel.post("/api/v1/waves", {"warehouse": wh, "max_orders": 5}),
                           403, "forbidden")
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertStatus(resp, 201, "build a wave")
        wave = resp.json
        self.assertEqual([w["order_no"] for w in wave["orders"]],
                         [express["order_no"], no], f"priority first, then age: {wave}")
        carriers = {w["order_no"]: w["carrier"] for w in wave["orders"]}
        self.assertEqual(carriers, {express["order_no"]: "JD", no: "ZTO"}, wave)
        self.assertEqual([(p["sku"], p["location"], p["quantity"]) for p in wave["pick_list"]],
                         [(cup["sku"], "A-2-1", 1), (tea["sku"], "B-10-2", 3)],
                         "the pick list walks the locations in order")
        self.assertEqual(self.get_order(no)["status"], "picking")
        again = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertProblem(again, 409, "nothing_to_wave", "an order is in one wave only")
        tracking_no = wave["orders"][1]["tracking_no"]
        self.assertTrue(tracking_no.startswith("ZTO"), wave)
        self.assertEqual(self.warehouse.get(f"/api/v1/waves/{wave['id']}").json["status"], "open")

        # The printed documents.
        base = f"/api/v1/waves/{wave['id']}"
        pick = self.warehouse.get(base + "/pick-list.pdf")
        self.assertStatus(pick, 200, "pick list")
        self.assertEqual(pick.content_type, "application/pdf")
        self.assertTrue(pick.body.startswith(b"%PDF"))
        text = o.pdf_text(pick.body)
        for expected in (wave["wave_no"], tea["sku"], cup["sku"], "西湖龙井", "紫砂杯", "A-2-1"):
            self.assertIn(expected, text, f"pick list:\n{text}")
        self.assertLess(text.index(cup["sku"]), text.index(tea["sku"]), "location order")
        slips = o.pdf_text(self.warehouse.get(base + "/packing-slips.pdf").body)
        for expected in (no, express["order_no"], "紫砂杯", tea["sku"]):
            self.assertIn(expected, slips, f"packing slips:\n{slips}")
        labels = self.warehouse.get(base + "/labels.pdf", query={"size": "76x130"})
        self.assertStatus(labels, 200, "labels")
        label_text = o.pdf_text(labels.body)
        self.assertIn(tracking_no, label_text)
        self.assertIn(o.mask_phone(phone), label_text, "the consignee is masked")
        self.assertNotIn(phone, label_text)
        self.assertFieldError(self.warehouse.get(base + "/labels.pdf", query={"size": "A4"}),
                              "size", "invalid_value")

        # Scan verification: a mismatch is refused with the differences, and recorded.
        resp = self.warehouse.post(f"/api/v1/orders/{no}/verify",
                                   {"scans": [{"sku": tea["sku"], "quantity": 1}]})
        problem = self.assertProblem(resp, 409, "verification_mismatch")
        self.assertEqual(sorted((d["sku"], d["kind"]) for d in problem["differences"]),
                         sorted([(cup["sku"], "missing"), (tea["sku"], "wrong_quantity")]))
        mismatch = self.admin.get(f"/api/v1/anomalies/{problem['case_id']}").json
        self.assertEqual((mismatch["type"], mismatch["order_no"], mismatch["blocking"]),
                         ("verification_mismatch", no, False), mismatch)
        self.assertIn("verification_mismatch", [e["type"] for e in self.events(no)])
        self.assertProblem(self.act(no, "pack", {"weight_g": 1270}, client=self.warehouse,
                                    expect_status=409), 409, "verification_mismatch")
        resp = self.warehouse.post(f"/api/v1/orders/{no}/verify", {"scans": [
            {"sku": cup["sku"], "quantity": 1}, {"sku": tea["sku"], "quantity": 2}]})
        self.assertStatus(resp, 200, "a matching scan")
        self.assertTrue(resp.json["verified"])
        self.assertEqual(self.admin.get(f"/api/v1/anomalies/{problem['case_id']}").json["status"],
                         "resolved", "the correct scan puts the case right")

        # Weighing: outside the tolerance the pack is recorded and the order held.
        packed = self.act(no, "pack", {"weight_g": 1500}, client=self.warehouse).json
        self.assertEqual((packed["status"], packed["on_hold"]), ("packed", True), packed)
        held = self.cases(order_no=no, type="weight_mismatch", status="open")
        self.assertEqual(len(held), 1, held)
        self.assertTrue(held[0]["blocking"])
        self.assertIn("measured 1500 g, expected 1270 g (1220 g from the SKUs + 50 g packaging",
                      held[0]["explanation"])
        self.assertProblem(self.act(no, "ship", {}, client=self.warehouse, expect_status=409),
                           409, "order_on_hold")
        self.assertProblem(self.act(no, "pack", {"weight_g": 1290}, client=self.warehouse,
                                    expect_status=409), 409, "illegal_transition")
        case_url = f"/api/v1/anomalies/{held[0]['id']}"
        self.assertFieldError(self.warehouse.post(case_url + "/resolve", {"resolution": "x"}),
                              "root_cause", "required")
        # An assignee is someone who handles weight cases: a warehouse account.
        zhao = f"zhao{uuid.uuid4().hex[:6]}"
        o.expect(self.admin.post("/api/v1/users", {
            "username": zhao, "display_name": "赵", "department": "仓储部", "role": "warehouse",
            "password": "a long enough password 7"}), 201, what="a warehouse account")
        self.assertFieldError(self.operations.post(case_url + "/assign", {"assignee": "user:nobody"}),
                              "assignee", "assignee_not_allowed")
        assigned = self.operations.post(case_url + "/assign", {"assignee": f"user:{zhao}"})
        self.assertEqual(assigned.json["status"], "assigned", assigned.describe())
        # The warehouse weighs it again: still outside, the case stays; inside, it closes itself.
        resp = self.warehouse.post(f"/api/v1/orders/{no}/reweigh", {"weight_g": 1450})
        self.assertStatus(resp, 200, "weighed again")
        self.assertEqual((resp.json["within_tolerance"], resp.json["on_hold"]), (False, True))
        resp = self.warehouse.post(f"/api/v1/orders/{no}/reweigh",
                                   {"boxes": [{"weight_g": 1290, "box": "M3"}]})
        self.assertStatus(resp, 200, "weighed again in a box of its own")
        self.assertEqual((resp.json["within_tolerance"], resp.json["case_resolved"],
                          resp.json["on_hold"]), (True, True, False), resp.json)
        resolved = self.admin.get(case_url).json
        self.assertEqual((resolved["status"], resolved["closed_by"]),
                         ("resolved", "token:" + self.warehouse_name), resolved)
        self.assertIn("weighed again at 1290 g", resolved["resolution"])
        self.assertEqual(self.shipments(no)[0]["packed_weight_g"], 1290,
                         "what ships is what was weighed last")
        self.assertProblem(self.warehouse.post(f"/api/v1/orders/{no}/reweigh", {}), 422,
                           "validation_failed")

        # Shipping with the carrier the rules chose, and why.
        order = self.act(no, "ship", {}, client=self.warehouse).json
        self.assertEqual((order["status"], order["shipping"]["carrier"],
                          order["shipping"]["tracking_no"]), ("shipped", "ZTO", tracking_no))
        ship_event = [e for e in self.events(no) if e["type"] == "ship"][-1]
        self.assertIn("cheapest", ship_event["details"].get("carrier_reason", ""), ship_event)
        consumed = [e for e in self.ledger(tea) if e["type"] == "consumption"
                    and e["order_no"] == no]
        self.assertEqual([e["quantity"] for e in consumed], [-2], consumed)

        # Signed tracking events.
        bad = self.track("ZTO", tracking_no, "e1", "in_transit", "2026-11-26T06:00:00Z",
                         secret="not-the-secret-at-all")
        self.assertProblem(bad, 401, "invalid_signature")
        unsigned = self.track("ZTO", tracking_no, "e1", "in_transit", "2026-11-26T06:00:00Z",
                              signature="")
        self.assertProblem(unsigned, 401, "invalid_signature")
        self.assertEqual(self.shipments(no)[0]["tracking_events"], [], "a refusal records nothing")
        self.assertProblem(self.track("ZT0", tracking_no, "e1", "in_transit",
                                      "2026-11-26T06:00:00Z", secret=SECRETS["ZTO"]),
                           404, "unknown_carrier")
        # No token: the signature is the credential. The carrier's code in any case.
        first = self.track("zto", tracking_no, "e1", "in_transit", "2026-11-26T06:00:00Z",
                           secret=SECRETS["ZTO"])
        self.assertStatus(first, 200, "in transit")
        self.assertEqual((first.json["applied"], first.json["duplicate"]), (True, False))
        repeat = self.track("ZTO", tracking_no, "e1", "in_transit", "2026-11-26T06:00:00Z")
        self.assertEqual((repeat.status, repeat.json["duplicate"]), (200, True))
        # Carrier codes are case-insensitive in the callback's path.
        lower = self.track("ZTO", tracking_no, "e2", "out_for_delivery", "2026-11-27T01:00:00Z",
                           path_code="zto")
        self.assertEqual((lower.status, lower.json["applied"]), (200, True), lower.describe())
        late = self.track("ZTO", tracking_no, "e3", "in_transit", "2026-11-26T10:00:00Z")
        self.assertEqual((late.status, late.json["applied"], late.json["shipment"]["status"]),
                         (200, False, "out_for_delivery"), late.describe())
        delivered = self.track("ZTO", tracking_no, "e4", "delivered", "2026-11-27T03:00:00Z")
        self.assertEqual(delivered.json["order_status"], "delivered", delivered.describe())
        self.assertEqual(self.get_order(no)["status"], "delivered")
        events = self.shipments(no, client=self.logistics)[0]["tracking_events"]
        self.assertEqual([(e["event_id"], e["applied"]) for e in events],
                         [("e1", True), ("e3", False), ("e2", True), ("e4", True)])

    def test_a_wave_leaves_out_what_cannot_be_picked_and_says_why(self):
        wh = self.new_warehouse()
        tea = self.new_sku(wh, 20, code=code())
        cod = self.place(o.order_body([(tea, 1)], payment_method="cod"))
        self.act(cod["order_no"], "review", {"decision": "approve", "reason": "ok"})
        ready = self.approved([(tea, 1)])
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertStatus(resp, 201, "one unconfirmed cash-on-delivery order blocks nothing")
        self.assertEqual([w["order_no"] for w in resp.json["orders"]], [ready["order_no"]])
        self.assertEqual([(e["order_no"], e["code"]) for e in resp.json["left_out"]],
                         [(cod["order_no"], "cod_not_confirmed")], resp.json)
        self.assertEqual(resp.json["left_out_count"], 1)
        self.assertEqual(self.warehouse.get(f"/api/v1/waves/{resp.json['id']}").json["left_out"],
                         resp.json["left_out"], "the wave remembers it")
        again = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        problem = self.assertProblem(again, 409, "nothing_to_wave")
        self.assertEqual([e["code"] for e in problem["left_out"]], ["cod_not_confirmed"], problem)
        self.act(cod["order_no"], "cod-confirmation", {"channel": "phone", "confirmed": True})
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": wh, "max_orders": 10})
        self.assertStatus(resp, 201, "re-confirmed, it is picked")
        self.assertEqual([w["order_no"] for w in resp.json["orders"]], [cod["order_no"]])

    def test_a_lost_parcel_opens_a_blocking_case_and_notifies_the_customer(self):
        wh = self.new_warehouse()
        sku = self.new_sku(wh, 10, code=code())
        order = self.shipped(sku, carrier="SF")
        no = order["order_no"]
        resp = self.track("SF", order["shipping"]["tracking_no"], o.unique("ev"), "lost",
                          "2026-11-27T08:00:00Z")
        self.assertStatus(resp, 200, "lost")
        lost = self.cases(order_no=no, type="logistics_lost")
        self.assertEqual(len(lost), 1, lost)
        self.assertTrue(lost[0]["blocking"])
        self.assertProblem(self.warehouse.post(f"/api/v1/anomalies/{lost[0]['id']}/resolve", {
            "resolution": "found", "root_cause": "x"}), 403, "forbidden",
            "the warehouse handles its own weight and scan cases, not the carrier's")
        self.assertTrue(self.get_order(no)["on_hold"])
        notes = self.admin.get(f"/api/v1/orders/{no}/notifications").json["data"]
        self.assertEqual([(n["template"], n["language"]) for n in notes],
                         [("order_shipped", "zh-CN"), ("shipment_lost", "zh-CN")], notes)
        self.assertNotIn("张", json.dumps(notes, ensure_ascii=False), "no personal data")
        self.assertProblem(self.act(no, "deliver", client=self.logistics, expect_status=409),
                           409, "order_on_hold")
        self.assertEqual(self.get_order(no)["status"], "shipped", "staff do not deliver it")
        found = self.track("SF", order["shipping"]["tracking_no"], o.unique("ev"), "delivered",
                           "2026-11-28T09:30:00Z")
        self.assertEqual(found.json["order_status"], "delivered", "the carrier's word is a fact")
        delivered = self.get_order(no)
        self.assertEqual(o.parse_time(delivered["delivered_at"]),
                         o.parse_time("2026-11-28T09:30:00Z"), "the carrier's event time")
        self.assertEqual(o.parse_time(self.shipments(no)[0]["delivered_at"]),
                         o.parse_time(delivered["delivered_at"]), "one delivery time")
        self.assertProblem(self.act(no, "complete", expect_status=409), 409, "order_on_hold")

    def test_a_returned_parcel_passes_inspection_back_into_stock(self):
        wh = self.new_warehouse()
        sku = self.new_sku(wh, 10, code=code())
        order = self.shipped(sku, quantity=2, carrier="JD")
        tracking_no = order["shipping"]["tracking_no"]
        self.assertStock(sku, 8, 0, "shipped")
        refused = self.track("JD", tracking_no, "r1", "refused", "2026-11-27T08:00:00Z")
        self.assertStatus(refused, 200, "refused")
        self.assertEqual(len(self.cases(order_no=order["order_no"], type="logistics_refused")), 1)
        self.track("JD", tracking_no, "r2", "returned", "2026-11-29T08:00:00Z")
        shipment = self.shipments(order["order_no"])[0]
        self.assertEqual(shipment["status"], "returned")
        url = f"/api/v1/shipments/{shipment['id']}/inspect"
        self.assertFieldError(self.warehouse.post(url, {}), "passed", "required")
        resp = self.warehouse.post(url, {"passed": True, "note": "包装完好"})
        self.assertStatus(resp, 200, "inspect")
        self.assertEqual([(e["type"], e["quantity"]) for e in resp.json["entries"]],
                         [("return", 2)])
        self.assertStock(sku, 10, 0, "back in stock")
        self.assertEqual([e["type"] for e in self.ledger(sku)][-1], "return")
        self.assertProblem(self.warehouse.post(url, {"passed": True}), 409, "illegal_transition")

    def test_a_split_order_ships_one_parcel_per_warehouse(self):
        north, south = self.new_warehouse(), self.new_warehouse()
        tea = self.new_sku(north, 5, code=code(), weight_g=500)
        cup = self.new_sku(south, 5, code=code("C"), weight_g=200)
        order = self.approved([(tea, 1), (cup, 2)])
        no = order["order_no"]
        self.act(no, "pick", client=self.warehouse)
        self.assertFieldError(self.act(no, "pack", {"weight_g": 900}, client=self.warehouse,
                                       expect_status=422), "warehouse", "required")
        first = self.pack(no, {"weight_g": 550, "warehouse": north}, client=self.warehouse).json
        self.assertEqual(first["status"], "picking", "one parcel of two packed")
        # The packed parcel leaves at once, while the other warehouse still picks.
        half = self.act(no, "ship", {"warehouse": north, "carrier": "SF",
                                     "tracking_no": o.unique("SF")}, client=self.warehouse).json
        self.assertEqual(half["status"], "picking", "one parcel of two shipped")
        self.assertStock(tea, 4, 0, "the northern parcel left")
        self.assertStock(cup, 5, 2, "the southern parcel has not")
        self.assertProblem(self.act(no, "cancel", {"reason": "too slow"}, expect_status=409),
                           409, "illegal_transition")
        packed = self.pack(no, {"weight_g": 450, "warehouse": south}, client=self.warehouse).json
        self.assertEqual(packed["status"], "packed")
        shipped = self.act(no, "ship", {"warehouse": south}, client=self.warehouse).json
        self.assertEqual(shipped["status"], "shipped")
        self.assertStock(cup, 3, 0, "both parcels left")
        parcels = self.shipments(no)
        self.assertEqual(sorted((p["warehouse"], p["status"]) for p in parcels),
                         sorted([(north, "shipped"), (south, "shipped")]))
        self.assertEqual(len({p["tracking_no"] for p in parcels}), 2, parcels)
        self.assertEqual([p["carrier"] for p in parcels if p["warehouse"] == south], ["ZTO"])

    def test_abnormal_cases_are_listed_page_by_page_and_closed_once(self):
        wh = self.new_warehouse()
        sku = self.new_sku(wh, 10, code=code())
        ids = []
        for _ in range(3):
            order = self.approved([(sku, 1)])
            self.act(order["order_no"], "pick", client=self.warehouse)
            resp = self.warehouse.post(f"/api/v1/orders/{order['order_no']}/verify",
                                       {"scans": [{"sku": sku["sku"], "quantity": 2}]})
            ids.append(self.assertProblem(resp, 409, "verification_mismatch")["case_id"])
        seen, cursor, pages = [], None, 0
        while True:
            resp = self.warehouse.get("/api/v1/anomalies", query={
                "type": "verification_mismatch", "status": "open", "limit": 2, "cursor": cursor})
            self.assertStatus(resp, 200, "list")
            seen += [c["id"] for c in resp.json["data"]]
            pages += 1
            cursor = resp.json["next_cursor"]
            if cursor is None:
                break
        self.assertGreater(pages, 1)
        self.assertEqual(seen, sorted(seen, reverse=True), "newest first")
        self.assertTrue(set(ids) <= set(seen), (ids, seen))
        self.assertFieldError(self.admin.get("/api/v1/anomalies", query={"status": "closed"}),
                              "status", "invalid_value")
        self.assertFieldError(self.admin.get("/api/v1/anomalies", query={"type": "nope"}),
                              "type", "invalid_value")
        self.assertProblem(self.admin.get("/api/v1/anomalies/abc"), 404, "not_found")
        self.assertProblem(self.channel.get("/api/v1/anomalies"), 403, "forbidden")
        url = f"/api/v1/anomalies/{ids[0]}/dismiss"
        self.assertFieldError(self.operations.post(url, {}), "reason", "required")
        self.assertEqual(self.operations.post(url, {"reason": "scanner fault"}).json["status"],
                         "dismissed")
        self.assertProblem(self.operations.post(url, {"reason": "again"}), 409, "case_closed")


class TimeLimitTest(FulfillmentCase):
    """On a test clock: ship-by deadlines and automatic confirmation of receipt."""

    def advance(self, hours):
        resp = self.admin.post("/api/v1/ops/clock", {"advance_hours": hours})
        self.assertStatus(resp, 200, "move the test clock")
        return resp.json

    def test_a_receipt_is_confirmed_automatically_after_the_configured_days(self):
        wh = self.new_warehouse()
        sku = self.new_sku(wh, 10, code=code())
        order = self.shipped(sku)
        no = order["order_no"]
        self.act(no, "deliver", client=self.logistics)
        self.assertProblem(self.warehouse.post("/api/v1/ops/clock", {"advance_hours": 1}),
                           403, "forbidden")
        self.advance(9 * 24)
        self.assertEqual(self.get_order(no)["status"], "delivered")
        moved = self.advance(24)
        self.assertGreaterEqual(moved["jobs"]["receipts_confirmed"], 1, moved)
        self.assertEqual(self.get_order(no)["status"], "completed")
        last = self.events(no)[-1]
        self.assertEqual((last["type"], last["actor"]), ("complete", "system"), last)
        self.assertIn("automatically", last["details"].get("reason", ""))

    def test_orders_near_their_deadline_are_at_risk_and_a_breach_opens_a_case(self):
        # The class's clock has reached a weekend, which the default calendar does not work:
        # this test is about the deadlines themselves, so every day is worked here.
        calendar = self.admin.get("/api/v1/settings").json["business_calendar"]
        o.expect(o.patch_settings(self.admin, {"business_calendar": {
            "working_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "holidays": [], "extra_working_days": []}}), 200, what="every day worked")
        self.addCleanup(lambda: o.expect(o.patch_settings(
            self.admin, {"business_calendar": calendar}), 200))
        wh = self.new_warehouse()
        sku = self.new_sku(wh, 10, code=code())
        express = self.approved([(sku, 1)], service="express")  # 12 business hours
        standard = self.approved([(sku, 1)])  # 24
        at_risk = lambda hours: [r["order_no"] for r in self.admin.get(  # noqa: E731
            "/api/v1/orders/at-risk", query={"within_hours": hours, "limit": 200}).json["data"]]
        self.assertNotIn(express["order_no"], at_risk(4))
        self.advance(9)
        risky = at_risk(4)
        self.assertIn(express["order_no"], risky)
        self.assertNotIn(standard["order_no"], risky)
        self.assertEqual(self.cases(order_no=express["order_no"]), [])
        moved = self.advance(4)
        self.assertGreaterEqual(moved["jobs"]["ship_limit_cases"], 1, moved)
        breach = self.cases(order_no=express["order_no"], type="ship_time_limit_breached")
        self.assertEqual(len(breach), 1, breach)
        self.assertFalse(breach[0]["blocking"])
        self.assertEqual((breach[0]["details"]["stage"], breach[0]["details"]["department"]),
                         ("pick", "warehouse"), breach[0])
        overdue = [r for r in self.admin.get("/api/v1/orders/at-risk").json["data"]
                   if r["order_no"] == express["order_no"]]
        self.assertTrue(overdue and overdue[0]["overdue"], overdue)
        self.assertFieldError(self.admin.get("/api/v1/orders/at-risk",
                                             query={"within_hours": "soon"}),
                              "within_hours", "invalid_value")
        self.advance(1)
        self.assertEqual(len(self.cases(order_no=express["order_no"])), 1, "one case per order")

    def test_z_confirmation_catches_up_after_a_restart(self):
        wh = self.new_warehouse()
        sku = self.new_sku(wh, 10, code=code())
        order = self.shipped(sku)
        shipped_at = o.parse_time(order["shipped_at"])
        later = shipped_at + datetime.timedelta(days=11)
        self.server.stop()
        self.server.extra_args = [a if a != START else o.rfc3339(later)
                                  for a in self.server.extra_args]
        self.server.start()
        self.assertEqual(self.get_order(order["order_no"])["status"], "completed",
                         "the first tick, before the server answers, catches up")


if __name__ == "__main__":
    unittest.main()
