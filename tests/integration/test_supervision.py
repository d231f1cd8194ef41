"""Supervision (AUD-2, AUD-3): refused attempts recorded and detected as violations naming who
tried, a corrected receipt and a late shipment detected, penalties needing a second person,
rewards for good records, and KPIs per person and per department with exact figures.

Time limits have one source, the settings: the class makes expedited orders (express, priority
80) late one hour after payment and express deliveries late one hour after shipment, every day
worked, while standard orders keep their defaults. The server runs on the test clock, which the
tests move past those limits (POST /ops/clock) instead of waiting. The supervision policy file in
the data directory holds the reward thresholds alone."""

import datetime
import json
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

PASSWORD = "correct horse battery"

POLICY = {
    "reward_min_steps": 1,
    "reward_min_timeliness_bp": 9500,
}

CHINA = datetime.timezone(datetime.timedelta(hours=8))


class SupervisionTest(o.OrdoTestCase):

    @classmethod
    def setUpClass(cls):
        # The policy file must be in the data directory before the server starts, so this
        # replaces OrdoTestCase.setUpClass rather than extending it.
        unittest.TestCase.setUpClass()
        data_dir = tempfile.mkdtemp(prefix="ordo-it-supervision-data-")
        with open(os.path.join(data_dir, "supervision.json"), "w", encoding="utf-8") as f:
            json.dump(POLICY, f)
        cls.server = o.OrdoServer(cls.__name__, data_dir=data_dir)
        cls.server.extra_args = ["--test-clock", "now"]
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        cls.admin_token = cls.server.token("admin", f"it-admin-{cls.__name__}")
        cls.admin = cls.server.client(cls.admin_token)
        # These tests drive review by hand (OrdoTestCase.auto_review).
        o.expect(o.patch_settings(cls.admin, {"auto_review": False}), 200,
                 what="turning automatic review off")
        o.expect(o.patch_settings(cls.admin, {
            "ship_within_hours": {"expedited": 1}, "deliver_within_hours": {"express": 1},
            "business_calendar": {"working_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                                  "holidays": [], "extra_working_days": []}}), 200,
                 what="one-hour limits for express orders, every day worked")
        cls.wh = o.create_warehouse(cls.admin)
        cls.auditor = cls.server.client(cls.server.token("auditor"))
        # Supervisors run detection and propose; auditors only read (issue 14 item 14).
        cls.supervisor = cls.server.client(cls.server.token("supervisor"))
        cls.anonymous = cls.server.client(None)

    # -- helpers ------------------------------------------------------------------------------

    def department(self, code):
        """Registers `code` as one of the business's own departments (the registry of
        domain/staff/department.h), so each test's people are counted apart."""
        departments = self.admin.get("/api/v1/settings").json["departments"]
        if code not in [d["code"] for d in departments]:
            departments.append({"code": code, "name": f"测试部 {code}"})
            o.expect(o.patch_settings(self.admin, {"departments": departments}), 200,
                     what=f"register department {code}")

    def staff(self, role, department):
        """A new staff account, logged in: (actor, client)."""
        self.department(department)
        username = o.unique("u").lower().replace("-", "_")
        body = {"username": username, "display_name": "测试员", "department": department,
                "role": role, "password": PASSWORD}
        o.expect(self.admin.post("/api/v1/users", body), 201, what=f"create user {username}")
        client = self.client(self.log_in(username))
        client.username = username
        return f"user:{username}", client

    def log_in(self, username):
        login = o.expect(self.anonymous.post("/api/v1/auth/login",
                                             {"username": username, "password": PASSWORD,
                                              "return_token": True}), 200)
        return login["token"]

    def advance_two_hours(self, *clients):
        """Moves the test clock past the one-hour limits of express orders. The sessions of
        `clients` (from staff()) have been idle that long: they log in again."""
        o.expect(self.admin.post("/api/v1/ops/clock", {"advance_hours": 2}), 200,
                 what="moving the test clock")
        for client in clients:
            client.token = self.log_in(client.username)

    def paid_order(self, service="standard", quantity=1):
        sku = self.new_sku(self.wh, 10)
        order = self.place(o.order_body([(sku, quantity)], service=service))
        self.act(order["order_no"], "payments", o.payment_body(order))
        return order["order_no"]

    def fulfil(self, no, client, ship=True):
        # The packed weight matches the order's (one SKU of the default 520 g), so that no
        # weight_mismatch case holds it.
        self.act(no, "pick", client=client)
        self.pack(no, {"weight_g": 520}, client=client)
        if ship:
            self.act(no, "ship", {"carrier": "SF", "tracking_no": o.unique("SF")}, client=client)

    def detect(self, client=None, body=None):
        resp = (client or self.supervisor).post("/api/v1/violations/detect",
                                            {} if body is None else body)
        self.assertStatus(resp, 200, "detecting violations")
        for key in ("found", "created", "by_type", "data", "period"):
            self.assertIn(key, resp.json, resp.describe())
        return resp.json

    def violations(self, client=None, **query):
        """Every violation matching `query`, following next_cursor."""
        out, cursor = [], None
        for _ in range(200):
            q = dict(query, limit=50)
            if cursor:
                q["cursor"] = cursor
            resp = (client or self.auditor).get("/api/v1/violations", query=q)
            self.assertStatus(resp, 200, f"listing violations {q}")
            out.extend(resp.json["data"])
            cursor = resp.json["next_cursor"]
            if cursor is None:
                return out
        self.fail("violation pagination does not end")

    def only(self, items, what):
        self.assertEqual(len(items), 1, f"expected exactly one {what}: {items}")
        return items[0]

    # -- refused attempts ---------------------------------------------------------------------

    def test_cancel_after_shipment_is_a_violation_naming_who_tried(self):
        department = o.unique("cs")
        actor, clerk = self.staff("customer_service", department)
        no = self.paid_order()
        self.act(no, "review", {"decision": "approve"})
        self.fulfil(no, self.admin)
        refused = self.act(no, "cancel", {"reason": "customer asked"}, client=clerk,
                           expect_status=409)
        self.assertProblem(refused, 409, "illegal_transition")
        self.assertEqual(self.get_order(no)["status"], "shipped", "a refusal changes nothing")

        # The attempt is recorded by a command of its own, queued before the refusal was answered;
        # detection starts behind a write barrier, so after it the attempt is surely durable.
        result = self.detect()
        # It is in the audit trail, hash-chained like every other entry.
        attempts = o.expect(self.auditor.get("/api/v1/audit",
                                             query={"entity": "attempt", "id": no}), 200)["data"]
        attempt = self.only(attempts, f"attempt on {no}")
        self.assertEqual(attempt["actor"], actor)
        self.assertEqual(attempt["action"], "cancel")
        self.assertEqual(attempt["before"], {"status": "shipped"})
        self.assertEqual(attempt["after"]["code"], "illegal_transition")
        self.assertEqual(attempt["after"]["target"], f"/api/v1/orders/{no}/cancel")

        mine = self.violations(actor=actor)
        violation = self.only(mine, f"violation of {actor}")
        self.assertEqual(violation["type"], "change_after_shipment")
        self.assertEqual(violation["department"], department)
        self.assertEqual(violation["severity"], "high")
        self.assertEqual(violation["details"]["order_no"], no)
        self.assertEqual(violation["details"]["order_status"], "shipped")
        self.assertIn("shipped", violation["explanation"])
        self.assertIn(violation["id"], [v["id"] for v in result["data"]])
        one = o.expect(self.auditor.get(f"/api/v1/violations/{violation['id']}"), 200)
        self.assertEqual(one, violation)

        # Detection runs again without recording anything twice.
        again = self.detect()
        self.assertNotIn(violation["id"], [v["id"] for v in again["data"]])
        self.assertEqual(len(self.violations(actor=actor)), 1)

    def test_reveal_without_pii_read_is_unauthorised_access_but_a_channel_is_not_staff(self):
        actor, picker = self.staff("warehouse", o.unique("wh"))
        no = self.paid_order()
        self.assertProblem(picker.post(f"/api/v1/orders/{no}/reveal", {"reason": "curious"}),
                           403, "forbidden")
        channel = self.client(self.server.token("channel", "web"))
        self.assertStatus(channel.post(f"/api/v1/orders/{no}/reveal", {}), 403)
        self.detect()
        violation = self.only(self.violations(actor=actor), f"violation of {actor}")
        self.assertEqual(violation["type"], "unauthorised_pii_access")
        self.assertEqual(violation["details"]["permission"], "pii:read")
        self.assertEqual(violation["details"]["target"], f"/api/v1/orders/{no}/reveal")
        self.assertEqual(self.violations(actor="token:web", type="unauthorised_pii_access"), [])

    def test_fulfilling_an_unreviewed_order_is_a_review_bypass_attempt(self):
        actor, picker = self.staff("warehouse", o.unique("wh"))
        no = self.paid_order()
        self.act(no, "pick", client=picker, expect_status=409)
        self.act(no, "review", {"decision": "approve"})
        self.act(no, "pick", client=picker)
        self.act(no, "pick", client=picker, expect_status=409)  # twice: an ordinary refusal
        self.detect()
        violation = self.only(self.violations(actor=actor), f"violation of {actor}")
        self.assertEqual(violation["type"], "review_bypass_attempt")
        self.assertEqual(violation["details"]["order_status"], "pending_review")

    # -- violations from the records ----------------------------------------------------------

    def test_a_receipt_corrected_by_an_adjustment_is_entry_corrected(self):
        actor, keeper = self.staff("warehouse", o.unique("wh"))
        sku = o.create_sku(self.admin)["sku"]
        receipt = o.expect(keeper.post("/api/v1/stock/receipts",
                                       {"warehouse": self.wh, "sku": sku, "quantity": 100,
                                        "reason": "delivery note 42"}), 201)["entry"]
        self.assertFieldError(self.admin.post("/api/v1/stock/adjustments",
                                              {"warehouse": self.wh, "sku": sku,
                                               "quantity": -10}), "reason", "required")
        adjusted = o.expect(self.admin.post("/api/v1/stock/adjustments",
                                            {"warehouse": self.wh, "sku": sku, "quantity": -10,
                                             "reason": "counted 90, not 100"}), 201)
        self.assertEqual(adjusted["entry"]["type"], "adjustment")
        self.assertStock(sku, 90, 0)
        self.detect()
        violation = self.only(self.violations(actor=actor), f"violation of {actor}")
        self.assertEqual(violation["type"], "entry_corrected")
        self.assertEqual(violation["entity"], "stock")
        self.assertEqual(violation["entity_id"], f"{sku}@{self.wh}")
        self.assertEqual(violation["occurrence"], f"adjustment:{adjusted['entry']['id']}")
        self.assertEqual(violation["details"]["corrected_entry_id"], str(receipt["id"]))
        self.assertEqual(violation["details"]["correction_quantity"], "-10")
        self.assertIn("counted 90, not 100", violation["explanation"])

    def test_a_late_shipment_is_a_time_limit_breach_of_the_shipper(self):
        actor, shipper = self.staff("warehouse", o.unique("wh"))
        late = self.paid_order(service="express")
        on_time = self.paid_order(service="standard")
        for no in (late, on_time):
            self.act(no, "review", {"decision": "approve"})
            self.fulfil(no, shipper, ship=False)
        self.advance_two_hours(shipper)  # past the one-hour limit of expedited orders
        for no in (late, on_time):
            self.act(no, "ship", {"carrier": "SF", "tracking_no": o.unique("SF")}, client=shipper)
        an_hour_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
        since = self.detect(body={"from": o.rfc3339(an_hour_ago)})  # up to now
        self.assertTrue(since["period"]["label"].startswith("since "), since["period"])
        self.assertGreaterEqual(since["by_type"].get("time_limit_breach", 0), 1, since)
        violation = self.only(self.violations(actor=actor), f"violation of {actor}")
        self.assertEqual(violation["type"], "time_limit_breach")
        self.assertEqual(violation["entity_id"], late)
        self.assertEqual(violation["occurrence"], "ship")
        self.assertEqual(violation["details"]["limit"], "1h")
        self.assertEqual(violation["details"]["priority"], "80")
        self.assertGreater(int(violation["details"]["observed_ms"]), 1)
        self.assertEqual(violation["suggested_penalty"]["kind"], "warning")

    # -- penalties and rewards ----------------------------------------------------------------

    def test_an_identical_reward_proposed_again_needs_a_confirmation(self):
        # Rewards are money too: the same bonus for the same person minutes apart is a double
        # submit until the proposer says otherwise (issue 13.10).
        person, _ = self.staff("warehouse", o.unique("wh"))
        body = {"person": person, "kind": "bonus", "reason": "peak week", "amount": 50000}
        o.expect(self.supervisor.post("/api/v1/rewards", body), 201, what="first proposal")
        self.assertProblem(self.supervisor.post("/api/v1/rewards", body), 409,
                           "possible_duplicate_request")
        o.expect(self.supervisor.post("/api/v1/rewards", dict(body, amount=60000)), 201,
                 what="another amount")
        o.expect(self.supervisor.post("/api/v1/rewards", dict(body, confirm_duplicate=True)), 201,
                 what="confirmed")

    def test_a_penalty_is_approved_by_another_person_only(self):
        culprit, clerk = self.staff("customer_service", o.unique("cs"))
        _, head = self.staff("supervisor", o.unique("heads"))
        second_head_actor, second_head = self.staff("supervisor", o.unique("heads"))
        no = self.paid_order()
        self.act(no, "review", {"decision": "approve"})
        self.fulfil(no, self.admin)
        self.act(no, "cancel", {"reason": "customer asked"}, client=clerk, expect_status=409)
        self.detect()
        violation = self.only(self.violations(actor=culprit), f"violation of {culprit}")

        refused = self.supervisor.post("/api/v1/penalties",
                                    {"violation_id": violation["id"], "kind": "fine"})
        self.assertFieldError(refused, "amount", "required")
        unknown = self.supervisor.post("/api/v1/penalties",
                                    {"violation_id": 987654321, "kind": "warning"})
        self.assertFieldError(unknown, "violation_id", "unknown_violation")
        self.assertFieldError(self.supervisor.post("/api/v1/penalties", {"kind": "demotion",
                                                                      "person": culprit,
                                                                      "reason": "x"}),
                              "kind", "invalid_value")

        proposed = o.expect(self.supervisor.post("/api/v1/penalties",
                                              {"violation_id": violation["id"], "kind": "fine",
                                               "amount": 5000}), 201)
        self.assertEqual(proposed["state"], "proposed")
        self.assertEqual(proposed["person"], culprit)
        self.assertEqual(proposed["amount"], 5000)
        self.assertEqual(proposed["violation_id"], violation["id"])
        pid = proposed["id"]
        self.assertProblem(self.auditor.post(f"/api/v1/penalties/{pid}/approve", {}), 403,
                           "forbidden")  # an auditor neither proposes nor approves
        self.assertProblem(self.auditor.post("/api/v1/penalties", {
            "violation_id": violation["id"], "kind": "warning"}), 403, "forbidden")
        again = self.supervisor.post("/api/v1/penalties",
                                  {"violation_id": violation["id"], "kind": "warning"})
        self.assertProblem(again, 409, "already_exists")

        # A supervisor's own proposal needs another supervisor.
        own = o.expect(head.post("/api/v1/penalties",
                                 {"person": culprit, "kind": "retraining",
                                  "reason": "cancelled a shipped order"}), 201)
        self.assertProblem(head.post(f"/api/v1/penalties/{own['id']}/approve", {}), 403,
                           "self_approval")
        self.assertProblem(second_head.post(f"/api/v1/penalties/{own['id']}/reject", {}), 422,
                           "validation_failed")
        rejected = o.expect(second_head.post(f"/api/v1/penalties/{own['id']}/reject",
                                             {"reason": "the fine is enough"}), 200)
        self.assertEqual(rejected["state"], "rejected")

        approved = o.expect(head.post(f"/api/v1/penalties/{pid}/approve",
                                      {"reason": "agreed"}), 200)
        self.assertEqual(approved["state"], "approved")
        self.assertEqual([h["state"] for h in approved["history"]], ["proposed", "approved"])
        self.assertProblem(second_head.post(f"/api/v1/penalties/{pid}/approve", {}), 409,
                           "already_decided")
        listed = o.expect(self.auditor.get("/api/v1/penalties", query={"person": culprit}),
                          200)["data"]
        self.assertEqual(sorted((p["id"], p["state"]) for p in listed),
                         sorted([(pid, "approved"), (own["id"], "rejected")]))
        audit = o.expect(self.auditor.get("/api/v1/audit",
                                          query={"entity": "penalty", "id": str(pid)}), 200)
        self.assertEqual([(e["action"], e["after"]["state"]) for e in audit["data"]],
                         [("propose", "proposed"), ("approve", "approved")])
        self.assertNotEqual(second_head_actor, culprit)

    # -- KPIs ---------------------------------------------------------------------------------

    def kpi_rows(self, period, group_by, key, wanted):
        resp = self.auditor.get("/api/v1/kpis", query={"period": period, "group_by": group_by})
        self.assertStatus(resp, 200, f"KPIs {period} by {group_by}")
        body = resp.json
        self.assertEqual(body["group_by"], group_by)
        self.assertEqual(body["period"]["label"], period)
        self.assertIn("customer_satisfaction", body["notes"])
        rows = {row[key]: row for row in body["data"] if row[key] in wanted}
        self.assertEqual(sorted(rows), sorted(wanted), f"rows for {wanted}: {resp.describe()}")
        return rows

    def assertRate(self, row, name, numerator, denominator, rate_bp):
        rate = row[name]
        got = [v for k, v in rate.items() if k != "rate_bp"] + [rate["rate_bp"]]
        self.assertEqual(got, [numerator, denominator, rate_bp], f"{name}: {row}")

    def test_kpis_for_a_month_per_user_and_per_department(self):
        service_department, warehouse_department = o.unique("kpi-cs"), o.unique("kpi-wh")
        cs, cs_client = self.staff("customer_service", service_department)
        w1, w1_client = self.staff("warehouse", warehouse_department)
        w2, w2_client = self.staff("warehouse", warehouse_department)
        started = time.time()
        # O1 standard: reviewed by cs, fulfilled by w1 in time, delivered in time.
        # O2 express: reviewed by cs, shipped by w1 after its one-hour limit, delivered late.
        # O3 standard: reviewed by cs, picked by w2, then cancelled after payment by cs.
        # O4 standard: reviewed by cs, fulfilled by w2 in time, not delivered.
        orders = [self.paid_order("standard"), self.paid_order("express"),
                  self.paid_order("standard"), self.paid_order("standard")]
        for no in orders:
            self.act(no, "review", {"decision": "approve"}, client=cs_client)
        o1, o2, o3, o4 = orders
        self.fulfil(o1, w1_client)
        self.fulfil(o2, w1_client, ship=False)
        self.advance_two_hours(cs_client, w1_client, w2_client)
        self.act(o2, "ship", {"carrier": "SF", "tracking_no": o.unique("SF")}, client=w1_client)
        self.act(o3, "pick", client=w2_client)
        asked = self.act(o3, "cancel", {"reason": "customer changed mind"}, client=cs_client,
                         expect_status=202).json
        o.expect(w2_client.post(f"/api/v1/orders/{o3}/changes/{asked['id']}/confirm", {}), 200,
                 what="w2 confirms the cancellation it was picking")
        self.fulfil(o4, w2_client)
        self.act(o1, "deliver")
        self.advance_two_hours(cs_client, w1_client, w2_client)  # past express's promise
        self.act(o2, "deliver")
        # w1 books a receipt that the admin then corrects.
        sku = o.create_sku(self.admin)["sku"]
        o.expect(w1_client.post("/api/v1/stock/receipts",
                                {"warehouse": self.wh, "sku": sku, "quantity": 100}), 201)
        o.expect(self.admin.post("/api/v1/stock/adjustments",
                                 {"warehouse": self.wh, "sku": sku, "quantity": -5,
                                  "reason": "short delivery"}), 201)
        months = {datetime.datetime.fromtimestamp(t, CHINA).strftime("%Y-%m")
                  for t in (started, time.time())}
        if len(months) != 1:
            self.skipTest("the scenario straddled the end of a month (China time)")
        period = months.pop()

        users = self.kpi_rows(period, "user", "actor", [cs, w1, w2])
        self.assertRate(users[cs], "processing_timeliness", 4, 4, 10000)
        self.assertRate(users[cs], "order_accuracy", 4, 4, 10000)
        self.assertRate(users[cs], "on_time_delivery", 0, 0, None)
        self.assertRate(users[cs], "refund_rate", 1, 4, 2500)
        self.assertEqual(users[cs]["department"], service_department)
        self.assertIsNone(users[cs]["customer_satisfaction"])
        self.assertEqual(users[cs]["violations"], 0)
        self.assertTrue(users[cs]["reward_eligible"])
        self.assertRate(users[w1], "processing_timeliness", 1, 2, 5000)
        self.assertRate(users[w1], "order_accuracy", 2, 3, 6666)
        self.assertRate(users[w1], "on_time_delivery", 1, 2, 5000)
        self.assertRate(users[w1], "refund_rate", 0, 2, 0)
        self.assertEqual(users[w1]["violations"], 2)
        self.assertFalse(users[w1]["reward_eligible"])
        self.assertRate(users[w2], "processing_timeliness", 1, 1, 10000)
        self.assertRate(users[w2], "order_accuracy", 2, 2, 10000)
        self.assertRate(users[w2], "refund_rate", 1, 2, 5000)
        self.assertTrue(users[w2]["reward_eligible"])

        departments = self.kpi_rows(period, "department", "department",
                                    [service_department, warehouse_department])
        wh = departments[warehouse_department]
        self.assertRate(wh, "processing_timeliness", 2, 3, 6666)
        self.assertRate(wh, "order_accuracy", 4, 5, 8000)
        self.assertRate(wh, "on_time_delivery", 1, 2, 5000)
        self.assertRate(wh, "refund_rate", 1, 4, 2500)
        self.assertEqual(wh["violations"], 2)
        self.assertNotIn("actor", wh)
        cs_row = departments[service_department]
        self.assertRate(cs_row, "processing_timeliness", 4, 4, 10000)
        self.assertRate(cs_row, "refund_rate", 1, 4, 2500)
        self.assertIsNone(cs_row["customer_satisfaction"])

        # Good records earn a reward proposal, once per period, approved by a supervisor.
        proposed = o.expect(self.supervisor.post("/api/v1/rewards/propose-eligible",
                                              {"period": period}), 200)["data"]
        mine = {r["person"]: r for r in proposed if r["person"] in (cs, w1, w2)}
        self.assertEqual(sorted(mine), sorted([cs, w2]))
        self.assertEqual(mine[cs]["kind"], "commendation")
        self.assertEqual(mine[cs]["period"], period)
        self.assertEqual(mine[cs]["department"], service_department)
        again = o.expect(self.supervisor.post("/api/v1/rewards/propose-eligible",
                                           {"period": period}), 200)["data"]
        self.assertEqual([r for r in again if r["person"] in (cs, w1, w2)], [])
        _, head = self.staff("supervisor", o.unique("heads"))
        self.assertProblem(cs_client.post(f"/api/v1/rewards/{mine[cs]['id']}/approve", {}), 403,
                           "forbidden")
        approved = o.expect(head.post(f"/api/v1/rewards/{mine[cs]['id']}/approve", {}), 200)
        self.assertEqual(approved["state"], "approved")

    # -- access and errors --------------------------------------------------------------------

    def test_an_auditor_reads_and_a_warehouse_user_is_refused(self):
        _, picker = self.staff("warehouse", o.unique("wh"))
        for path in ("/api/v1/violations", "/api/v1/penalties", "/api/v1/rewards",
                     "/api/v1/supervision/policy"):
            self.assertStatus(self.auditor.get(path), 200, path)
            self.assertProblem(picker.get(path), 403, "forbidden", path)
        self.assertStatus(self.auditor.get("/api/v1/kpis", query={"period": "2026-11"}), 200)
        self.assertProblem(picker.get("/api/v1/kpis", query={"period": "2026-11"}), 403,
                           "forbidden")
        self.assertProblem(picker.post("/api/v1/violations/detect", {}), 403, "forbidden")
        self.assertProblem(self.auditor.post("/api/v1/violations/detect", {}), 403, "forbidden")
        self.assertProblem(picker.post("/api/v1/penalties", {"kind": "warning"}), 403,
                           "forbidden")
        self.assertProblem(self.anonymous.get("/api/v1/violations"), 401, "unauthenticated")
        policy = o.expect(self.auditor.get("/api/v1/supervision/policy"), 200)
        self.assertEqual(policy["source"], "settings", "one source of time limits")
        self.assertEqual(policy["ship_within_hours"]["expedited"], 1, "the settings are in force")
        self.assertEqual(policy["reward_min_steps"], 1, "the policy file's thresholds are too")

    def test_bad_queries_name_the_field(self):
        for query, field in (({"period": "2026-13"}, "period"),
                             ({"period": "2026-11", "group_by": "team"}, "group_by"),
                             ({}, "period"),
                             ({"from": "2026-11-01"}, "to")):
            self.assertFieldError(self.auditor.get("/api/v1/kpis", query=query), field,
                                  "required" if field in ("to",) or not query else
                                  "invalid_value", f"kpis {query}")
        self.assertFieldError(self.auditor.get("/api/v1/violations", query={"type": "speeding"}),
                              "type", "invalid_value")
        self.assertFieldError(self.supervisor.post("/api/v1/violations/detect",
                                                {"period": "November"}),
                              "period", "invalid_value")
        self.assertProblem(self.auditor.get("/api/v1/violations/987654321"), 404, "not_found")
        self.assertProblem(self.auditor.get("/api/v1/violations/abc"), 404, "not_found")

    def test_violations_page_newest_first(self):
        for _ in range(3):
            _, picker = self.staff("warehouse", o.unique("wh"))
            picker.post(f"/api/v1/orders/{self.paid_order()}/reveal", {})
        self.detect()
        first = o.expect(self.auditor.get("/api/v1/violations", query={"limit": 2}), 200)
        self.assertEqual(len(first["data"]), 2)
        self.assertIsNotNone(first["next_cursor"])
        second = o.expect(self.auditor.get("/api/v1/violations",
                                           query={"limit": 2, "cursor": first["next_cursor"]}),
                          200)
        ids = [v["id"] for v in first["data"] + second["data"]]
        self.assertEqual(ids, sorted(ids, reverse=True))
        self.assertEqual(len(set(ids)), len(ids))

    def test_openapi_describes_the_supervision_routes(self):
        doc = o.expect(self.anonymous.get("/api/v1/openapi.json"), 200)
        for path, method in (("/api/v1/violations", "get"), ("/api/v1/violations/detect", "post"),
                             ("/api/v1/penalties", "post"), ("/api/v1/penalties", "get"),
                             ("/api/v1/penalties/{id}/approve", "post"),
                             ("/api/v1/rewards/{id}/reject", "post"),
                             ("/api/v1/kpis", "get"), ("/api/v1/stock/adjustments", "post")):
            self.assertIn(method, doc["paths"].get(path, {}), path)
        for schema in ("Violation", "Sanction", "KpiReport", "PenaltyInput", "Adjustment"):
            self.assertIn(schema, doc["components"]["schemas"])
        codes = doc["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
        for code in ("self_approval", "already_decided", "unknown_violation"):
            self.assertIn(code, codes)


if __name__ == "__main__":
    unittest.main()
