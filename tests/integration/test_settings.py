"""Settings over HTTP (api.md "GET/PATCH /api/v1/settings"): typed keys with defaults, changes
validated field by field and audited before → after, who may read and change them, and the
carrier rules among them."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

KEYS = {"ship_within_hours", "weight_tolerance_percent", "auto_confirm_days",
        "business_calendar", "require_verification", "carrier_rules",
        "unpaid_reminder_minutes", "unpaid_close_minutes", "amount_too_large_amount",
        "quantity_surge_factor", "usual_amount_factor", "duplicate_order_window_minutes",
        "high_risk_refusal_count", "auto_review", "after_sales_window_days",
        "no_reason_return_days", "waybill_low_threshold", "weight_tolerance_g",
        "packaging_weight_g", "box_types", "refund_approval_threshold_amount",
        "duplicate_request_window_minutes", "deliver_within_hours", "departments",
        "review_within_hours", "correction_window_hours", "reply_within_hours",
        "receipt_approval_quantity", "adjustment_approval_quantity", "document_retention_days"}


class SettingsTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.operations_name = f"it-ops-{o.uuid.uuid4().hex[:6]}"
        cls.operations = cls.server.client(cls.server.token("operations", cls.operations_name))
        cls.warehouse = cls.server.client(cls.server.token("warehouse"))
        cls.logistics = cls.server.client(cls.server.token("logistics"))
        cls.channel = cls.server.client(cls.server.token("channel", "web"))

    def settings(self, client=None):
        resp = (client or self.admin).get("/api/v1/settings")
        self.assertStatus(resp, 200, "settings")
        return resp.json

    def test_every_key_has_its_default(self):
        settings = self.settings(self.warehouse)
        self.assertEqual(set(settings), KEYS)
        self.assertEqual(settings["ship_within_hours"]["standard"], 24)
        self.assertLess(settings["ship_within_hours"]["expedited"], 24)
        self.assertEqual((settings["auto_confirm_days"], settings["require_verification"]),
                         (10, True), "parcels are verified by default")
        # Weekends and the public holidays of mainland China are off (AFS-5).
        self.assertEqual(settings["business_calendar"]["working_days"],
                         ["mon", "tue", "wed", "thu", "fri"])
        self.assertIn("2026-02-16", settings["business_calendar"]["holidays"])
        self.assertEqual(settings["deliver_within_hours"]["standard"], 120)
        self.assertEqual(settings["review_within_hours"], 4)
        self.assertTrue(settings["carrier_rules"], settings)
        self.assertLess(settings["unpaid_reminder_minutes"], settings["unpaid_close_minutes"])

    def test_a_change_is_stored_and_audited_before_and_after(self):
        before = self.settings()
        self.addCleanup(lambda: o.expect(o.patch_settings(self.admin, {
            key: before[key] for key in ("weight_tolerance_percent", "ship_within_hours",
                                         "business_calendar")}), 200, what="restore"))
        resp = o.patch_settings(self.operations, {
            "weight_tolerance_percent": 7, "ship_within_hours": {"expedited": 8},
            "business_calendar": {"holidays": ["2026-10-01", "2026-10-02"]}})
        self.assertStatus(resp, 200, "patch")
        after = self.settings()
        self.assertEqual(after, resp.json)
        self.assertEqual(after["weight_tolerance_percent"], 7)
        self.assertEqual(after["ship_within_hours"]["expedited"], 8)
        self.assertEqual(after["ship_within_hours"]["standard"],
                         before["ship_within_hours"]["standard"], "other classes keep theirs")
        self.assertEqual(after["business_calendar"]["holidays"], ["2026-10-01", "2026-10-02"])
        self.assertEqual(after["business_calendar"]["working_days"],
                         before["business_calendar"]["working_days"])
        audit = self.admin.get("/api/v1/audit", query={
            "entity": "setting", "id": "weight_tolerance_percent"}).json["data"]
        self.assertEqual([(e["before"], e["after"]) for e in audit],
                         [(before["weight_tolerance_percent"], 7)], audit)
        self.assertIn(self.operations_name, audit[0]["actor"])
        unchanged = o.patch_settings(self.operations, {"weight_tolerance_percent": 7})
        self.assertStatus(unchanged, 200, "a patch that changes nothing")
        self.assertEqual(len(self.admin.get("/api/v1/audit", query={
            "entity": "setting", "id": "weight_tolerance_percent"}).json["data"]), 1,
            "nothing changed, nothing audited")

    def test_an_edit_needs_the_current_etag(self):
        resp = self.operations.get("/api/v1/settings")
        self.assertStatus(resp, 200)
        etag = resp.header("ETag")
        self.assertRegex(etag or "", r'^"\d+"$', "the settings carry an ETag")
        self.assertEqual(self.logistics.get("/api/v1/carriers").header("ETag"), etag,
                         "the carrier rules are part of the settings")
        before = resp.json
        missing = self.operations.patch("/api/v1/settings", {"auto_confirm_days": 12})
        self.assertProblem(missing, 428, "precondition_required", "PATCH without If-Match")
        missing = self.logistics.request("PUT", "/api/v1/carriers",
                                         {"carrier_rules": before["carrier_rules"]})
        self.assertProblem(missing, 428, "precondition_required", "PUT without If-Match")
        self.assertEqual(self.settings(), before, "nothing changed")
        ok = self.operations.patch("/api/v1/settings", {"auto_confirm_days": 12},
                                   headers={"If-Match": etag})
        self.assertStatus(ok, 200, "PATCH with the current ETag")
        self.assertNotEqual(ok.header("ETag"), etag, "a change moves the ETag")
        stale = self.operations.patch("/api/v1/settings", {"auto_confirm_days": 9},
                                      headers={"If-Match": etag})
        self.assertProblem(stale, 412, "version_mismatch", "PATCH with a stale ETag")
        self.assertEqual(self.settings()["auto_confirm_days"], 12, "the stale edit changed nothing")
        o.expect(o.patch_settings(self.operations,
                                  {"auto_confirm_days": before["auto_confirm_days"]}), 200)

    def test_unknown_keys_and_bad_values_are_refused_field_by_field(self):
        before = self.settings()
        cases = [
            ({"ship_within": 3}, "ship_within", "unknown_setting"),
            ({"auto_confirm_days": 0}, "auto_confirm_days", "invalid_value"),
            ({"weight_tolerance_percent": "ten"}, "weight_tolerance_percent", "invalid_value"),
            ({"ship_within_hours": {"expedited": "fast"}}, "ship_within_hours.expedited",
             "invalid_value"),
            ({"ship_within_hours": {"rocket": 1}}, "ship_within_hours.rocket", "unknown_setting"),
            ({"business_calendar": {"holidays": ["2026-13-01"]}},
             "business_calendar.holidays[0]", "invalid_value"),
            ({"business_calendar": {"working_days": []}}, "business_calendar.working_days",
             "invalid_value"),
            ({"unpaid_reminder_minutes": 2000, "unpaid_close_minutes": 1000},
             "unpaid_reminder_minutes", "invalid_value"),
            ({"carrier_rules": [{"carrier": "EMS"}]}, "carrier_rules[0].name", "required"),
        ]
        for body, field, code in cases:
            with self.subTest(body=body):
                self.assertFieldError(o.patch_settings(self.operations, body), field,
                                      code)
        both = o.patch_settings(self.operations, {"colour": "red",
                                                           "auto_confirm_days": 500})
        fields = {e["field"] for e in self.assertProblem(both, 422, "validation_failed")["errors"]}
        self.assertEqual(fields, {"colour", "auto_confirm_days"}, "every fault at once")
        self.assertProblem(o.patch_settings(self.operations, raw="[1, 2]"), 400,
                           "malformed_json")
        self.assertEqual(self.settings(), before, "a refused change changes nothing")

    def test_only_admin_and_operations_change_settings(self):
        body = {"auto_confirm_days": 12}
        for client in (self.warehouse, self.logistics, self.channel):
            self.assertProblem(o.patch_settings(client, body), 403, "forbidden")
        self.assertProblem(self.channel.get("/api/v1/settings"), 403, "forbidden")
        self.assertStatus(o.patch_settings(self.admin, body), 200, "admin")
        self.assertEqual(self.settings()["auto_confirm_days"], 12)

    def test_logistics_maintains_the_carrier_rules(self):
        rules = [{"carrier": "EMS", "name": "中国邮政", "max_weight_g": 40000,
                  "first_kg_amount": 1000, "extra_kg_amount": 200}]
        resp = o.put_carriers(self.logistics, {"carrier_rules": rules})
        self.assertStatus(resp, 200, "put carriers")
        stored = self.logistics.get("/api/v1/carriers").json["carrier_rules"]
        self.assertEqual([(r["carrier"], r["name"], r["enabled"], r["max_priority"])
                          for r in stored], [("EMS", "中国邮政", True, 100)])
        self.assertEqual(self.settings()["carrier_rules"], stored)
        self.assertFieldError(o.put_carriers(self.logistics, {
            "carrier_rules": rules, "auto_confirm_days": 3}), "auto_confirm_days",
            "unknown_setting")
        self.assertFieldError(o.put_carriers(self.logistics, {}),
                              "carrier_rules", "required")
        self.assertProblem(o.put_carriers(self.warehouse, {"carrier_rules": rules}), 403,
                           "forbidden")


if __name__ == "__main__":
    unittest.main()
