"""Personal data at rest and its reveal (DOC-2; api.md "Staff, roles and personal data").

A canary run places orders with distinctive phones, names and address details, sends an invalid
order carrying one more canary, reads them masked, reveals them, restarts, and then checks that
no canary appears in plaintext in any file of the data directory (ordo.db, -wal, -shm), in the
server's stdout or stderr, or in a masked response or problem body — while a search by phone
still finds every order, before and after the restart. The reveal endpoint is tested on its
own: plaintext for a role with pii:read, a "pii_revealed" event naming the actor and reason,
403 for a role without pii:read, 404 for an unknown order."""

import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

NON_PII_ROLE = os.environ.get("ORDO_NON_PII_ROLE", "operations")


def canary_phone():
    """A fresh mobile number with a prefix no other test uses (137 + 8 random digits)."""
    return "137" + f"{uuid.uuid4().int % 10**8:08d}"


def canary_detail():
    """A precise address detail with a number that appears nowhere else."""
    n = uuid.uuid4().int % 10**6
    return f"金丝雀路{n:06d}号 12楼 1203室", f"{n:06d}号"


class Canary:
    """One buyer whose personal data must never be stored or logged in plaintext."""

    def __init__(self, customer_name, consignee_name):
        self.customer_name = customer_name
        self.consignee_name = consignee_name
        self.phone = canary_phone()
        self.consignee_phone = canary_phone()
        self.detail, self.detail_marker = canary_detail()

    def body(self, lines, **extra):
        return o.order_body(lines, customer_name=self.customer_name,
                            consignee_name=self.consignee_name, phone=self.phone,
                            consignee_phone=self.consignee_phone, detail=self.detail, **extra)

    def secrets(self):
        """The strings to look for: UTF-8 for the names and details, ASCII for phones."""
        return [self.phone, self.consignee_phone, self.customer_name, self.consignee_name,
                self.detail, self.detail_marker]


def files_under(directory):
    for root, _, names in os.walk(directory):
        for name in names:
            yield os.path.join(root, name)


class PersonalDataAtRestTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 100)
        cls.viewer = cls.server.client(cls.server.token(NON_PII_ROLE))

    def assertNoCanary(self, canaries, text, where):
        for canary in canaries:
            for secret in canary.secrets():
                self.assertNotIn(secret, text, f"{secret!r} appears in plaintext in {where}")

    def assertNoCanaryBytes(self, canaries, data, where):
        for canary in canaries:
            for secret in canary.secrets():
                self.assertNotIn(secret.encode("utf-8"), data,
                                 f"{secret!r} appears in plaintext in {where}")

    def search_phone(self, phone):
        resp = self.viewer.get("/api/v1/orders", query={"phone": phone, "limit": 200})
        self.assertStatus(resp, 200, f"searching phone={phone}")
        return resp

    def test_canaries_are_never_stored_or_logged_in_plaintext(self):
        canaries = [Canary("诸葛青云", "上官飞燕"), Canary("欧阳晓曦", "慕容秋水"),
                    Canary("司徒明月", "司徒明月")]
        orders = []
        for i, canary in enumerate(canaries):
            # One with an Idempotency-Key: its stored answer is sealed like the order.
            key = f"pii-{uuid.uuid4().hex}" if i == 0 else None
            resp = self.admin.post("/api/v1/orders", canary.body([(self.sku, 1)]),
                                   idempotency_key=key)
            self.assertStatus(resp, 201, "placing a canary order")
            self.assertEqual(resp.json["customer"]["phone"], o.mask_phone(canary.phone),
                             "masked for admin too: reading is an explicit reveal")
            self.assertNoCanary([canary], resp.text, "intake's answer")
            orders.append(resp.json)

        # An invalid order (unknown SKU) carrying a canary of its own: an error path.
        rejected = Canary("东方不败", "西门吹雪")
        bad = rejected.body([o.line("NO-SUCH-SKU-" + uuid.uuid4().hex[:6], 1, 100)])
        resp = self.admin.post("/api/v1/orders", bad, idempotency_key=f"bad-{uuid.uuid4().hex}")
        self.assertStatus(resp, 422, "an order with an unknown SKU")
        self.assertNoCanary([rejected], resp.text, "the problem body")
        every = canaries + [rejected]

        masked_texts = []
        for canary, order in zip(canaries, orders):
            resp = self.viewer.get(f"/api/v1/orders/{order['order_no']}")
            self.assertStatus(resp, 200, "a masked read")
            self.assertEqual(resp.json["customer"]["phone"], o.mask_phone(canary.phone))
            masked_texts.append(resp.text)
            found = self.search_phone(canary.phone)
            self.assertEqual([x["order_no"] for x in found.json["data"]], [order["order_no"]],
                             f"search by the customer's phone: {found.describe()}")
            masked_texts.append(found.text)
            found = self.search_phone(canary.consignee_phone)
            self.assertEqual(len(found.json["data"]), 1, "search by the consignee's phone")
            masked_texts.append(found.text)
        for text in masked_texts:
            self.assertNoCanary(every, text, "a masked response")

        # Reveal with admin (one with an Idempotency-Key, whose answer is stored).
        for i, (canary, order) in enumerate(zip(canaries, orders)):
            key = f"reveal-{uuid.uuid4().hex}" if i == 0 else None
            resp = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal",
                                   {"reason": "canary check"}, idempotency_key=key)
            self.assertStatus(resp, 200, "reveal")
            self.assertEqual(resp.json["consignee"]["address"]["detail"], canary.detail)

        stdout = "\n".join(self.server.stdout_lines)
        self.server.restart()
        for canary, order in zip(canaries, orders):
            found = self.search_phone(canary.phone)
            self.assertEqual([x["order_no"] for x in found.json["data"]], [order["order_no"]],
                             f"search by phone after a restart: {found.describe()}")
            resp = self.viewer.get("/api/v1/orders",
                                   query={"consignee": canary.consignee_name, "limit": 200})
            self.assertStatus(resp, 200)
            self.assertIn(order["order_no"], [x["order_no"] for x in resp.json["data"]],
                          "search by consignee name after a restart")
            self.assertNoCanary(every, resp.text, "a masked search")
        self.server.stop()
        stdout += "\n" + "\n".join(self.server.stdout_lines)

        self.assertNoCanary(every, stdout, "the server's stdout")
        for path in files_under(self.server.log_dir):
            with open(path, "rb") as f:
                self.assertNoCanaryBytes(every, f.read(), path)
        names = set()
        stored = b""
        for path in files_under(self.server.data_dir):
            names.add(os.path.basename(path))
            with open(path, "rb") as f:
                data = f.read()
            stored += data
            self.assertNoCanaryBytes(every, data, path)
        self.assertIn("ordo.db", names)
        if not os.environ.get("ORDO_PII_KEY"):
            self.assertIn("pii.key", names, "without ORDO_PII_KEY the key is DATA/pii.key")
        # The scan reads the right bytes: data that is not personal is stored as is.
        self.assertIn(orders[0]["external_id"].encode(), stored)


class RevealTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, warehouse, 100)

    def place_canary(self, **extra):
        canary = Canary("张三丰", "李寻欢")
        return canary, self.place(canary.body([(self.sku, 1)], **extra))

    def test_reveal_returns_plaintext_and_records_the_access(self):
        canary, order = self.place_canary()
        no = order["order_no"]
        name = f"it-cs-{uuid.uuid4().hex[:6]}"
        cs = self.client(self.server.token("customer_service", name))
        resp = cs.post(f"/api/v1/orders/{no}/reveal", {"reason": "customer called about 快递"})
        self.assertStatus(resp, 200, "reveal by customer_service")
        self.assertEtag(resp)
        body = resp.json
        self.assertEqual((body["customer"]["name"], body["customer"]["phone"],
                          body["consignee"]["name"], body["consignee"]["phone"],
                          body["consignee"]["address"]["detail"]),
                         (canary.customer_name, canary.phone, canary.consignee_name,
                          canary.consignee_phone, canary.detail), resp.describe())
        self.assertEqual(body["version"], order["version"], "a reveal does not change the order")

        resp = self.admin.post(f"/api/v1/orders/{no}/reveal")  # no body: no reason
        self.assertStatus(resp, 200, "reveal by admin without a body")

        events = [e for e in self.events(no) if e["type"] == "pii_revealed"]
        self.assertEqual(len(events), 2, events)
        self.assertIn(name, events[0]["actor"])
        self.assertEqual(events[0]["details"], {"reason": "customer called about 快递"})
        self.assertIn("it-admin", events[1]["actor"])
        self.assertEqual(events[1]["details"], {})
        o.parse_time(events[0]["at"])

    def test_a_role_without_pii_read_is_forbidden(self):
        _, order = self.place_canary(channel="tmall")
        no = order["order_no"]
        for role, name in ((NON_PII_ROLE, None), ("channel", "tmall"), ("channel", "jd")):
            client = self.client(self.server.token(role, name))
            resp = client.post(f"/api/v1/orders/{no}/reveal", {"reason": "curious"})
            self.assertProblem(resp, 403, "forbidden", f"reveal by {role} {name or ''}")
        self.assertEqual([e for e in self.events(no) if e["type"] == "pii_revealed"], [],
                         "a refused reveal records nothing")

    def test_unknown_order_and_bad_reason(self):
        resp = self.admin.post("/api/v1/orders/20000101999999/reveal", {})
        self.assertProblem(resp, 404, "not_found", "reveal of an unknown order")
        _, order = self.place_canary()
        resp = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal", {"reason": 42})
        self.assertIn(resp.status, (400, 422), resp.describe())
        resp = self.admin.post(f"/api/v1/orders/{order['order_no']}/reveal", raw="{not json")
        self.assertProblem(resp, 400, "malformed_json")

    def test_openapi_lists_the_reveal_route(self):
        resp = self.client(None).get("/api/v1/openapi.json")
        self.assertStatus(resp, 200)
        path = resp.json["paths"].get("/api/v1/orders/{order_no}/reveal", {})
        self.assertIn("post", path, "openapi.json lists POST …/reveal")


if __name__ == "__main__":
    unittest.main()
