"""Backups and restore (issue 21 items 1-2, domain.md DAT-2).

`ordo backup` while orders are being placed, `ordo restore` into a new directory, and the
restored store compared with the source at the backup's moment; damaged, truncated and altered
backups refused; the personal-data key never inside; the daily backups of the timed job with
their retention and second location, driven by the test clock; GET and POST /api/v1/backups."""

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

TRAILER_BYTES = 76


def read_manifest(path):
    """The manifest of a backup file, read as an operator's script would."""
    with open(path, "rb") as f:
        data = f.read()
    length = int(data[-TRAILER_BYTES:][:10])
    line = data[-TRAILER_BYTES - length:-TRAILER_BYTES]
    assert hashlib.sha256(line).hexdigest() == data[-65:-1].decode()
    return json.loads(line)


def run(*args, env=None):
    return subprocess.run([o.ordo_bin(), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def rows(db_path, sql):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


class BackupTmpMixin:

    def tmpdir(self):
        path = tempfile.mkdtemp(prefix="ordo-it-backup-")
        self.addCleanup(shutil.rmtree, path, True)
        return path

    def key_file(self):
        return os.path.join(self.server.data_dir, "pii.key")

    def restore(self, backup, target, key_file=None, env=None):
        args = ["restore", "--from", backup, "--data", target]
        if key_file is not False:
            args += ["--pii-key-file", key_file or self.key_file()]
        return run(*args, env=env)


class BackupUnderLoadTest(BackupTmpMixin, o.OrdoTestCase):

    @classmethod
    def server_args(cls, server):
        return ["--no-backup-schedule"]

    @classmethod
    def seed_class(cls):
        cls.warehouse = o.create_warehouse(cls.admin)
        cls.sku = o.seed_sku_with_stock(cls.admin, cls.warehouse, 100_000)

    def place_orders_until(self, stop, placed, errors):
        client = self.server.client(self.admin_token)
        while not stop.is_set():
            body = o.order_body([o.line(self.sku, 1)])
            sent = time.monotonic()
            resp = client.post("/api/v1/orders", body)
            if resp.status != 201:
                errors.append(resp.describe())
                return
            placed.append((sent, time.monotonic(), resp.json["order_no"]))

    def test_a_backup_under_load_restores_every_order_acknowledged_before_it(self):
        out = self.tmpdir()
        backup = os.path.join(out, "under-load.ordo-backup")
        stop, placed, errors = threading.Event(), [], []
        threads = [threading.Thread(target=self.place_orders_until, args=(stop, placed, errors))
                   for _ in range(4)]
        for t in threads:
            t.start()
        try:
            time.sleep(1.0)
            started = time.monotonic()
            result = run("backup", "--data", self.server.data_dir, "--to", backup)
            finished = time.monotonic()
            time.sleep(0.5)
        finally:
            stop.set()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertEqual(result.returncode, 0, result.stderr)
        before = {no for sent, acked, no in placed if acked < started}
        sent_after = {no for sent, acked, no in placed if sent >= finished}
        self.assertGreater(len(before), 20, "orders acknowledged before the backup")
        self.assertGreater(len(sent_after), 0, "orders kept flowing after the backup")

        target = os.path.join(out, "restored")
        restored = self.restore(backup, target)
        self.assertEqual(restored.returncode, 0, restored.stderr + restored.stdout)
        self.assertIn("restore: OK", restored.stdout)
        db = os.path.join(target, "ordo.db")
        source_db = os.path.join(self.server.data_dir, "ordo.db")
        restored_orders = {no for (no,) in rows(db, "SELECT order_no FROM orders")}
        self.assertEqual(before - restored_orders, set(),
                         "every order acknowledged before the backup started is restored")
        self.assertEqual(restored_orders & sent_after, set(),
                         "no order sent after the backup finished is in it")
        # Each table's rows are the manifest's.
        manifest = read_manifest(backup)
        for table, count in manifest["tables"].items():
            with self.subTest(table=table):
                (restored_count,), = rows(db, f'SELECT count(*) FROM "{table}"')
                self.assertEqual(restored_count, count)
        # The orders and the audit trail of the backup are the source's, row for row: orders
        # are not changed under this load, and the audit trail only grows.
        for table, key in (("orders", "id"), ("audit_log", "seq")):
            with self.subTest(compare=table):
                copy = rows(db, f"SELECT * FROM {table} ORDER BY {key}")
                ids = ",".join(str(r[0]) for r in copy)
                source = rows(source_db, f"SELECT * FROM {table} WHERE {key} IN ({ids}) "
                                         f"ORDER BY {key}")
                self.assertEqual(copy, source)
                self.assertEqual(len(copy), manifest["tables"][table])

    def test_a_restored_directory_serves_the_orders(self):
        order = self.place(o.order_body([o.line(self.sku, 2)]))
        out = self.tmpdir()
        backup = os.path.join(out, "b.ordo-backup")
        self.assertEqual(run("backup", "--data", self.server.data_dir, "--to", backup).returncode, 0)
        target = os.path.join(out, "restored")
        self.assertEqual(self.restore(backup, target).returncode, 0)
        self.assertEqual(oct(os.stat(target).st_mode & 0o777), "0o700")
        self.assertEqual(run("audit", "verify", "--data", target).returncode, 0)
        self.assertEqual(run("stock", "verify", "--data", target).returncode, 0)
        second = o.OrdoServer("restored", data_dir=target)
        second.extra_args = ["--no-backup-schedule"]
        self.addCleanup(second.cleanup)
        second.start()
        client = second.client(second.token("admin"))
        got = o.expect(client.get(f"/api/v1/orders/{order['order_no']}"), 200)
        self.assertEqual(got["total_amount"], order["total_amount"])
        self.assertEqual(got["consignee"]["phone"], order["consignee"]["phone"])
        second.stop()

    def test_a_damaged_truncated_or_altered_backup_is_refused_and_nothing_is_written(self):
        out = self.tmpdir()
        good = os.path.join(out, "good.ordo-backup")
        self.assertEqual(run("backup", "--data", self.server.data_dir, "--to", good).returncode, 0)
        with open(good, "rb") as f:
            data = f.read()
        manifest_start = len(data) - TRAILER_BYTES - int(data[-TRAILER_BYTES:][:10])
        flipped_payload = bytearray(data)
        flipped_payload[len(b"ORDO-BACKUP 1\n") + 1000] ^= 0x01
        flipped_manifest = bytearray(data)
        rows_at = data.index(b'"orders":', manifest_start) + len(b'"orders":')
        flipped_manifest[rows_at] = ord("9") if data[rows_at] != ord("9") else ord("8")
        cases = {
            "a flipped byte": bytes(flipped_payload),
            "truncated": data[:len(data) // 2],
            "last bytes cut": data[:-10],
            "manifest altered": bytes(flipped_manifest),
            "not a backup": b"hello\n" * 100,
        }
        for name, content in cases.items():
            with self.subTest(case=name):
                bad = os.path.join(out, "bad.ordo-backup")
                with open(bad, "wb") as f:
                    f.write(content)
                target = os.path.join(out, "restored-bad")
                result = self.restore(bad, target)
                self.assertEqual(result.returncode, 1, result.stderr + result.stdout)
                self.assertIn("restore refused", result.stderr)
                self.assertFalse(os.path.exists(target))
                self.assertEqual(sorted(os.listdir(out)), ["bad.ordo-backup", "good.ordo-backup"],
                                 "no staging directory is left behind")

        nonempty = os.path.join(out, "nonempty")
        os.mkdir(nonempty)
        with open(os.path.join(nonempty, "keep.txt"), "w") as f:
            f.write("x")
        result = self.restore(good, nonempty)
        self.assertEqual(result.returncode, 2)
        self.assertIn("not empty", result.stderr)
        self.assertEqual(os.listdir(nonempty), ["keep.txt"])

        env = {k: v for k, v in os.environ.items() if k != "ORDO_PII_KEY"}
        result = subprocess.run([o.ordo_bin(), "restore", "--from", good, "--data",
                                 os.path.join(out, "nokey")], capture_output=True, text=True,
                                env=env, timeout=60)
        self.assertEqual(result.returncode, 2)
        self.assertIn("personal-data key", result.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "nokey")))

        wrong_key = os.path.join(out, "wrong.key")
        with open(wrong_key, "w") as f:
            f.write("ab" * 32 + "\n")
        os.chmod(wrong_key, 0o600)
        result = self.restore(good, os.path.join(out, "wrongkey"), key_file=wrong_key)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("audit trail does not verify", result.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "wrongkey")))

    def test_the_personal_data_key_is_never_inside_a_backup(self):
        out = self.tmpdir()
        backup = os.path.join(out, "k.ordo-backup")
        self.assertEqual(run("backup", "--data", self.server.data_dir, "--to", backup).returncode, 0)
        manifest = read_manifest(backup)
        self.assertEqual([f["name"] for f in manifest["files"]],
                         ["ordo.db", "audit-checkpoints.log"])
        with open(self.key_file()) as f:
            key_hex = f.read().strip()
        target = os.path.join(out, "restored")
        result = self.restore(backup, target, key_file=False, env={"ORDO_PII_KEY": key_hex})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(os.listdir(target)), ["audit-checkpoints.log", "ordo.db"])
        for name in os.listdir(target):
            with open(os.path.join(target, name), "rb") as f:
                content = f.read()
            self.assertNotIn(key_hex.encode(), content, name)
            self.assertNotIn(bytes.fromhex(key_hex), content, name)

    def test_post_takes_a_backup_now_and_get_lists_it(self):
        taken = o.expect(self.admin.post("/api/v1/backups", {}), 201)
        self.assertEqual(taken["status"], "ok")
        self.assertEqual(taken["trigger"], "manual")
        path = os.path.join(self.server.data_dir, "backups", taken["name"])
        with open(path, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), taken["sha256"])
        self.assertEqual(os.path.getsize(path), taken["bytes"])
        self.assertEqual(taken["tables"], read_manifest(path)["tables"])
        auditor = self.client(self.server.token("auditor"))
        listed = o.expect(auditor.get("/api/v1/backups"), 200)
        self.assertEqual(listed["data"][0]["name"], taken["name"])
        # The newest backup is the newest of its day, week and month: kept as monthly.
        self.assertEqual(listed["data"][0]["kind"], "monthly")
        self.assertIsNone(listed["copy_directory"])
        self.assertEqual(listed["retention"], {"daily": 7, "weekly": 4, "monthly": 12})
        self.assertProblem(auditor.post("/api/v1/backups", {}), 403, "forbidden")
        audit = o.expect(self.admin.get("/api/v1/audit", query={"entity": "backup",
                                                                "id": taken["name"]}), 200)
        self.assertEqual([e["action"] for e in audit["data"]], ["taken"])


