"""The crash loop's checker fails when it should: two short runs in which, while the server is
down after a kill, the database is altered behind its back the way a lost write would leave it.
An acknowledged order rewound to an earlier status, and an acknowledged order gone altogether,
must each fail the run, naming the order."""

import argparse
import contextlib
import io
import os
import sqlite3
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import soak  # noqa: E402


def args(seed):
    return argparse.Namespace(kills=2, seed=seed, threads=2, min_load_s=0.5, max_load_s=1.0,
                              sample=20, verbose=False)


class CheckerCatchesLostWrites(unittest.TestCase):

    def run_tampered(self, statement):
        """A two-kill run whose data directory gets `statement` after the second kill; returns
        (exit code, what it printed on stderr, the order number altered)."""
        altered = []
        verify = soak.verify_offline

        def tamper(server, what):
            verify(server, what)
            if "round 2" not in what:
                return
            with contextlib.closing(sqlite3.connect(
                    os.path.join(server.data_dir, "ordo.db"))) as db:
                row = db.execute("SELECT id, order_no FROM orders WHERE status = 'completed' "
                                 "ORDER BY id DESC LIMIT 1").fetchone()
                self.assertIsNotNone(row, "two rounds complete an order")
                for sql in statement:
                    db.execute(sql, (row[0],))
                db.commit()
            altered.append(row[1])

        err = io.StringIO()
        soak.verify_offline = tamper
        soak.KEEP_ON_FAILURE = False
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                rc = soak.run(args(22))
        finally:
            soak.verify_offline = verify
            soak.KEEP_ON_FAILURE = True
        self.assertEqual(len(altered), 1, err.getvalue())
        return rc, err.getvalue(), altered[0]

    def test_a_rewound_order_fails_the_run(self):
        rc, err, no = self.run_tampered([
            "UPDATE orders SET status = 'shipped', "
            "doc = json_set(doc, '$.status', 'shipped') WHERE id = ?"])
        self.assertEqual(rc, 1, err)
        self.assertIn(f"order {no} (acknowledged completed", err)
        self.assertIn("stored as shipped", err)

    def test_a_vanished_order_fails_the_run(self):
        rc, err, no = self.run_tampered([
            "DELETE FROM order_events WHERE order_id = ?",
            "DELETE FROM orders WHERE id = ?"])
        self.assertEqual(rc, 1, err)
        self.assertIn(no, err)


if __name__ == "__main__":
    unittest.main()
