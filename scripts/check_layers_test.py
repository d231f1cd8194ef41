"""Tests of scripts/check_layers.py on small trees of fake sources."""

import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import check_layers  # noqa: E402


TREES = []


class Tree:
    """A fake src/ in a temporary directory (removed after each test)."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory()
        TREES.append(self.dir)
        self.src = os.path.join(self.dir.name, "src")

    def write(self, path, text):
        full = os.path.join(self.src, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text))
        return self

    def check(self):
        problems, _, _ = check_layers.check(self.src)
        return problems


def layered_tree():
    """base <- domain (order below payment) <- app; store/ and store/sqlite/ beside them."""
    return (Tree()
            .write("base/README.md", "# base\n\nMay depend on: nothing.\n")
            .write("base/status.h", "#pragma once\n#include <string>\n")
            .write("domain/README.md", "# domain\n\nMay depend on: `base/`.\n")
            .write("domain/order/README.md", "# order\n\nMay depend on: `base/`.\n")
            .write("domain/order/order.h", '#pragma once\n#include "base/status.h"\n')
            .write("domain/payment/README.md",
                   "# payment\n\nMay depend on: `domain/order/`,\n`base/` (and nothing else).\n")
            .write("domain/payment/payment.h", '#include "domain/order/order.h"\n')
            .write("store/README.md", "# store\n\nMay depend on: `domain/**`, `base/`.\n")
            .write("store/store.h", '#include "domain/payment/payment.h"\n')
            .write("store/sqlite/README.md",
                   "# sqlite\n\nMay depend on: `store/`, `domain/**`, `base/`.\n"
                   "Tests may also use: `app/`, `testing/`.\n")
            .write("store/sqlite/sqlite_store.h", '#include "store/store.h"\n')
            .write("app/README.md",
                   "# app\n\nMay depend on: `domain/**`, `store/` (the interfaces),\n`base/`.\n")
            .write("app/place_order.h", '#include "store/store.h"\n#include "domain/order/order.h"\n')
            .write("testing/README.md",
                   "# testing\n\nMay depend on: `app/`, `store/sqlite/`, `store/`, `domain/**`, "
                   "`base/`.\n")
            .write("testing/store_fixture.h", '#include "store/sqlite/sqlite_store.h"\n'))


class CheckLayersTest(unittest.TestCase):
    def tearDown(self):
        while TREES:
            TREES.pop().cleanup()

    def test_a_tree_that_keeps_its_rules_passes(self):
        tree = layered_tree()
        self.assertEqual(tree.check(), [])

    def test_an_include_against_the_rules_fails_naming_file_line_and_rule(self):
        tree = layered_tree().write("base/money.h", '#pragma once\n\n#include "app/place_order.h"\n')
        problems = tree.check()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("src/base/money.h:3:", problems[0])
        self.assertIn('"app/place_order.h"', problems[0])
        self.assertIn("src/base/README.md says May depend on: nothing.", problems[0])

    def test_a_lower_domain_area_may_not_include_a_higher_one(self):
        tree = layered_tree().write("domain/order/order.cc",
                                    '#include "domain/order/order.h"\n#include "domain/payment/payment.h"\n')
        problems = tree.check()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("src/domain/order/order.cc:2: domain/order/ may not include", problems[0])

    def test_a_folder_alone_does_not_admit_the_engines_below_it(self):
        tree = layered_tree().write("app/cancel_order.cc", '#include "store/sqlite/sqlite_store.h"\n')
        problems = tree.check()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("(store/sqlite/)", problems[0])
        self.assertIn("`store/` (the interfaces), `base/`.", problems[0])

    def test_a_sub_folder_without_a_rule_belongs_to_its_parents_layer(self):
        tree = (layered_tree()
                .write("domain/order/rules/README.md", "# rules\n\nPart of domain/order/.\n")
                .write("domain/order/rules/rule.h", '#include "domain/order/order.h"\n')
                .write("domain/order/rules/bad.h", '#include "domain/payment/payment.h"\n'))
        problems = tree.check()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("src/domain/order/rules/bad.h:1: domain/order/ may not include", problems[0])

    def test_tests_may_reach_what_their_readme_adds_and_no_further(self):
        tree = (layered_tree()
                .write("store/sqlite/sqlite_store_test.cc",
                       '#include "app/place_order.h"\n#include "testing/store_fixture.h"\n')
                .write("store/sqlite/sqlite_store.cc", '#include "app/place_order.h"\n')
                .write("app/place_order_test.cc", '#include "store/sqlite/sqlite_store.h"\n'))
        problems = tree.check()
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("src/app/place_order_test.cc:1:", problems[0])
        self.assertIn("src/store/sqlite/sqlite_store.cc:1:", problems[1])
        self.assertNotIn("Tests may also use", problems[1])

    def test_only_test_code_uses_the_fixtures(self):
        tree = (layered_tree()
                .write("app/README.md", "# app\n\nMay depend on: `domain/**`, `store/`, `testing/`, "
                       "`base/`.\n")
                .write("app/helper.h", '#include "testing/store_fixture.h"\n')
                .write("app/helper_test_util.h", '#include "testing/store_fixture.h"\n'))
        problems = tree.check()
        self.assertTrue(any("src/app/helper.h:1:" in p and "only test code" in p
                            for p in problems), problems)
        self.assertFalse(any("helper_test_util.h" in p for p in problems), problems)

    def test_an_include_that_is_not_a_path_under_src_fails(self):
        tree = layered_tree().write("app/x.cc", '#include "place_order.h"\n')
        problems = tree.check()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("src/app/x.cc:1:", problems[0])
        self.assertIn("not a path under src/", problems[0])

    def test_rules_that_form_a_cycle_fail(self):
        tree = layered_tree().write("domain/order/README.md",
                                    "# order\n\nMay depend on: `domain/payment/`, `base/`.\n")
        problems = tree.check()
        self.assertTrue(any("cycle" in p and "domain/order/ -> domain/payment/ -> domain/order/"
                            in p for p in problems), problems)

    def test_a_rule_naming_a_folder_that_is_not_a_layer_fails(self):
        tree = layered_tree().write("app/README.md", "# app\n\nMay depend on: `stores/`, `base/`.\n")
        problems = tree.check()
        self.assertTrue(any("src/app/README.md: names `stores/`" in p for p in problems), problems)

    def test_a_file_outside_every_layer_fails(self):
        tree = layered_tree().write("tools/x.cc", '#include "base/status.h"\n')
        problems = tree.check()
        self.assertTrue(any("src/tools/x.cc: no README.md" in p for p in problems), problems)

    def test_a_folder_with_sources_and_no_readme_fails(self):
        tree = layered_tree().write("app/orders/place.cc", '#include "app/place_order.h"\n')
        problems = tree.check()
        self.assertEqual(problems, ["src/app/orders/: has sources but no README.md (what is here, "
                                    "what it may depend on, where to start reading)"])
        tree.write("app/orders/README.md", "# orders\n\nPart of app/.\n")
        self.assertEqual(tree.check(), [])

    def test_the_command_exits_1_and_prints_each_problem(self):
        tree = layered_tree().write("base/money.h", '#include "domain/order/order.h"\n')
        run = subprocess.run([sys.executable, os.path.join(HERE, "check_layers.py"), tree.src],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn("src/base/money.h:1: base/ may not include", run.stdout)
        clean = subprocess.run([sys.executable, os.path.join(HERE, "check_layers.py"),
                                layered_tree().src], capture_output=True, text=True)
        self.assertEqual(clean.returncode, 0, clean.stdout)


if __name__ == "__main__":
    unittest.main()