def backup_name(at):
    return "ordo-" + at.strftime("%Y-%m-%dT%H-%M-%S.000Z") + ".ordo-backup"


class ScheduledBackupTest(BackupTmpMixin, o.OrdoTestCase):
    START = datetime.datetime(2026, 3, 1, 17, 0, tzinfo=datetime.timezone.utc)  # 03-02 01:00 CST

    @classmethod
    def server_args(cls, server):
        cls.copy_dir = tempfile.mkdtemp(prefix="ordo-it-backup-copy-")
        return ["--test-clock", cls.START.isoformat().replace("+00:00", "Z"),
                "--backup-copy", cls.copy_dir, "--backup-keep-daily", "3",
                "--backup-keep-weekly", "2", "--backup-keep-monthly", "2"]

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            shutil.rmtree(cls.copy_dir, ignore_errors=True)

    def advance_days(self, days):
        return o.expect(self.admin.post("/api/v1/ops/clock", {"advance_hours": 24 * days}), 200)

    def backups(self):
        return o.expect(self.admin.get("/api/v1/backups"), 200)

    def files(self, directory):
        return sorted(os.path.basename(p) for p in glob.glob(os.path.join(directory,
                                                                            "*.ordo-backup")))

    def test_daily_backups_are_copied_and_pruned_by_the_retention_policy(self):
        backup_dir = os.path.join(self.server.data_dir, "backups")
        # The jobs' first tick, on their own thread just after the start, takes the day's backup.
        deadline = time.monotonic() + 30
        while not self.backups()["data"] and time.monotonic() < deadline:
            time.sleep(0.1)
        first = self.backups()["data"]
        self.assertEqual(len(first), 1, "the first tick takes the day's backup")
        self.assertEqual(first[0]["trigger"], "scheduled")
        self.assertEqual(first[0]["name"], backup_name(self.START))
        self.assertTrue(first[0]["copied"])
        self.assertEqual(self.files(self.copy_dir), [first[0]["name"]])
        with open(os.path.join(self.copy_dir, first[0]["name"]), "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), first[0]["sha256"])
        # A second tick the same day takes none.
        o.expect(self.admin.post("/api/v1/ops/clock", {"advance_hours": 1}), 200)
        self.assertEqual(len(self.backups()["data"]), 1)
        self.advance_days(1)  # 03-03 02:00 China time

        # A failing backup is listed with its reason and tried again 15 minutes later: the
        # file the next tick writes first is in the way (a directory).
        now = self.START + datetime.timedelta(days=2, hours=1)
        blocker = os.path.join(backup_dir, backup_name(now) + ".partial")
        os.makedirs(os.path.join(blocker, "in-the-way"))
        self.advance_days(1)
        shutil.rmtree(blocker, ignore_errors=True)
        failed = self.backups()["data"][0]
        self.assertEqual(failed["status"], "failed")
        self.assertTrue(failed["error"])
        self.assertIsNone(failed["kind"])
        o.expect(self.admin.post("/api/v1/ops/clock", {"advance_ms": 5 * 60 * 1000}), 200)
        self.assertEqual(self.backups()["data"][0]["status"], "failed", "not retried at once")
        o.expect(self.admin.post("/api/v1/ops/clock", {"advance_ms": 11 * 60 * 1000}), 200)
        self.assertEqual(self.backups()["data"][0]["status"], "ok", "retried after 15 minutes")

        # Up to Sunday 2026-03-22 (China time), one backup a day.
        for _ in range(18):
            self.advance_days(1)
        listed = self.backups()["data"]
        ok = [b for b in listed if b["status"] == "ok"]
        days = {b["taken_at"][:10]: b["kind"] for b in ok}
        # Daily: 03-20, 03-21, 03-22 (taken at 17:xx UTC the day before); weekly: the newest
        # of the weeks of 03-22 and 03-15; monthly: March's newest, 03-22.
        self.assertEqual(days, {"2026-03-14": "weekly", "2026-03-19": "daily",
                                "2026-03-20": "daily", "2026-03-21": "monthly"})
        names = sorted(b["name"] for b in ok)
        self.assertEqual(self.files(backup_dir), names)
        self.assertEqual(self.files(self.copy_dir), names)
        self.assertTrue(all(b["copied"] for b in ok))
        # The failed attempt stays listed.
        self.assertEqual([b["status"] for b in listed].count("failed"), 1)
        # Pages of two, newest first, cover the same list.
        paged, cursor = [], None
        for _ in range(10):
            page = o.expect(self.admin.get("/api/v1/backups",
                                           query={"limit": 2, **({"cursor": cursor} if cursor else {})}), 200)
            paged += [b["name"] for b in page["data"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        self.assertEqual(paged, [b["name"] for b in listed])

        # A backup from the second location restores.
        target = os.path.join(self.tmpdir(), "restored")
        result = self.restore(os.path.join(self.copy_dir, names[-1]), target)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_then_a_copy_that_failed_is_made_at_a_later_tick(self):
        # Turns the copy location into a file for one manual backup, then back.
        shutil.rmtree(self.copy_dir)
        with open(self.copy_dir, "w") as f:
            f.write("not a directory")
        try:
            taken = o.expect(self.admin.post("/api/v1/backups", {}), 201)
            self.assertFalse(taken["copied"])
            self.assertTrue(taken["copy_error"])
        finally:
            os.remove(self.copy_dir)
            os.mkdir(self.copy_dir)
        o.expect(self.admin.post("/api/v1/ops/clock", {"advance_ms": 1000}), 200)
        listed = {b["name"]: b for b in self.backups()["data"]}
        self.assertTrue(listed[taken["name"]]["copied"])
        self.assertIsNone(listed[taken["name"]]["copy_error"])
        self.assertIn(taken["name"], self.files(self.copy_dir))


if __name__ == "__main__":
    unittest.main()
