"""The audit trail (AUD-1): every state change of an order is listed by GET /api/v1/audit with
who did it, when, and the status before and after; only roles holding audit:read may read it;
`ordo audit verify` accepts the untouched chain and names the entry someone altered in the
database file."""

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


if __name__ == "__main__":
    unittest.main()
