"""The staff console as the server delivers it (issue 17): the embedded files at "/" with their
caching, compression and Content-Security-Policy, history-mode pages, and the reads added for
the console: the dashboard, order counts per status, the list's further filters, the actions
an order allows now, and the audit chain check."""

import gzip
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


class ConsoleFilesTest(o.OrdoTestCase):

    def raw(self, path, headers=None):
        return self.server.client(None).get(path, headers=headers or {}, token=None)

    def test_the_root_and_any_page_path_serve_index_html_revalidated(self):
        for path in ["/", "/orders", "/orders/20261126000001", "/system"]:
            resp = self.raw(path)
            self.assertStatus(resp, 200, path)
            self.assertIn("text/html", resp.header("content-type"))
            self.assertEqual(resp.header("cache-control"), "no-cache", path)
            self.assertTrue(resp.header("etag"), path)

    def test_pages_carry_a_content_security_policy_without_inline_script(self):
        resp = self.raw("/")
        csp = resp.header("content-security-policy")
        self.assertIn("default-src 'self'", csp)
        script = re.search(r"script-src ([^;]*)", csp).group(1)
        self.assertEqual(script.strip(), "'self'")
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertIsNone(re.search(r"<script(?![^>]*\bsrc=)[^>]*>", resp.text),
                          "index.html has an inline script")

    def test_hashed_assets_are_immutable_and_gzipped_when_accepted(self):
        index = self.raw("/").text
        scripts = re.findall(r'src="(/assets/[^"]+\.js)"', index)
        if not scripts:
            self.skipTest("this build has no console (Node.js missing at build time)")
        plain = self.raw(scripts[0])
        self.assertStatus(plain, 200)
        self.assertIn("javascript", plain.header("content-type"))
        self.assertIn("immutable", plain.header("cache-control"))
        self.assertIsNone(plain.header("content-encoding"))
        packed = self.raw(scripts[0], {"Accept-Encoding": "gzip, deflate"})
        self.assertEqual(packed.header("content-encoding"), "gzip")
        self.assertEqual(packed.header("vary"), "Accept-Encoding")
        self.assertEqual(gzip.decompress(packed.body), plain.body)
        refused = self.raw(scripts[0], {"Accept-Encoding": "gzip;q=0"})
        self.assertIsNone(refused.header("content-encoding"))

    def test_a_matching_etag_is_answered_304(self):
        first = self.raw("/")
        again = self.raw("/", {"If-None-Match": first.header("etag")})
        self.assertStatus(again, 304)
        self.assertEqual(again.body, b"")

    def test_a_missing_asset_and_unknown_api_paths_are_404_problems(self):
        for path in ["/assets/no-such-file.js", "/api/v1/no-such-resource", "/api"]:
            resp = self.raw(path)
            self.assertProblem(resp, 404, "not_found", path)

    def test_other_methods_on_console_paths_are_not_served(self):
        resp = self.server.client(None).post("/orders", {}, token=None)
        self.assertEqual(resp.status, 404)


class ConsoleReadsTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 100)
        cls.orders = []
        cls.bodies = []  # what was sent: the answers mask the phones
        for method in ["online", "online", "cod"]:
            body = o.order_body([(cls.sku, 1)], payment_method=method)
            resp = o.expect(cls.admin.post("/api/v1/orders", body), 201)
            cls.orders.append(resp)
            cls.bodies.append(body)
        first = cls.orders[0]
        o.expect(cls.admin.post(f"/api/v1/orders/{first['order_no']}/payments",
                                o.payment_body(first)), 200)

    def test_counts_per_status_match_the_list(self):
        counts = o.expect(self.admin.get("/api/v1/orders/counts"), 200)
        self.assertEqual(counts["total"], sum(counts["by_status"].values()))
        for status, count in counts["by_status"].items():
            listed, _ = self.list_all({"status": status})
            self.assertEqual(len(listed), count, status)

    def test_counts_follow_the_filters(self):
        cod = o.expect(self.admin.get("/api/v1/orders/counts",
                                      query={"payment_method": "cod"}), 200)
        self.assertEqual(cod["total"], 1)
        phone = self.bodies[1]["consignee"]["phone"]
        by_phone = o.expect(self.admin.get("/api/v1/orders/counts", query={"phone": phone}), 200)
        self.assertEqual(by_phone["total"], 1)
        self.assertEqual(by_phone["by_status"], {"pending_payment": 1})

    def test_the_list_filters_by_payment_method_priority_hold_and_warehouse(self):
        cod, _ = self.list_all({"payment_method": "cod"})
        self.assertEqual([x["order_no"] for x in cod], [self.orders[2]["order_no"]])
        here, _ = self.list_all({"warehouse": self.warehouse})
        self.assertEqual(len(here), 3)
        elsewhere, _ = self.list_all({"warehouse": "NO-SUCH-WH"})
        self.assertEqual(elsewhere, [])
        held, _ = self.list_all({"on_hold": "true"})
        self.assertTrue(all(x.get("on_hold") for x in held))
        priority = self.orders[0]["priority"]
        same, _ = self.list_all({"priority": priority})
        self.assertTrue(all(x["priority"] == priority for x in same))

    def test_bad_filter_values_are_refused_naming_the_field(self):
        for name, value in [("priority", "high"), ("payment_method", "card"), ("on_hold", "yes")]:
            resp = self.admin.get("/api/v1/orders/counts", query={name: value})
            self.assertFieldError(resp, name, "invalid_value")
            resp = self.admin.get("/api/v1/orders", query={name: value})
            self.assertFieldError(resp, name, "invalid_value")

    def test_the_dashboard_counts_today_by_hour_channel_and_status(self):
        board = o.expect(self.admin.get("/api/v1/dashboard"), 200)
        self.assertEqual(len(board["by_hour"]), 24)
        self.assertEqual(sum(board["by_hour"]), board["orders"])
        self.assertGreaterEqual(board["orders"], 3)
        self.assertEqual(sum(c["orders"] for c in board["by_channel"]), board["orders"])
        self.assertEqual(sum(c["amount"] for c in board["by_channel"]), board["amount_total"])
        statuses = {s["status"]: s["orders"] for s in board["by_status"]}
        self.assertEqual(statuses.get("pending_review", 0), board["pending_review"])
        self.assertGreaterEqual(board["anomalies_open"], 0)
        old = o.expect(self.admin.get("/api/v1/dashboard", query={"date": "2020-01-01"}), 200)
        self.assertEqual(old["orders"], 0)
        self.assertEqual(old["from"], "2019-12-31T16:00:00.000Z")

    def test_the_dashboard_refuses_a_bad_date_and_channels(self):
        self.assertFieldError(self.admin.get("/api/v1/dashboard", query={"date": "yesterday"}),
                              "date", "invalid_value")
        channel = self.server.client(self.server.token("channel", "web"))
        self.assertProblem(channel.get("/api/v1/dashboard"), 403, "forbidden")
        warehouse = self.server.client(self.server.token("warehouse"))
        o.expect(warehouse.get("/api/v1/dashboard"), 200)

    def test_actions_follow_the_transition_table_and_the_callers_role(self):
        unpaid = self.orders[1]["order_no"]
        answer = o.expect(self.admin.get(f"/api/v1/orders/{unpaid}/actions"), 200)
        self.assertEqual(answer["status"], "pending_payment")
        actions = {a["action"]: a for a in answer["actions"]}
        self.assertEqual(set(actions), {"payments", "cancel"})
        self.assertTrue(all(a["allowed"] for a in actions.values()))
        warehouse = self.server.client(self.server.token("warehouse"))
        answer = o.expect(warehouse.get(f"/api/v1/orders/{unpaid}/actions"), 200)
        self.assertFalse(any(a["allowed"] for a in answer["actions"]))
        paid = self.orders[0]["order_no"]
        answer = o.expect(self.admin.get(f"/api/v1/orders/{paid}/actions"), 200)
        self.assertEqual({a["action"] for a in answer["actions"]}, {"review", "cancel"})

    def test_actions_of_an_unknown_order_are_404(self):
        self.assertProblem(self.admin.get("/api/v1/orders/20990101999999/actions"), 404,
                           "not_found")

    def test_the_audit_chain_check_reports_an_intact_chain_to_auditors_only(self):
        auditor = self.server.client(self.server.token("auditor"))
        check = o.expect(auditor.get("/api/v1/audit/verify"), 200)
        self.assertTrue(check["ok"])
        self.assertGreater(check["entries"], 0)
        self.assertRegex(check["head_hash"], r"^k1:[0-9a-f]{64}$")  # keyed with the audit key
        self.assertIsNone(check["problem"])
        warehouse = self.server.client(self.server.token("warehouse"))
        self.assertProblem(warehouse.get("/api/v1/audit/verify"), 403, "forbidden")

    def test_the_new_reads_are_in_the_openapi_document(self):
        doc = o.expect(self.server.client(None).get("/api/v1/openapi.json", token=None), 200)
        for path in ["/api/v1/dashboard", "/api/v1/orders/counts",
                     "/api/v1/orders/{order_no}/actions", "/api/v1/audit/verify"]:
            self.assertIn(path, doc["paths"])
            op = doc["paths"][path]["get"]
            ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            self.assertIn(ref.rsplit("/", 1)[1], doc["components"]["schemas"])


if __name__ == "__main__":
    unittest.main()
