"""The query-plan check itself (query_plans.py): what it refuses and what it lets pass, on a
database of its own, without a server."""

import json
import os
import sqlite3
import tempfile
import unittest

from query_plans import check_statement_plans


class QueryPlanCheckTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="ordo-plan-check-")
        self.db_path = os.path.join(self.dir.name, "ordo.db")
        db = sqlite3.connect(self.db_path)
        db.executescript("""
            CREATE TABLE orders (id INTEGER PRIMARY KEY, order_no TEXT UNIQUE, channel TEXT,
                                 priority INTEGER);
            CREATE TABLE shipments (id INTEGER PRIMARY KEY, carrier TEXT, tracking_no TEXT);
            CREATE UNIQUE INDEX shipments_by_tracking ON shipments (carrier, tracking_no)
              WHERE tracking_no <> '';
            CREATE TABLE warehouses (code TEXT PRIMARY KEY, name TEXT);
        """)
        db.close()
        self.log_path = os.path.join(self.dir.name, "statements.jsonl")

    def tearDown(self):
        self.dir.cleanup()

    def check(self, *statements):
        with open(self.log_path, "w", encoding="utf-8") as log:
            for sql in statements:
                log.write(json.dumps(sql) + "\n")
        return check_statement_plans(self.db_path, self.log_path)

    def test_a_full_scan_of_a_growing_table_is_refused_with_its_plan(self):
        problems = self.check("SELECT id FROM orders WHERE channel = ?")
        self.assertEqual(len(problems), 1)
        self.assertIn("full scan of orders", problems[0])
        self.assertIn("SCAN orders", problems[0])

    def test_a_scan_through_an_alias_is_refused_too(self):
        problems = self.check("SELECT o.id FROM orders o WHERE o.channel = ?")
        self.assertEqual(len(problems), 1)
        self.assertIn("full scan of orders", problems[0])

    def test_a_partial_index_whose_condition_is_not_stated_is_a_scan(self):
        self.assertEqual(len(self.check(
            "SELECT id FROM shipments WHERE carrier = ? AND tracking_no = ?")), 1)
        self.assertEqual(self.check(
            "SELECT id FROM shipments WHERE carrier = ? AND tracking_no = ? "
            "AND tracking_no <> ''"), [])

    def test_searches_small_tables_and_other_statements_pass(self):
        self.assertEqual(self.check(
            "SELECT id FROM orders WHERE order_no = ?",
            "SELECT id FROM orders WHERE id > (SELECT coalesce(max(id), 0) FROM orders) - ?",
            "SELECT code, name FROM warehouses ORDER BY code",
            "INSERT INTO orders (order_no, channel, priority) VALUES (?, ?, ?)",
            "SAVEPOINT command",
            "PRAGMA data_version"), [])

    def test_a_listed_deliberate_scan_passes(self):
        self.assertEqual(self.check("SELECT id FROM orders WHERE 1 = 1 ORDER BY id DESC LIMIT ?"),
                         [])
        self.assertEqual(len(self.check(
            "SELECT id FROM orders WHERE 1 = 1 AND channel = ? ORDER BY id DESC LIMIT ?")), 1)

    def test_no_log_is_nothing_to_check(self):
        os.remove(self.db_path)
        self.assertEqual(check_statement_plans(self.db_path, self.log_path), [])


if __name__ == "__main__":
    unittest.main()
