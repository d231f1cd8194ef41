"""The API's description: the response check every test runs (openapi_check.py) refuses what
the document does not describe; every operation is named for generated clients; Swagger UI is
served at /docs with the console's security headers."""

import copy
import re
import unittest

import ordo_server as o
from openapi_check import ResponseChecker, SchemaViolation


class ResponseCheckTest(o.OrdoTestCase):
    """The check itself, against the server's own document and one real order."""

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.wh, 10)
        resp = cls.admin.post("/api/v1/orders", o.order_body([o.line(cls.sku, 1)]))
        cls.order = o.expect(resp, 201, what="placing the order")
        cls.order_no = cls.order["order_no"]
        cls.checker = cls.server.response_checker()

    def check(self, body, status=200, method="GET", path=None,
              content_type="application/json"):
        return self.checker.check(method, path or f"/api/v1/orders/{self.order_no}", status,
                                  content_type, body)

    def test_a_real_order_is_described_completely(self):
        self.assertEqual(self.check(self.get_order(self.order_no)), [])

    def test_an_undocumented_field_is_refused_with_its_pointer(self):
        body = copy.deepcopy(self.order)
        body["lines"][0]["surprise"] = 1
        problems = self.check(body)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn(f"GET /api/v1/orders/{self.order_no} -> 200", problems[0])
        self.assertIn("at /lines/0:", problems[0])
        self.assertIn("surprise", problems[0])

    def test_a_missing_required_field_is_refused(self):
        body = copy.deepcopy(self.order)
        del body["consignee"]
        problems = self.check(body)
        self.assertTrue(any("at /:" in p and "'consignee' is a required property" in p
                            for p in problems), problems)

    def test_a_wrong_type_and_an_unknown_enum_value_are_refused(self):
        body = copy.deepcopy(self.order)
        body["total_amount"] = "13200"
        body["status"] = "lost_in_space"
        body["shipped_at"] = "yesterday"
        problems = "\n".join(self.check(body))
        self.assertIn("at /total_amount: '13200' is not of type 'integer'", problems)
        self.assertIn("at /status: 'lost_in_space' is not one of", problems)
        self.assertIn("at /shipped_at: 'yesterday' is not a 'date-time'", problems)

    def test_a_problem_is_checked_against_the_problem_schema(self):
        resp = self.admin.get("/api/v1/orders/NO-SUCH-ORDER")
        self.assertProblem(resp, 404, "not_found")
        body = dict(resp.json, hint="undocumented")
        problems = self.check(body, 404, path="/api/v1/orders/NO-SUCH-ORDER",
                              content_type="application/problem+json")
        self.assertTrue(any("hint" in p for p in problems), problems)

    def test_an_undocumented_status_or_content_type_is_refused(self):
        self.assertTrue(any("status 299 is not documented" in p or "application/json is not "
                            "documented" in p for p in self.check(self.order, 299)))
        problems = self.check({"status": "ok"}, path="/api/v1/no-such-thing")
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("a path the document lacks", problems[0])

    def test_the_client_raises_on_a_departure(self):
        # A document in which the order has no fields at all: the real answer departs from it.
        document = copy.deepcopy(self.checker.document)
        document["components"]["schemas"]["Order"]["properties"] = {}
        document["components"]["schemas"]["Order"]["required"] = []
        strict = ResponseChecker(document)
        client = o.Client(self.server.address, self.admin_token,
                          checker=lambda r: self._raise_if(strict, r))
        try:
            with self.assertRaises(SchemaViolation) as raised:
                client.get(f"/api/v1/orders/{self.order_no}")
        finally:
            client.close()
        self.assertIn("at /: Additional properties are not allowed", str(raised.exception))

    @staticmethod
    def _raise_if(checker, resp):
        problems = checker.check(resp.method, resp.target, resp.status, resp.content_type,
                                 resp.json)
        if problems:
            raise SchemaViolation("\n".join(problems))


