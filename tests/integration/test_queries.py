"""Search, pagination and what each caller may see (CS-2, DOC-2): filters by q, phone,
member_id, consignee, status, channel and creation time; cursor pagination covering every item
exactly once, newest first; the limit cap; masking of personal data for a role without
pii:read; channel tokens seeing only their own orders; and the public operational endpoints
(healthz, readyz, metrics with metrics:read, openapi.json)."""

import datetime
import json
import os
import re
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

# A role that may read orders but lacks pii:read. The contract does not say which roles hold
# pii:read; override with ORDO_NON_PII_ROLE if the server's role table differs.
NON_PII_ROLE = os.environ.get("ORDO_NON_PII_ROLE", "operations")

LIMIT_CAP = 200

# Every path of api.md's "Catalogue and stock" and "Orders" sections, with its methods.
CONTRACT_PATHS = {
    "/api/v1/skus": {"post"},
    "/api/v1/skus/{sku}": {"get"},
    "/api/v1/warehouses": {"post"},
    "/api/v1/stock/receipts": {"post"},
    "/api/v1/stock/{sku}": {"get"},
    "/api/v1/orders": {"get", "post"},
    "/api/v1/orders/{order_no}": {"get"},
    "/api/v1/orders/{order_no}/events": {"get"},
    "/api/v1/orders/{order_no}/payments": {"post"},
    "/api/v1/orders/{order_no}/review": {"post"},
    "/api/v1/orders/{order_no}/pick": {"post"},
    "/api/v1/orders/{order_no}/pack": {"post"},
    "/api/v1/orders/{order_no}/ship": {"post"},
    "/api/v1/orders/{order_no}/deliver": {"post"},
    "/api/v1/orders/{order_no}/complete": {"post"},
    "/api/v1/orders/{order_no}/cancel": {"post"},
}

ERROR_CODES = [
    "malformed_json", "unauthenticated", "forbidden", "not_found", "validation_failed",
    "required", "invalid_value", "invalid_phone", "address_incomplete", "unknown_sku",
    "sku_not_sellable", "quantity_below_minimum", "quantity_not_multiple_of_step",
    "price_mismatch", "total_mismatch", "duplicate_line", "unknown_warehouse",
    "payment_amount_mismatch", "already_exists", "illegal_transition", "backordered",
    "idempotency_key_reused", "version_mismatch",
]


def template(path):
    """/api/v1/orders/{anything}/events -> /api/v1/orders/{}/events"""
    return re.sub(r"\{[^}]*\}", "{}", path)


class QueriesTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        a = cls.admin
        cls.t0 = datetime.datetime.now(datetime.timezone.utc)
        cls.wh = o.create_warehouse(a)
        cls.sku = o.seed_sku_with_stock(a, cls.wh, 100000)

        # Orders with distinctive buyers, for the filters.
        cls.phone = o.unique_phone()
        cls.member = o.unique("member")
        cls.channel = o.unique("qchan")
        cls.by_phone = [cls.place_cls(phone=cls.phone) for _ in range(2)]
        cls.by_member = [cls.place_cls(member_id=cls.member) for _ in range(3)]
        cls.by_consignee = [cls.place_cls(customer_name="欧娜", consignee_name="林雪")
                            for _ in range(2)]
        cls.in_channel = [cls.place_cls(channel=cls.channel) for _ in range(3)]
        # One paid, one cancelled: three statuses in the channel.
        o.expect(a.post(f"/api/v1/orders/{cls.in_channel[1]['order_no']}/payments",
                        o.payment_body(cls.in_channel[1])), 200, what="pay")
        o.expect(a.post(f"/api/v1/orders/{cls.in_channel[2]['order_no']}/cancel",
                        {"reason": "test"}), 200, what="cancel")

    @classmethod
    def place_cls(cls, **kw):
        body = o.order_body([(cls.sku, 1)], **kw)
        return o.expect(cls.admin.post("/api/v1/orders", body), 201, what="seed order")

    def search(self, client=None, **query):
        resp = (client or self.admin).get("/api/v1/orders", query=query)
        self.assertStatus(resp, 200, f"search {query}")
        body = resp.json
        self.assertIsInstance(body.get("data"), list, resp.describe())
        self.assertIn("next_cursor", body, resp.describe(500))
        return body["data"]

    def nos(self, orders):
        return {x["order_no"] for x in orders}

    # -- filters ----------------------------------------------------------------------------

    def test_q_matches_order_number_and_external_id(self):
        target = self.by_member[1]
        for q in (target["order_no"], target["external_id"]):
            with self.subTest(q=q):
                found = self.search(q=q)
                self.assertIn(target["order_no"], self.nos(found), f"q={q} finds the order")
                for x in found:
                    self.assertTrue(q in x["order_no"] or q in x["external_id"],
                                    f"q={q} returned an unrelated order {x['order_no']} "
                                    f"{x['external_id']}")
        self.assertEqual(self.search(q=o.unique("nothing")), [])

    def test_filter_by_phone(self):
        self.assertEqual(self.nos(self.search(phone=self.phone)), self.nos(self.by_phone))

    def test_phone_search_takes_formatted_numbers_and_the_last_four_digits(self):
        p = self.phone
        mine = self.nos(self.by_phone)
        for spelling in (f"{p[:3]}-{p[3:7]}-{p[7:]}", f"+86 {p[:3]} {p[3:7]} {p[7:]}",
                         f"86{p}", f" {p} "):
            with self.subTest(spelling):
                self.assertEqual(self.nos(self.search(phone=spelling)), mine, spelling)
        found = self.search(phone=p[-4:], limit=200)
        self.assertLessEqual(mine, self.nos(found), "the last four digits find the orders")
        for x in found:
            self.assertTrue(x["customer"]["phone"].endswith(p[-4:]) or
                            x["consignee"]["phone"].endswith(p[-4:]), x["order_no"])
        self.assertEqual(self.search(phone=p[-4:][::-1] if p[-4:][::-1] != p[-4:] else "0000",
                                     q=self.by_phone[0]["order_no"]), [],
                         "other digits do not match")

    def test_consignee_search_takes_a_surname_or_a_given_name(self):
        mine = self.nos(self.by_consignee)
        for part in ("林", "雪", "林雪"):
            with self.subTest(part):
                found = self.search(consignee=part, limit=200)
                self.assertLessEqual(mine, self.nos(found), part)
        compound = self.place(o.order_body([(self.sku, 1)], consignee_name="欧阳晓曦"))
        self.assertIn(compound["order_no"], self.nos(self.search(consignee="欧阳", limit=200)))
        self.assertIn(compound["order_no"], self.nos(self.search(consignee="晓曦", limit=200)))
        self.assertEqual(self.search(consignee="阳晓"), [], "not any fragment: a part of the name")

    def test_filter_by_member_id(self):
        self.assertEqual(self.nos(self.search(member_id=self.member)), self.nos(self.by_member))

    def test_filter_by_consignee(self):
        self.assertEqual(self.nos(self.search(consignee="林雪")), self.nos(self.by_consignee))

    def test_filter_by_channel_and_status(self):
        self.assertEqual(self.nos(self.search(channel=self.channel)), self.nos(self.in_channel))
        for status, idx in (("pending_payment", 0), ("pending_review", 1), ("closed", 2)):
            with self.subTest(status=status):
                found = self.search(channel=self.channel, status=status)
                self.assertEqual(self.nos(found), {self.in_channel[idx]["order_no"]}, found)
                self.assertTrue(all(x["status"] == status for x in found))
        found = self.search(status="pending_review")
        self.assertTrue(found and all(x["status"] == "pending_review" for x in found), found)

    def test_filter_by_creation_time(self):
        before = o.rfc3339(self.t0 - datetime.timedelta(hours=1))
        after = o.rfc3339(datetime.datetime.now(datetime.timezone.utc)
                          + datetime.timedelta(hours=1))
        mine = self.nos(self.in_channel)
        self.assertEqual(self.nos(self.search(channel=self.channel, created_from=before,
                                              created_to=after)), mine)
        self.assertEqual(self.search(channel=self.channel, created_from=after), [])
        self.assertEqual(self.search(channel=self.channel, created_to=before), [])
        # A time that is neither RFC 3339 nor a date is refused, both bounds named at once.
        resp = self.admin.get("/api/v1/orders", query={"created_from": "yesterday",
                                                       "created_to": "2026-13-45"})
        self.assertFieldError(resp, "created_from", "invalid_value")
        self.assertFieldError(resp, "created_to", "invalid_value")

    # -- pagination -------------------------------------------------------------------------

    def test_cursor_pagination_covers_every_order_once_newest_first(self):
        channel = o.unique("qpage")
        created = [self.place(o.order_body([(self.sku, 1)], channel=channel))
                   for _ in range(23)]
        seen, pages, cursor = [], [], None
        while True:
            query = {"channel": channel, "limit": 7}
            if cursor:
                query["cursor"] = cursor
            resp = self.admin.get("/api/v1/orders", query=query)
            self.assertStatus(resp, 200)
            body = resp.json
            pages.append(len(body["data"]))
            seen.extend(x["order_no"] for x in body["data"])
            cursor = body["next_cursor"]
            if cursor is None:
                break
            self.assertIsInstance(cursor, str, resp.describe(300))
            self.assertLess(len(pages), 10, f"pagination does not end: {pages}")
        self.assertEqual(pages, [7, 7, 7, 2], "pages hold `limit` orders; next_cursor is null "
                                              "on the last page")
        self.assertEqual(len(seen), len(set(seen)), f"no order twice: {seen}")
        self.assertEqual(seen, [x["order_no"] for x in reversed(created)],
                         "every order exactly once, newest first")

    def test_limit_is_capped(self):
        channel = o.unique("qcap")
        n = LIMIT_CAP + 5
        errors = []
        lock = threading.Lock()

        def worker(k):
            c = self.client(self.admin_token)
            for _ in range(k):
                r = c.post("/api/v1/orders", o.order_body([(self.sku, 1)], channel=channel))
                if r.status != 201:
                    with lock:
                        errors.append(r.describe(300))
            c.close()

        threads = [threading.Thread(target=worker, args=(n // 5,)) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        self.assertEqual(errors, [])
        resp = self.admin.get("/api/v1/orders", query={"channel": channel, "limit": 1000})
        self.assertStatus(resp, (200, 422), "an over-large limit")
        if resp.status == 200:
            self.assertEqual(len(resp.json["data"]), LIMIT_CAP, "limit is capped at 200")
            self.assertIsNotNone(resp.json["next_cursor"], "more pages remain")
        all_orders, _ = self.list_all({"channel": channel}, page_size=LIMIT_CAP)
        self.assertEqual(len(all_orders), n)
        self.assertEqual(len(self.nos(all_orders)), n)
        default = self.search(channel=channel)
        self.assertGreater(len(default), 0)
        self.assertLessEqual(len(default), LIMIT_CAP)

    # -- who sees what ----------------------------------------------------------------------

    def test_personal_data_is_masked_for_every_role_until_revealed(self):
        """Lists and order GETs are masked for everyone, pii:read included (DOC-2); reading
        the data is an explicit reveal of one order, recorded in the audit trail."""
        phone = o.unique_phone()
        order = self.place(o.order_body([(self.sku, 1)], customer_name="王芳",
                                        consignee_name="李强", phone=phone))
        no = order["order_no"]
        self.assertNotIn(phone, json.dumps(order, ensure_ascii=False), "intake's answer")
        admin_view = self.get_order(no)
        self.assertEqual((admin_view["customer"]["name"], admin_view["customer"]["phone"],
                          admin_view["consignee"]["name"], admin_view["consignee"]["phone"]),
                         ("王*", o.mask_phone(phone), "李*", o.mask_phone(phone)),
                         "masked for admin too")
        self.assertNotEqual(admin_view["consignee"]["address"]["detail"], o.VALID_DETAIL)
        for client in (self.admin, self.client(self.server.token("customer_service"))):
            listed = self.search(client=client, q=no)
            self.assertEqual(len(listed), 1, listed)
            self.assertNotIn(phone, json.dumps(listed, ensure_ascii=False), "lists are masked")
        revealed = self.admin.post(f"/api/v1/orders/{no}/reveal", {"reason": "call the buyer"})
        self.assertStatus(revealed, 200, "reveal")
        self.assertEqual((revealed.json["customer"]["name"], revealed.json["customer"]["phone"],
                          revealed.json["consignee"]["address"]["detail"]),
                         ("王芳", phone, o.VALID_DETAIL), "the reveal shows the data")
        audit = self.admin.get("/api/v1/audit", query={"entity": "order", "id": no,
                                                       "limit": 200})
        self.assertStatus(audit, 200, "audit of the order")
        reveals = [e for e in audit.json["data"] if e["action"] == "pii_revealed"]
        self.assertEqual(len(reveals), 1, audit.describe())
        self.assertIn(f"it-admin-{type(self).__name__}", reveals[0]["actor"])
        self.assertTrue(reveals[0]["at"], reveals[0])
        self.assertNotIn(phone, audit.text, "the audit trail names the order, not the data")

        viewer = self.client(self.server.token(NON_PII_ROLE))
        resp = viewer.get(f"/api/v1/orders/{no}")
        self.assertStatus(resp, 200, f"role {NON_PII_ROLE} reads orders "
                                     f"(set ORDO_NON_PII_ROLE to another role without pii:read)")
        view = resp.json
        self.assertEqual((view["customer"]["name"], view["customer"]["phone"],
                          view["consignee"]["name"], view["consignee"]["phone"]),
                         ("王*", o.mask_phone(phone), "李*", o.mask_phone(phone)),
                         f"masked for {NON_PII_ROLE}: {resp.describe()}")
        self.assertNotEqual(view["consignee"]["address"]["detail"], o.VALID_DETAIL,
                            f"the address detail is masked: {resp.describe()}")
        self.assertNotIn(phone, resp.text, "the full phone appears nowhere in the response")
        self.assertEqual((view["order_no"], view["status"], view["total_amount"],
                          view["lines"]), (no, order["status"], order["total_amount"],
                                           admin_view["lines"]),
                         "everything that is not personal data is shown")

        listed = self.search(client=viewer, q=no)
        self.assertEqual(len(listed), 1, listed)
        self.assertEqual((listed[0]["customer"]["phone"], listed[0]["consignee"]["name"]),
                         (o.mask_phone(phone), "李*"), "lists are masked too")
        events = viewer.get(f"/api/v1/orders/{no}/events")
        if events.status == 200:
            self.assertNotIn(phone, events.text, "events do not leak the phone")

    def test_channel_token_sees_only_its_own_orders(self):
        name = o.unique("shop")
        shop = self.client(self.server.token("channel", name))
        mine = [self.place(o.order_body([(self.sku, 1)], channel=name), client=shop)
                for _ in range(2)]
        theirs = self.by_member[0]
        for x in mine:
            self.assertStatus(shop.get(f"/api/v1/orders/{x['order_no']}"), 200)
        resp = shop.get(f"/api/v1/orders/{theirs['order_no']}")
        self.assertProblem(resp, 404, "not_found", "a channel reading another channel's order")
        listed = self.search(client=shop, limit=200)
        self.assertEqual({x["channel"] for x in listed}, {name},
                         "a channel lists only its own orders")
        self.assertEqual(self.nos(listed), self.nos(mine))
        resp = shop.get("/api/v1/orders", query={"channel": self.channel})
        self.assertStatus(resp, (200, 403), "a channel filtering by another channel")
        if resp.status == 200:
            self.assertEqual(resp.json["data"], [], "filtering by another channel shows nothing")

    # -- operational endpoints --------------------------------------------------------------

    def test_healthz_and_readyz_need_no_auth(self):
        anon = self.client()
        for path in ("/healthz", "/readyz"):
            with self.subTest(path):
                self.assertStatus(anon.get(path), 200, path)

    def test_metrics_is_prometheus_text(self):
        # The metrics need a token holding metrics:read (they used to be public).
        self.assertProblem(self.client().get("/metrics"), 401, "unauthenticated")
        resp = self.admin.get("/metrics", headers={"Accept": "text/plain"})
        self.assertStatus(resp, 200, "/metrics")
        self.assertEqual(resp.content_type, "text/plain", resp.headers)
        sample = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s+\S+(\s+-?\d+)?$')
        lines = [ln for ln in resp.text.splitlines() if ln.strip()]
        self.assertTrue(any(ln.startswith("# TYPE ") for ln in lines), resp.describe(2000))
        bad = [ln for ln in lines if not ln.startswith("#") and not sample.match(ln)]
        self.assertEqual(bad, [], "every sample line is `name{labels} value`")
        self.assertGreater(len([ln for ln in lines if not ln.startswith("#")]), 0)

    def test_openapi_lists_the_contract(self):
        resp = self.client().get("/api/v1/openapi.json")
        self.assertStatus(resp, 200, "openapi.json needs no auth")
        doc = resp.json
        self.assertIsInstance(doc, dict, resp.describe(500))
        self.assertTrue(str(doc.get("openapi", "")).startswith("3."), doc.get("openapi"))
        paths = doc.get("paths")
        self.assertIsInstance(paths, dict)
        by_template = {}
        for p, item in paths.items():
            by_template.setdefault(template(p), set()).update(
                m.lower() for m in item if m.lower() in
                ("get", "post", "put", "patch", "delete", "head", "options"))
        missing = [p for p in CONTRACT_PATHS if template(p) not in by_template]
        self.assertEqual(missing, [], f"openapi.json paths: {sorted(paths)}")
        for p, methods in CONTRACT_PATHS.items():
            self.assertLessEqual(methods, by_template[template(p)], f"methods of {p}")
        text = resp.text
        absent = [c for c in ERROR_CODES if f'"{c}"' not in text]
        self.assertEqual(absent, [], "the OpenAPI document lists the error codes")

    def test_openapi_lists_the_query_parameters_of_every_list(self):
        doc = self.client().get("/api/v1/openapi.json").json

        def query_of(path, method="get"):
            params = doc["paths"][path][method].get("parameters", [])
            return {p["name"] for p in params if p["in"] == "query"}

        # Every paged list (its answer has next_cursor) takes limit and cursor.
        schemas = doc["components"]["schemas"]
        for path, item in doc["paths"].items():
            ref = (item.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
                   .get("application/json", {}).get("schema", {}).get("$ref", ""))
            schema = schemas.get(ref.rsplit("/", 1)[-1], {})
            if "next_cursor" in schema.get("properties", {}):
                with self.subTest(path):
                    self.assertLessEqual({"limit", "cursor"}, query_of(path), path)
        # And each list its own filters, as api.md and the handlers name them.
        expected = {
            "/api/v1/orders": {"status", "q", "phone", "member_id", "consignee", "channel",
                               "created_from", "created_to"},
            "/api/v1/anomalies": {"status", "type", "order_no"},
            "/api/v1/after-sales": {"order_no", "status", "type"},
            "/api/v1/refunds": {"order_no", "status", "from", "to"},
            "/api/v1/customers": {"blacklisted", "q"},
            "/api/v1/stock/{sku}/ledger": {"warehouse", "type", "from", "to"},
            "/api/v1/backorders": {"sku", "warehouse"},
            "/api/v1/audit": {"entity", "id"},
            "/api/v1/violations": {"actor", "department", "type", "from", "to"},
            "/api/v1/kpis": {"period", "from", "to", "group_by"},
            "/api/v1/review-queue": {"limit", "cursor"},
        }
        for path, names in expected.items():
            with self.subTest(path):
                self.assertLessEqual(names, query_of(path), path)


if __name__ == "__main__":
    unittest.main()
