"""The document archive over HTTP (domain.md DOC-1, DOC-3, DOC-4; issue 21 items 3-5).

A whole life cycle with a complaint, a quality return and its refund leaves every class of
document archived and listed on its order, content-addressed and sealed (no personal data in
the database files in clear); another department reads a document only under a grant its owning
department's head approved, for a time, every read recorded, and a refused or expired grant reads
nothing; documents past their retention are destroyed only when a supervisor other than the
proposer approves, and the destruction record stays (audit trail and document) while the content
goes."""

import os
import re
import sqlite3
import subprocess
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

PASSWORD = "Longjing-tea-2025!"
CLASSES = {"order_confirmation", "packing_slip", "waybill", "invoice", "complaint_record",
           "inspection_report", "refund_voucher"}
HOURS_PAST_RETENTION = (3 * 365 + 2) * 24  # three years (1,095 days) and two days


class DocumentArchiveTest(o.OrdoTestCase):

    @classmethod
    def server_args(cls, server):
        return ["--test-clock", "now"]

    @classmethod
    def long_token(cls, *args):
        """A token living ten years (the test moves the clock three years on)."""
        cmd = [cls.server.bin, "token", "create", "--data", cls.server.data_dir,
               "--expires-in-days", "3650", *args]
        res = subprocess.run(cmd, capture_output=True, timeout=60)
        assert res.returncode == 0, res.stderr.decode()
        return cls.server.client(res.stdout.decode().strip())

    @classmethod
    def staff(cls, role, department):
        username = "doc_" + uuid.uuid4().hex[:8]
        body = {"username": username, "display_name": "测试员", "department": department,
                "role": role, "password": PASSWORD}
        o.expect(cls.admin.post("/api/v1/users", body), 201, what=f"create user {username}")
        client = cls.long_token("--user", username)
        client.actor = f"user:{username}"
        return client

    @classmethod
    def seed_class(cls):
        cls.root = cls.long_token("--role", "admin", "--name", "doc-admin")
        cls.wh = o.create_warehouse(cls.admin)
        cls.service = cls.long_token("--role", "customer_service", "--name", "doc-cs")
        cls.packer = cls.long_token("--role", "warehouse", "--name", "doc-packer")
        cls.logistics = cls.long_token("--role", "logistics", "--name", "doc-logistics")
        cls.finance = cls.long_token("--role", "finance", "--name", "doc-finance")
        cls.operations = cls.long_token("--role", "operations", "--name", "doc-ops")
        cls.finance_head = cls.staff("supervisor", "finance")
        cls.warehouse_head = cls.staff("supervisor", "warehouse")
        cls.supervisor_a = cls.staff("supervisor", "supervision")
        cls.supervisor_b = cls.staff("supervisor", "supervision")
        n = uuid.uuid4().int % 10**6
        cls.canary = {"customer": "司马青衫", "consignee": "东方未明",
                      "phone": "137" + f"{uuid.uuid4().int % 10**8:08d}",
                      "detail": f"档案馆路{n:06d}号 7楼 701室"}
        cls.order_no = cls.full_life_cycle()
        cls.documents = o.expect(cls.service.get(f"/api/v1/orders/{cls.order_no}/documents"),
                                 200)["data"]

    @classmethod
    def full_life_cycle(cls):
        """Ordered, paid, approved, packed, shipped, delivered; a complaint; one unit returned
        for quality, inspected and refunded; completed."""
        tea = o.seed_sku_with_stock(cls.admin, cls.wh, 10, code="DOC" + uuid.uuid4().hex[:6])
        c = cls.canary
        body = o.order_body([(tea, 2)], customer_name=c["customer"], consignee_name=c["consignee"],
                            phone=c["phone"], detail=c["detail"])
        order = o.expect(cls.root.post("/api/v1/orders", body), 201)
        no = order["order_no"]
        paid = o.expect(cls.root.post(f"/api/v1/orders/{no}/payments", o.payment_body(order)),
                        200)
        if paid["status"] == "pending_review":
            o.expect(cls.root.post(f"/api/v1/orders/{no}/review",
                                   {"decision": "approve", "reason": "ok"}), 200)
        o.expect(cls.packer.post(f"/api/v1/orders/{no}/pick", {}), 200)
        o.expect(cls.packer.post(f"/api/v1/orders/{no}/verify",
                                 {"scans": [{"sku": tea["sku"], "quantity": 2}]}), 200)
        o.expect(cls.packer.post(f"/api/v1/orders/{no}/pack",
                                 {"weight_g": 2 * tea["weight_g"]}), 200)
        o.expect(cls.packer.post(f"/api/v1/orders/{no}/ship",
                                 {"carrier": "SF", "tracking_no": o.unique("SF")}), 200)
        o.expect(cls.logistics.post(f"/api/v1/orders/{no}/deliver", {}), 200)
        member = order["customer"]["member_id"]
        o.expect(cls.service.post(f"/api/v1/customers/{member}/complaints",
                                  {"category": "delivery", "note": "快递员态度差 " + c["consignee"],
                                   "order_no": no}), 201)
        case = o.expect(cls.service.post("/api/v1/after-sales", {
            "order_no": no, "type": "return_refund", "reason": "quality",
            "lines": [{"sku": tea["sku"], "quantity": 1}]}), 201)
        step = f"/api/v1/after-sales/{case['id']}/"
        o.expect(cls.service.post(step + "approve", {}), 200)
        o.expect(cls.packer.post(step + "receive",
                                 {"carrier": "SF", "tracking_no": o.unique("SF")}), 200)
        o.expect(cls.packer.post(step + "inspect", {"passed": True,
                                                    "disposition": "defective_stock",
                                                    "note": "茶叶受潮"}), 200)
        refunds = o.expect(cls.finance.get("/api/v1/refunds", query={"order_no": no}), 200)
        for refund in refunds["data"]:
            if refund["status"] == "awaiting_approval":
                refund = o.expect(cls.finance.post(f"/api/v1/refunds/{refund['id']}/approve",
                                                   {"note": "ok"}), 200)
            if refund["status"] == "pending":
                o.expect(cls.finance.post(f"/api/v1/refunds/{refund['id']}/execute",
                                          {"provider_ref": o.unique("ALI")}), 200)
        o.expect(cls.root.post(f"/api/v1/orders/{no}/complete", {}), 200)
        return no

    def document(self, document_class):
        found = [d for d in self.documents if d["class"] == document_class]
        self.assertEqual(len(found), 1, self.documents)
        return found[0]

    def database(self):
        return sqlite3.connect(os.path.join(self.server.data_dir, "ordo.db"))

    # -- DOC-1 ------------------------------------------------------------------------------

    def test_every_class_is_archived_and_listed_on_its_order(self):
        self.assertEqual({d["class"] for d in self.documents}, CLASSES, self.documents)
        for doc in self.documents:
            self.assertEqual(doc["order_no"], self.order_no)
            self.assertRegex(doc["sha256"], r"^[0-9a-f]{64}$")
            self.assertGreater(doc["size_bytes"], 50, doc)
            self.assertEqual(doc["status"], "archived")
            self.assertTrue(doc["template"].startswith(doc["class"] + "/"), doc)
            self.assertIsNotNone(doc["order_ended_at"], "retention runs from the completion")
        self.assertEqual(len({d["sha256"] for d in self.documents}), len(CLASSES))
        self.assertEqual(self.document("invoice")["owner"], "finance")
        self.assertProblem(self.service.get("/api/v1/orders/2099000000/documents"), 404,
                           "not_found")
        self.assertProblem(self.client(self.server.token("channel", "web")).get(
            f"/api/v1/orders/{self.order_no}/documents"), 403, "forbidden")

    def test_the_owning_department_reads_its_document_masked_with_its_hash_verified(self):
        invoice = self.document("invoice")
        read = o.expect(self.finance.get(f"/api/v1/documents/{invoice['id']}"), 200)
        self.assertTrue(read["verified"], read)
        self.assertIsNone(read["read_under_grant"])
        self.assertEqual(read["facts"]["order_no"], self.order_no)
        self.assertEqual(read["facts"]["class"], "invoice")
        self.assertEqual(read["facts"]["lines"][0]["quantity"], 2, read)
        self.assertNotEqual(read["facts"]["personal"]["buyer_name"], self.canary["customer"])
        self.assertEqual(read["facts"]["personal"]["buyer_name"], o.mask_name(self.canary["customer"]))
        waybill = o.expect(self.logistics.get(
            f"/api/v1/documents/{self.document('waybill')['id']}"), 200)
        self.assertEqual(waybill["facts"]["personal"]["consignee_phone"],
                         o.mask_phone(self.canary["phone"]))
        self.assertNotIn(self.canary["detail"], str(waybill))
        # The PDF is rendered from the same facts, the same bytes each time.
        first = self.finance.get(f"/api/v1/documents/{invoice['id']}", query={"format": "pdf"})
        self.assertStatus(first, 200, "invoice PDF")
        self.assertEqual(first.content_type, "application/pdf")
        self.assertTrue(first.body.startswith(b"%PDF"))
        again = self.finance.get(f"/api/v1/documents/{invoice['id']}", query={"format": "pdf"})
        self.assertEqual(first.body, again.body)
        text = o.pdf_text(first.body)
        self.assertIn(self.order_no, text)
        self.assertIn(invoice["sha256"], text.replace("\n", "").replace(" ", ""))
        self.assertFieldError(self.finance.get(f"/api/v1/documents/{invoice['id']}",
                                               query={"format": "doc"}), "format", "invalid_value")
        self.assertProblem(self.finance.get("/api/v1/documents/99999999"), 404, "not_found")

    def test_content_is_addressed_by_its_hash_and_sealed_at_rest(self):
        db = self.database()
        try:
            rows = db.execute("SELECT id, sha256, content, size_bytes FROM documents "
                              "WHERE order_no = ?", (self.order_no,)).fetchall()
        finally:
            db.close()
        self.assertEqual(len(rows), len(CLASSES))
        for _, sha256, content, size_bytes in rows:
            # Compressed, then sealed: content format 1, a BLOB smaller than the JSON it holds.
            self.assertIsInstance(content, bytes)
            self.assertEqual(content[:1], b"\x01", "sealed like the rest of the store")
            self.assertLess(len(content), size_bytes)
            for secret in self.canary.values():
                self.assertNotIn(secret.encode("utf-8"), content)
        # The archive entries of the audit trail name the same hashes.
        audit = o.expect(self.root.get("/api/v1/audit", query={"entity": "document",
                                                               "limit": 200}), 200)["data"]
        archived = {e["id"]: e for e in audit if e["action"] == "archive"}
        for doc_id, sha256, _, _ in rows:
            self.assertIn(sha256, str(archived[str(doc_id)]["after"]))
        # No personal data in clear in any file of the data directory.
        for name in os.listdir(self.server.data_dir):
            path = os.path.join(self.server.data_dir, name)
            if not os.path.isfile(path) or name == "pii.key":
                continue
            with open(path, "rb") as f:
                data = f.read()
            for secret in self.canary.values():
                self.assertNotIn(secret.encode("utf-8"), data, f"{secret} in {name}")
        total = sum(r[3] for r in rows)
        sealed = sum(len(r[2]) for r in rows)
        print(f"\nbytes archived per order: {total} canonical, {sealed} sealed, "
              f"{len(rows)} documents", file=sys.stderr)
        self.assertLess(sealed, 16 * 1024, "the archive of one order stays small")

    # -- DOC-3 ------------------------------------------------------------------------------

    def test_a_grant_approved_by_the_owning_head_reads_for_its_hours_and_every_read_is_recorded(self):
        invoice = self.document("invoice")
        url = f"/api/v1/documents/{invoice['id']}"
        self.assertProblem(self.packer.get(url), 403, "no_access_grant")
        self.assertFieldError(self.finance.post("/api/v1/document-grants", {
            "class": "invoice", "reason": "own"}), "department", "own_department")
        self.assertFieldError(self.packer.post("/api/v1/document-grants", {
            "class": "memo", "reason": "x"}), "class", "invalid_value")
        self.assertFieldError(self.packer.post("/api/v1/document-grants", {
            "class": "invoice", "reason": "x", "hours": 0}), "hours", "invalid_value")
        grant = o.expect(self.packer.post("/api/v1/document-grants", {
            "document_id": invoice["id"], "reason": "核对破损赔付", "hours": 2}), 201)
        self.assertEqual((grant["status"], grant["department"], grant["owner"], grant["class"]),
                         ("pending", "warehouse", "finance", "invoice"), grant)
        self.assertProblem(self.packer.get(url), 403, "no_access_grant")
        decide = f"/api/v1/document-grants/{grant['id']}/approve"
        self.assertProblem(self.finance.post(decide, {}), 403, "forbidden")
        self.assertProblem(self.warehouse_head.post(decide, {}), 403, "not_department_head")
        approved = o.expect(self.finance_head.post(decide, {"note": "限两小时"}), 200)
        self.assertEqual(approved["status"], "approved")
        self.assertEqual(approved["decided_by"], self.finance_head.actor)
        read = o.expect(self.packer.get(url), 200)
        self.assertEqual(read["read_under_grant"], grant["id"])
        self.assertTrue(read["verified"])
        o.expect(self.packer.get(url, query={"format": "pdf"}), 200)
        # The grant names one document: the order's refund voucher is still closed to it.
        self.assertProblem(self.packer.get(
            f"/api/v1/documents/{self.document('refund_voucher')['id']}"), 403, "no_access_grant")
        recorded = o.expect(self.packer.get(f"/api/v1/document-grants/{grant['id']}"), 200)
        self.assertEqual(recorded["reads"], 2, recorded)
        self.assertEqual({r["document_id"] for r in recorded["read_log"]}, {invoice["id"]})
        audit = o.expect(self.root.get("/api/v1/audit", query={
            "entity": "document", "id": str(invoice["id"]), "limit": 200}), 200)["data"]
        self.assertEqual(len([e for e in audit if e["action"] == "read_under_grant"]), 2, audit)
        # Expired: it reads nothing.
        o.expect(self.root.post("/api/v1/ops/clock", {"advance_hours": 3}), 200)
        self.assertProblem(self.packer.get(url), 403, "no_access_grant")
        self.assertEqual(o.expect(self.packer.get(
            f"/api/v1/document-grants/{grant['id']}"), 200)["reads"], 2)

    def test_a_refused_grant_reads_nothing_and_stays_refused(self):
        voucher = self.document("refund_voucher")
        grant = o.expect(self.logistics.post("/api/v1/document-grants", {
            "class": "refund_voucher", "reason": "查看退款", "hours": 24}), 201)
        self.assertIsNone(grant["document_id"])
        pending = o.expect(self.finance_head.get("/api/v1/document-grants"), 200)["data"]
        self.assertIn(grant["id"], [g["id"] for g in pending])
        refused = o.expect(self.finance_head.post(
            f"/api/v1/document-grants/{grant['id']}/refuse", {"note": "无必要"}), 200)
        self.assertEqual((refused["status"], refused["expires_at"]), ("refused", None))
        self.assertProblem(self.logistics.get(f"/api/v1/documents/{voucher['id']}"), 403,
                           "no_access_grant")
        self.assertProblem(self.finance_head.post(
            f"/api/v1/document-grants/{grant['id']}/approve", {}), 409, "already_decided")
        listed = o.expect(self.finance_head.get("/api/v1/document-grants",
                                                query={"status": "refused"}), 200)["data"]
        self.assertIn(grant["id"], [g["id"] for g in listed])

    # -- DOC-4 (last: it moves the clock three years on) --------------------------------------

    def test_z_destruction_needs_a_second_supervisor_and_keeps_its_record(self):
        confirmation = self.document("order_confirmation")
        invoice = self.document("invoice")
        slip = self.document("packing_slip")
        due = o.expect(self.supervisor_a.get("/api/v1/documents/due-for-destruction"), 200)
        self.assertNotIn(confirmation["id"], [d["id"] for d in due["data"]])
        early = self.supervisor_a.post("/api/v1/document-destructions", {
            "document_ids": [confirmation["id"]], "reason": "到期"})
        self.assertFieldError(early, "document_ids[0]", "not_due_for_destruction")
        self.assertProblem(self.service.get("/api/v1/documents/due-for-destruction"), 403,
                           "forbidden")

        o.expect(self.root.post("/api/v1/ops/clock", {"advance_hours": HOURS_PAST_RETENTION}),
                 200)
        due = o.expect(self.supervisor_a.get("/api/v1/documents/due-for-destruction"), 200)
        due_ids = {d["id"] for d in due["data"] if d["order_no"] == self.order_no}
        three_years = {d["id"] for d in self.documents
                       if d["class"] not in ("invoice", "refund_voucher")}
        self.assertEqual(due_ids, three_years, "invoices and vouchers are kept ten years")

        proposed = o.expect(self.supervisor_a.post("/api/v1/document-destructions", {
            "document_ids": [confirmation["id"], invoice["id"], 99999999],
            "reason": "保管期满三年"}), 201)
        self.assertEqual(proposed["document_ids"], [confirmation["id"]])
        self.assertEqual({(x["document_id"], x["code"]) for x in proposed["left_out"]},
                         {(invoice["id"], "not_due_for_destruction"), (99999999, "not_found")})
        approve = f"/api/v1/document-destructions/{proposed['id']}/approve"
        self.assertProblem(self.supervisor_a.post(approve, {}), 403, "self_approval")
        self.assertProblem(self.service.post(approve, {}), 403, "forbidden")
        still = o.expect(self.operations.get(f"/api/v1/documents/{confirmation['id']}"), 200)
        self.assertEqual(still["status"], "archived")
        done = o.expect(self.supervisor_b.post(approve, {"note": "监销"}), 200)
        self.assertEqual((done["status"], done["destroyed_ids"], done["decided_by"]),
                         ("approved", [confirmation["id"]], self.supervisor_b.actor))
        self.assertProblem(self.supervisor_b.post(approve, {}), 409, "already_decided")

        gone = o.expect(self.operations.get(f"/api/v1/documents/{confirmation['id']}"), 200)
        self.assertEqual((gone["status"], gone["facts"], gone["sha256"]),
                         ("destroyed", None, confirmation["sha256"]))
        self.assertEqual((gone["destroyed_by"], gone["destruction_reason"],
                          gone["destruction_id"]),
                         (self.supervisor_b.actor, "保管期满三年", proposed["id"]))
        self.assertIsNotNone(gone["destroyed_at"])
        self.assertProblem(self.operations.get(f"/api/v1/documents/{confirmation['id']}",
                                               query={"format": "pdf"}), 409,
                           "document_destroyed")
        db = self.database()
        try:
            content = db.execute("SELECT content FROM documents WHERE id = ?",
                                 (confirmation["id"],)).fetchone()[0]
        finally:
            db.close()
        self.assertIsNone(content, "the content (and its personal data) is gone")
        audit = o.expect(self.root.get("/api/v1/audit", query={
            "entity": "document", "id": str(confirmation["id"]), "limit": 200}), 200)["data"]
        destroyed = [e for e in audit if e["action"] == "destroy"]
        self.assertEqual(len(destroyed), 1, audit)
        record = str(destroyed[0]["after"])
        for fact in (confirmation["sha256"], "保管期满三年", self.supervisor_a.actor,
                     self.supervisor_b.actor):
            self.assertIn(fact, record)
        self.assertEqual(destroyed[0]["actor"], self.supervisor_b.actor)
        again = self.supervisor_a.post("/api/v1/document-destructions", {
            "document_ids": [confirmation["id"]], "reason": "再次"})
        self.assertFieldError(again, "document_ids[0]", "document_destroyed")

        # A refused destruction destroys nothing.
        other = o.expect(self.supervisor_b.post("/api/v1/document-destructions", {
            "document_ids": [slip["id"]], "reason": "到期"}), 201)
        refused = o.expect(self.supervisor_a.post(
            f"/api/v1/document-destructions/{other['id']}/refuse", {"note": "仍有纠纷"}), 200)
        self.assertEqual((refused["status"], refused["destroyed_ids"]), ("refused", []))
        kept = o.expect(self.packer.get(f"/api/v1/documents/{slip['id']}"), 200)
        self.assertEqual(kept["status"], "archived")
        self.assertTrue(kept["verified"])
        listed = o.expect(self.supervisor_a.get("/api/v1/document-destructions",
                                                query={"status": "approved"}), 200)["data"]
        self.assertIn(proposed["id"], [d["id"] for d in listed])

    def test_every_document_route_is_documented(self):
        spec = o.expect(self.anonymous_client().get("/api/v1/openapi.json"), 200)
        for path in ("/api/v1/orders/{order_no}/documents", "/api/v1/documents/{id}",
                     "/api/v1/documents/due-for-destruction", "/api/v1/document-grants",
                     "/api/v1/document-grants/{id}/approve", "/api/v1/document-destructions",
                     "/api/v1/document-destructions/{id}/approve"):
            self.assertIn(path, spec["paths"])
        codes = str(spec)
        for code in ("own_department", "not_department_head", "no_access_grant",
                     "not_due_for_destruction", "document_destroyed"):
            self.assertIn(code, codes)

    def anonymous_client(self):
        return self.server.client(None)


if __name__ == "__main__":
    unittest.main()
