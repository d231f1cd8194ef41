"""No personal data where it must not be (issue 22, item 6; DOC-2).

Canary buyers, whose names, phones and address details appear nowhere else, are driven through
the whole life cycle and after-sales: intake (one with an Idempotency-Key, one refused), the
provider's signed payment callback and a duplicate, manual review, a consignee change before
shipment, a wave with its printed documents, scan, pack, ship, the carrier's signed tracking
events, delivery, a refund-only case and a reship whose replacement order copies the
consignee, a cancellation, a customer look-up, searches by phone and name, a reveal; the server
is killed once with SIGKILL (so the WAL is left as it was) and later stopped cleanly. Then every
file under the data directory (database, WAL, SHM, access log, keys, anything else there), the
server's stdout and stderr and the statement log are scanned for each canary: the names and
address details in UTF-8, UTF-16 (both byte orders) and GB 18030 (GBK's superset), and the
phone's eleven digits in ASCII and UTF-16. Any hit fails, naming the file, the canary, the
encoding and the offset.

The base this runs on has no export files nor backups; a file either writes into the data
directory is scanned with the rest."""

import hashlib
import hmac
import json
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

# Characters for the canaries' names and streets: common enough to be real, picked at random
# so that no other text of the run holds the same sequence.
RARE = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def canary_name(rng):
    return "金丝雀" + "".join(rng.choice(RARE) for _ in range(2))


def canary_phone():
    """A valid-looking mainland mobile, not repeated nor a straight run (no review case)."""
    while True:
        digits = f"{uuid.uuid4().int % 10**8:08d}"
        if len(set(digits)) > 3:
            return "136" + digits


class Canary:
    """One buyer's personal data, in every form the scan looks for."""

    def __init__(self, rng):
        self.customer_name = canary_name(rng)
        self.consignee_name = canary_name(rng)
        self.phone = canary_phone()
        self.consignee_phone = canary_phone()
        n = rng.randrange(10**5, 10**6)
        self.street = "雀鸣" + "".join(rng.choice(RARE) for _ in range(3)) + "巷"
        self.detail = f"{self.street}{n}号 7栋 {rng.randrange(100, 999)}室"

    def body(self, lines, **extra):
        return o.order_body(lines, customer_name=self.customer_name,
                            consignee_name=self.consignee_name, phone=self.phone,
                            consignee_phone=self.consignee_phone, detail=self.detail, **extra)

    def consignee(self):
        return {"name": self.consignee_name, "phone": self.consignee_phone,
                "address": {"province": "上海市", "city": "上海市", "district": "浦东新区",
                            "detail": self.detail}}

    def texts(self):
        return [self.customer_name, self.consignee_name, self.street, self.detail]

    def phones(self):
        return [self.phone, self.consignee_phone]


def needles(canaries):
    """(label, bytes) for each canary in each encoding the scan looks for."""
    out = []
    for c in canaries:
        for text in c.texts():
            for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
                out.append((f"{text!r} in {encoding}", text.encode(encoding)))
        for phone in c.phones():
            for encoding in ("ascii", "utf-16-le", "utf-16-be"):
                out.append((f"phone {phone} in {encoding}", phone.encode(encoding)))
    return out


def scan(paths, canaries):
    """Every hit of a canary in the files: a list of 'path: what at offset N'."""
    hits = []
    patterns = needles(canaries)
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            continue  # e.g. a -shm removed between the listing and the read
        for label, needle in patterns:
            at = data.find(needle)
            if at >= 0:
                hits.append(f"{path}: {label} at offset {at}")
    return hits


def files_under(directory):
    for root, _, names in os.walk(directory):
        for name in names:
            yield os.path.join(root, name)


