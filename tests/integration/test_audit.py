"""The audit trail (AUD-1): every state change of an order is listed by GET /api/v1/audit with
who did it, when, and the status before and after; only roles holding audit:read may read it;
`ordo audit verify` accepts the untouched chain and names the entry someone altered in the
database file."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402


def audit_of(test, client, entity, entity_id, page_size=2):
    """Every audit entry of one entity, following next_cursor page by page."""
    out, cursor = [], None
    for _ in range(100):
        query = {"entity": entity, "id": entity_id, "limit": page_size}
        if cursor:
            query["cursor"] = cursor
        resp = client.get("/api/v1/audit", query=query)
        test.assertStatus(resp, 200, f"audit of {entity} {entity_id}")
        page = resp.json
        test.assertIsInstance(page.get("data"), list, resp.describe())
        test.assertLessEqual(len(page["data"]), page_size, resp.describe())
        out.extend(page["data"])
        cursor = page["next_cursor"]
        if cursor is None:
            return out
    test.fail("audit pagination does not end")


def verify(server):
    """Runs `ordo audit verify` on the server's data directory: (exit code, stdout)."""
    res = subprocess.run([server.bin, "audit", "verify", "--data", server.data_dir],
                         stdin=subprocess.DEVNULL, capture_output=True, timeout=o.CLI_TIMEOUT_S)
    return res.returncode, res.stdout.decode("utf-8", "replace") + \
        res.stderr.decode("utf-8", "replace")


class AuditTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        cls.warehouse_token = cls.server.token("warehouse")
        cls.auditor = cls.server.client(cls.server.token("auditor"))

    def life_cycle(self):
        """An order paid, approved, picked by the warehouse and cancelled; returns it."""
        sku = self.new_sku(self.wh, 10)
        order = self.place(o.order_body([(sku, 2)], customer_name="欧阳娜娜"))
        no = order["order_no"]
        self.act(no, "payments", o.payment_body(order))
        self.act(no, "review", {"decision": "approve", "reason": "looks fine"})
        warehouse = self.client(self.warehouse_token)
        self.act(no, "pick", client=warehouse)
        # Picking has started: the warehouse confirms the cancellation.
        asked = self.act(no, "cancel", {"reason": "customer changed mind"}, expect_status=202)
        o.expect(warehouse.post(f"/api/v1/orders/{no}/changes/{asked.json['id']}/confirm", {}),
                 200, what="the warehouse confirms the cancellation")
        return order, sku

    def test_order_audit_lists_every_transition_with_actor_and_status(self):
        order, _ = self.life_cycle()
        no = order["order_no"]
        entries = audit_of(self, self.auditor, "order", no)
        events = self.events(no)
        self.assertEqual([e["action"] for e in entries], [e["type"] for e in events],
                         f"one entry per event, oldest first: {entries}")
        seqs = [e["seq"] for e in entries]
        self.assertEqual(seqs, sorted(set(seqs)), entries)
        for entry, event in zip(entries, events):
            self.assertEqual((entry["entity"], entry["id"]), ("order", no), entry)
            self.assertEqual(entry["actor"], event["actor"], entry)
            self.assertTrue(entry["actor"].startswith("token:"), entry)
            o.parse_time(entry["at"])
            before = (entry["before"] or {}).get("status", "")
            self.assertEqual((before, entry["after"].get("status", "")),
                             (event.get("from_status", ""), event.get("to_status", "")), entry)
        self.assertIsNone(entries[0]["before"], "nothing existed before the order")
        self.assertEqual(entries[0]["after"]["status"], "pending_payment", entries[0])
        pick = next(e for e in entries if e["after"].get("status") == "picking")
        self.assertNotEqual(pick["actor"], entries[0]["actor"],
                            f"the warehouse token picked, not the admin: {entries}")
        cancel = next(e for e in entries if e["action"] == "cancel")
        self.assertEqual((cancel["before"]["status"], cancel["after"]["status"]),
                         ("picking", "cancelled"), cancel)
        self.assertEqual(cancel["after"].get("reason"), "customer changed mind", cancel)

    def test_stock_movements_are_audited_with_levels_before_and_after(self):
        order, sku = self.life_cycle()
        entries = audit_of(self, self.auditor, "stock", f"{sku['sku']}@{self.wh}", page_size=50)
        self.assertEqual([e["action"] for e in entries], ["receipt", "reservation", "release"],
                         entries)
        self.assertEqual((entries[0]["before"], entries[0]["after"]["on_hand"]),
                         ({"on_hand": 0, "reserved": 0}, 10), entries[0])
        self.assertEqual(entries[1]["after"]["order_no"], order["order_no"], entries[1])
        self.assertEqual((entries[2]["before"]["reserved"], entries[2]["after"]["reserved"]),
                         (2, 0), entries[2])

    def test_audit_holds_no_personal_data(self):
        order, _ = self.life_cycle()
        resp = self.auditor.get("/api/v1/audit",
                                query={"entity": "order", "id": order["order_no"]})
        self.assertStatus(resp, 200)
        for personal in (order["customer"]["phone"], "欧阳娜娜", o.VALID_DETAIL):
            self.assertNotIn(personal, resp.text)

    def test_only_roles_with_audit_read_may_read(self):
        order, _ = self.life_cycle()
        query = {"entity": "order", "id": order["order_no"]}
        self.assertStatus(self.auditor.get("/api/v1/audit", query=query), 200, "auditor")
        self.assertStatus(self.admin.get("/api/v1/audit", query=query), 200, "admin")
        resp = self.client(self.warehouse_token).get("/api/v1/audit", query=query)
        self.assertProblem(resp, 403, "forbidden", "warehouse")

    def test_an_id_needs_an_entity(self):
        resp = self.auditor.get("/api/v1/audit", query={"id": "20261126000001"})
        self.assertFieldError(resp, "entity", "required")