class OperationNamesTest(o.OrdoTestCase):
    """Names for generated clients: every operation has a unique camelCase operationId, a tag
    the document lists and describes, a summary and a description."""

    def test_every_operation_is_named_tagged_and_described(self):
        doc = o.expect(self.admin.get("/api/v1/openapi.json"), 200, what="the document")
        tags = {t["name"]: t.get("description") for t in doc["tags"]}
        self.assertTrue(all(tags.values()), f"every tag is described: {tags}")
        ids = {}
        for path, item in doc["paths"].items():
            for method, op in item.items():
                name = f"{method.upper()} {path}"
                self.assertRegex(op.get("operationId", ""), r"^[a-z][A-Za-z]*$", name)
                self.assertNotIn(op["operationId"], ids, f"{name} and {ids.get(op['operationId'])}")
                ids[op["operationId"]] = name
                self.assertEqual(len(op.get("tags", [])), 1, name)
                self.assertIn(op["tags"][0], tags, name)
                self.assertTrue(op.get("summary"), name)
                self.assertTrue(op.get("description", "").startswith(op["summary"]), name)
        for operation_id, name in (("placeOrder", "POST /api/v1/orders"),
                                   ("listOrders", "GET /api/v1/orders"),
                                   ("getOrder", "GET /api/v1/orders/{order_no}"),
                                   ("cancelOrder", "POST /api/v1/orders/{order_no}/cancel"),
                                   ("approveRefund", "POST /api/v1/refunds/{id}/approve")):
            self.assertEqual(ids.get(operation_id), name)
        place = doc["paths"]["/api/v1/orders"]["post"]
        self.assertEqual(place["tags"], ["Orders"])
        self.assertIn("`orders:create`", place["description"])
        self.assertEqual(doc["paths"]["/api/v1/orders/{order_no}/payments"]["post"]["tags"],
                         ["Payments"])


class DocsPageTest(o.OrdoTestCase):
    """Swagger UI at /docs: the page, its script and style, with the console's headers."""

    def get(self, path, headers=None):
        client = self.server.client()
        try:
            return client.get(path, token=None, headers={"Accept": "*/*", **(headers or {})})
        finally:
            client.close()

    def test_the_page_and_its_files_are_served_with_their_types(self):
        for path in ("/docs", "/docs/"):
            page = self.get(path)
            self.assertStatus(page, 200, path)
            self.assertEqual(page.content_type, "text/html", page.describe(300))
            csp = page.header("Content-Security-Policy") or ""
            self.assertIn("script-src 'self';", csp)
            self.assertEqual(page.header("Cache-Control"), "no-cache")
            self.assertIsNone(re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text),
                              f"no inline script: {page.text}")
            self.assertIn("swagger-ui", page.text)
        scripts = re.findall(r'<script src="([^"]+)"', page.text)
        styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
        self.assertEqual(scripts, ["/docs/swagger-ui-bundle.js", "/docs/init.js"])
        self.assertEqual(styles, ["/docs/swagger-ui.css"])
        for path, kind in ((scripts[0], "text/javascript"), (scripts[1], "text/javascript"),
                           (styles[0], "text/css")):
            resp = self.get(path)
            self.assertStatus(resp, 200, path)
            self.assertEqual(resp.content_type, kind, path)
            self.assertIn("script-src 'self';", resp.header("Content-Security-Policy") or "")
            self.assertEqual(resp.header("X-Content-Type-Options"), "nosniff", path)
            self.assertGreater(len(resp.body), 100, path)
        bundle = self.get(scripts[0]).text
        self.assertIn("SwaggerUIBundle", bundle)
        self.assertIn("/api/v1/openapi.json", self.get(scripts[1]).text)
        zipped = self.get(scripts[0], headers={"Accept-Encoding": "gzip"})
        self.assertEqual(zipped.header("Content-Encoding"), "gzip")
        self.assertLess(len(zipped.body), len(bundle.encode("utf-8")))

    def test_a_missing_file_is_a_404_problem_not_the_console(self):
        resp = self.get("/docs/nothing-here.js")
        self.assertProblem(resp, 404, "not_found")


if __name__ == "__main__":
    unittest.main()