class PersonalDataCanaryTest(o.SignedCallbacksMixin, o.OrdoTestCase):

    carriers = ("SF", "ZTO", "YTO", "JD")
    tracking_secrets = {c: f"{c.lower()}-canary-{uuid.uuid4().hex}" for c in carriers}

    @classmethod
    def server_args(cls, server):
        """The payment provider's secret (SignedCallbacksMixin) and every carrier's."""
        args = super().server_args(server)
        path = os.path.join(server.log_dir, "tracking-secrets.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(cls.tracking_secrets, f)
        os.chmod(path, 0o600)
        return args

    def track_parcel(self, carrier, tracking_no, status):
        """The carrier's signed tracking event for the parcel."""
        raw = json.dumps({"tracking_no": tracking_no, "event_id": o.unique("E"),
                          "status": status, "at": self.callbacks_start,
                          "location": "上海"}).encode("utf-8")
        signature = hmac.new(self.tracking_secrets[carrier].encode(), raw,
                             hashlib.sha256).hexdigest()
        resp = self.server.client().post(f"/api/v1/tracking-events/{carrier}", raw=raw,
                                         headers={"X-Ordo-Signature": signature})
        self.assertStatus(resp, 200, f"tracking {tracking_no} {status}")

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        cls.tea = o.seed_sku_with_stock(cls.admin, cls.wh, 200, code=f"CAN{uuid.uuid4().hex[:5]}",
                                        weight_g=500)
        cls.warehouse = cls.server.client(cls.server.token("warehouse", "it-canary-packer"))
        cls.logistics = cls.server.client(cls.server.token("logistics", "it-canary-logistics"))
        cls.finance = cls.server.client(cls.server.token("finance", "it-canary-finance"))
        cls.cs = cls.server.client(cls.server.token("customer_service", "it-canary-cs"))
        cls.load_waybill_ranges(carriers=cls.carriers)

    def approve(self, no):
        order = self.get_order(no)
        if order["status"] == "pending_review":
            order = self.act(no, "review", {"decision": "approve", "reason": "已核对"},
                             client=self.cs).json
        self.assertEqual(order["status"], "awaiting_fulfillment", order)
        return order

    def deliver_through_the_warehouse(self, no, units):
        """A wave (its three PDFs fetched), the scan, packing, shipping, the carrier's events."""
        resp = self.warehouse.post("/api/v1/waves", {"warehouse": self.wh, "max_orders": 50})
        self.assertStatus(resp, 201, "a wave")
        wave = resp.json
        self.assertIn(no, [w["order_no"] for w in wave["orders"]], wave)
        for document in ("pick-list.pdf", "packing-slips.pdf", "labels.pdf"):
            resp = self.warehouse.get(f"/api/v1/waves/{wave['id']}/{document}")
            self.assertStatus(resp, 200, document)
        self.pack(no, {"weight_g": units * self.tea["weight_g"]}, client=self.warehouse)
        shipped = self.act(no, "ship", {}, client=self.warehouse).json
        self.assertEqual(shipped["status"], "shipped", shipped)
        parcel = self.warehouse.get(f"/api/v1/orders/{no}/shipments").json["data"][0]
        self.track_parcel(parcel["carrier"], parcel["tracking_no"], "in_transit")
        self.track_parcel(parcel["carrier"], parcel["tracking_no"], "delivered")
        self.assertEqual(self.get_order(no)["status"], "delivered")

    def test_canaries_leave_no_trace_in_files_or_logs(self):
        import random
        rng = random.Random()
        main, changed_to, cancelled, refused, replaced = (Canary(rng) for _ in range(5))
        canaries = [main, changed_to, cancelled, refused, replaced]

        # Intake: one with an Idempotency-Key (its answer is stored), one refused (422).
        placed = self.admin.post("/api/v1/orders", main.body([(self.tea, 2)]),
                                 idempotency_key=f"canary-{uuid.uuid4().hex}")
        self.assertStatus(placed, 201, "a canary order")
        no = placed.json["order_no"]
        bad = refused.body([o.line("NO-SUCH-" + uuid.uuid4().hex[:6], 1, 100)])
        self.assertStatus(self.admin.post("/api/v1/orders", bad), 422, "an unknown SKU")

        # Paid through the provider's signed callback, then a duplicate payment (refunded).
        total = placed.json["total_amount"]
        self.pay(no, total)
        self.pay(no, total)
        self.approve(no)

        # The consignee changes before shipment: the old one must not stay readable anywhere.
        order = self.get_order(no)
        resp = self.cs.patch(f"/api/v1/orders/{no}",
                             {"consignee": changed_to.consignee(), "reason": "买家改地址"},
                             headers={"If-Match": f"\"{order['version']}\""})
        self.assertStatus(resp, 200, "a consignee change")

        # Searches and look-ups that read personal data; a reveal (which is audited).
        for query in ({"phone": main.phone}, {"phone": changed_to.consignee_phone},
                      {"consignee": changed_to.consignee_name}):
            found = self.cs.get("/api/v1/orders", query=query)
            self.assertStatus(found, 200, f"search {query}")
            self.assertIn(no, [x["order_no"] for x in found.json["data"]], query)
        member = placed.json["customer"]["member_id"]
        self.assertStatus(self.cs.get(f"/api/v1/customers/{member}"), 200, "customer look-up")
        resp = self.admin.post(f"/api/v1/orders/{no}/reveal", {"reason": "canary"})
        self.assertStatus(resp, 200, "reveal")
        self.assertEqual(resp.json["consignee"]["address"]["detail"], changed_to.detail)

        # A kill in the middle: the WAL and SHM stay as the crash left them, and are scanned
        # so (a clean stop later checkpoints the WAL away).
        self.server.kill9()
        wal = os.path.join(self.server.data_dir, "ordo.db-wal")
        self.assertGreater(os.path.getsize(wal), 0, "the kill leaves a WAL to scan")
        hits = [f"after the kill, {hit}" for hit in
                scan(list(files_under(self.server.data_dir)), canaries)]
        self.server.start()

        self.deliver_through_the_warehouse(no, 2)

        # After-sales: a refund for one unit, then a reship (a replacement order that copies
        # the consignee).
        case = self.cs.post("/api/v1/after-sales", {
            "order_no": no, "type": "refund_only", "reason": "damaged",
            "lines": [{"sku": self.tea["sku"], "quantity": 1}], "note": "外盒破损"})
        self.assertStatus(case, 201, "a refund-only case")
        for action, client in (("approve", self.cs), ("refund", self.finance),
                               ("complete", self.finance)):
            resp = client.post(f"/api/v1/after-sales/{case.json['id']}/{action}", {})
            self.assertStatus(resp, 200, f"{action} the refund")
        second = self.place(replaced.body([(self.tea, 1)]))
        self.pay(second["order_no"], second["total_amount"])
        self.approve(second["order_no"])
        self.deliver_through_the_warehouse(second["order_no"], 1)
        case = self.cs.post("/api/v1/after-sales", {
            "order_no": second["order_no"], "type": "reship", "reason": "logistics",
            "lines": [{"sku": self.tea["sku"], "quantity": 1}]})
        self.assertStatus(case, 201, "a reship case")
        case = self.cs.post(f"/api/v1/after-sales/{case.json['id']}/approve", {})
        self.assertStatus(case, 200, "approve the reship")
        self.assertIsInstance(case.json["replacement_order_no"], str, case.describe())

        # A paid order cancelled before shipment (refunded).
        third = self.place(cancelled.body([(self.tea, 1)]))
        self.pay(third["order_no"], third["total_amount"])
        self.act(third["order_no"], "cancel", {"reason": "买家取消"}, client=self.cs)

        stdout = list(self.server.stdout_lines)
        self.server.stop()
        stdout += self.server.stdout_lines

        # The scan itself finds what it looks for: the same bytes written in the clear are hit.
        probe = os.path.join(self.server.log_dir, "probe.txt")
        with open(probe, "wb") as f:
            f.write(("x" + main.detail + "y").encode("gb18030") + main.phone.encode("utf-16-le"))
        found = scan([probe], [main])
        for label in (f"{main.detail!r} in gb18030", f"{main.street!r} in gb18030",
                      f"phone {main.phone} in utf-16-le"):
            self.assertIn(f"{probe}: {label} at offset", "\n".join(found))
        self.assertEqual(len(found), 3, found)
        os.remove(probe)

        data_files = list(files_under(self.server.data_dir))
        names = {os.path.basename(p) for p in data_files}
        for expected in ("ordo.db", "ordo.db-wal", "access.log"):
            self.assertIn(expected, names, f"the data directory holds {expected}: {names}")
        self.assertGreater(os.path.getsize(os.path.join(self.server.data_dir, "ordo.db")), 0)
        hits += scan(data_files + list(files_under(self.server.log_dir)), canaries)
        out = "\n".join(stdout).encode("utf-8")
        hits += [f"the server's stdout: {label}" for label, needle in needles(canaries)
                 if needle in out]
        self.assertEqual(hits, [], "personal data in plain text:\n  " + "\n  ".join(hits))
        # And the data is there, sealed: the same orders read back revealed after a restart.
        self.server.start()
        resp = self.admin.post(f"/api/v1/orders/{no}/reveal", {"reason": "canary check"})
        self.assertStatus(resp, 200, "reveal after the scan")
        self.assertEqual((resp.json["customer"]["name"], resp.json["consignee"]["phone"]),
                         (main.customer_name, changed_to.consignee_phone))
        self.assertEqual(json.loads(json.dumps(resp.json))["order_no"], no)


if __name__ == "__main__":
    unittest.main()