class AuditVerifyTest(o.OrdoTestCase):

    def test_verify_accepts_the_chain_and_names_a_tampered_entry(self):
        wh = o.create_warehouse(self.admin)
        sku = o.seed_sku_with_stock(self.admin, wh, 10)
        order = self.place(o.order_body([(sku, 1)]))
        self.act(order["order_no"], "cancel", {"reason": "test"})
        entries = audit_of(self, self.admin, "order", order["order_no"])
        target = entries[-1]["seq"]
        self.server.stop()

        code, out = verify(self.server)
        self.assertEqual(code, 0, out)
        self.assertIn("OK", out)

        db = sqlite3.connect(os.path.join(self.server.data_dir, "ordo.db"))
        try:
            with db:
                db.execute("UPDATE audit_log SET after = ? WHERE seq = ?",
                           ('{"status":"completed"}', target))
        finally:
            db.close()
        code, out = verify(self.server)
        self.assertEqual(code, 1, out)
        self.assertIn(f"seq {target}", out)
        self.assertIn("altered", out)
        self.server.start()  # the class stops it cleanly at the end


class AuditAnchorTest(o.OrdoTestCase):
    """The chain is keyed and its head anchored outside the database (issue: removing the newest
    entries passed `ordo audit verify`, and anyone who could write the database could recompute
    the unkeyed chain). Each test restores the files it tampered with."""

    def setUp(self):
        super().setUp()
        self.saved = {}

    def restore(self):
        for path, data in self.saved.items():
            if data is None:
                if os.path.exists(path):
                    os.remove(path)
            else:
                with open(path, "wb") as f:
                    f.write(data)
        self.server.start()

    def tampered(self, *statements):
        """Runs SQL on the stopped server's database, as someone with the file would."""
        for name in ("ordo.db", "ordo.db-wal", "ordo.db-shm", "audit-checkpoints.log"):
            path = os.path.join(self.server.data_dir, name)
            if path not in self.saved:
                self.saved[path] = open(path, "rb").read() if os.path.exists(path) else None
        db = sqlite3.connect(os.path.join(self.server.data_dir, "ordo.db"))
        try:
            with db:
                for sql, args in statements:
                    db.execute(sql, args)
        finally:
            db.close()

    def life_cycle_then_stop(self):
        wh = o.create_warehouse(self.admin)
        sku = o.seed_sku_with_stock(self.admin, wh, 10)
        order = self.place(o.order_body([(sku, 1)]))
        self.act(order["order_no"], "cancel", {"reason": "test"})
        self.server.stop()  # a clean stop signs a checkpoint of the head
        code, out = verify(self.server)
        self.assertEqual(code, 0, out)
        self.assertIn("checkpoints vouch up to seq", out)
        db = sqlite3.connect(os.path.join(self.server.data_dir, "ordo.db"))
        try:
            return db.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        finally:
            db.close()

    def test_verify_detects_the_newest_entries_removed(self):
        head = self.life_cycle_then_stop()
        try:
            self.tampered(("DELETE FROM audit_log WHERE seq > ?", (head - 3,)))
            code, out = verify(self.server)
            self.assertEqual(code, 1, out)
            self.assertIn("truncated", out)
            self.assertIn(f"seq {head - 2}", out)
        finally:
            self.restore()

    def test_verify_detects_a_chain_rewritten_with_recomputed_hashes(self):
        self.life_cycle_then_stop()
        db = sqlite3.connect(os.path.join(self.server.data_dir, "ordo.db"))
        try:
            rows = db.execute("SELECT seq, at, actor, entity, entity_id, action, before, after "
                              "FROM audit_log ORDER BY seq").fetchall()
        finally:
            db.close()

        def text(value):
            data = value.encode("utf-8")
            return len(data).to_bytes(8, "little") + data

        # The chain as documented, recomputed without the key after an edit of the first entry.
        updates, prev = [], ""
        for seq, at, *texts in rows:
            if seq == rows[0][0]:
                texts[-1] = '{"status":"completed"}'
            canonical = text(prev) + seq.to_bytes(8, "little") + at.to_bytes(8, "little") + \
                b"".join(text(t) for t in texts)
            digest = hashlib.blake2b(canonical, digest_size=32).hexdigest()
            updates.append(("UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                            (texts[-1], prev, digest, seq)))
            prev = digest
        try:
            self.tampered(*updates)
            code, out = verify(self.server)
            self.assertEqual(code, 1, out)
            self.assertIn(f"seq {rows[0][0]}", out)
            self.assertIn("audit key", out)
        finally:
            self.restore()


if __name__ == "__main__":
    unittest.main()
