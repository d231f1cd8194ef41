"""The README's tour runs as written (issue: "every command in the README works").

The commands are read from README.md itself, so the README and this test cannot drift apart:
the first `sh` block after the heading "A short tour with curl" is split into shell commands
(a command ends where its quotes close and no backslash continues it), and each runs with bash,
in a directory that looks like a checkout after `make run`: `build/ordo` is the binary under
test and `data` the data directory of a `--demo` server. The only rewrites are the port
(`localhost:8080` becomes the test server's) and a `NAME=<field>` placeholder, which takes the
field from the last answer that had it (`N=<order_no>`).

What the commands do is then checked strictly: every curl answer is 2xx, the order the tour
places ends `shipped` without a hold, its history has each step once in order, its stock was
reserved and then consumed, and every endpoint the README names in its prose exists in the
OpenAPI document."""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")
TOUR_HEADING = "A short tour with curl"
STATUS_MARK = "\n@@ordo-readme-status "


def tour_block(text):
    """The lines of the first ```sh block after the tour heading."""
    start = text.index(TOUR_HEADING)
    fence = text.index("```sh", start)
    end = text.index("```", fence + 5)
    return text[fence + 5:end].strip("\n").split("\n")


def split_commands(lines):
    """Shell commands: comment and blank lines dropped, continuation lines and multi-line
    quoted strings joined."""
    commands, pending = [], ""
    for line in lines:
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending = f"{pending}\n{line}" if pending else line
        if pending.endswith("\\"):
            continue
        try:
            shlex.split(pending, comments=True)
        except ValueError:  # an open quote: the command goes on
            continue
        commands.append(pending)
        pending = ""
    if pending:
        raise AssertionError(f"the README's tour ends inside a command: {pending!r}")
    return commands


ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)
PLACEHOLDER = re.compile(r"^<([a-z_]+)>$")


class ReadmeTourTest(o.OrdoTestCase):
    auto_review = True  # the tour runs on the defaults of `make run`

    @classmethod
    def server_args(cls, server):
        return ["--demo"]

    @classmethod
    def seed_class(cls):
        cls.checkout = tempfile.mkdtemp(prefix="ordo-it-readme-")
        os.makedirs(os.path.join(cls.checkout, "build"))
        os.symlink(os.path.abspath(cls.server.bin), os.path.join(cls.checkout, "build", "ordo"))
        os.symlink(cls.server.data_dir, os.path.join(cls.checkout, "data"))
        # curl reports each answer's status after its body (curl reads $CURL_HOME/.curlrc).
        with open(os.path.join(cls.checkout, ".curlrc"), "w") as rc:
            rc.write('write-out = "' + STATUS_MARK.replace("\n", "\\n") + '%{http_code}\\n"\n')
        with open(README, encoding="utf-8") as f:
            cls.readme = f.read()

    def run_tour(self):
        """Runs every command of the tour; returns [(command, status, body)] of the curl
        calls and the shell variables the tour set."""
        commands = split_commands(tour_block(self.readme))
        self.assertGreater(len(commands), 5, "the tour has commands")
        port = str(self.server.port)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CURL_HOME": self.checkout,
               "HOME": self.checkout, "LANG": "C.UTF-8"}
        variables, answers = {}, []
        for command in commands:
            command = command.replace("localhost:8080", f"localhost:{port}")
            assignment = ASSIGNMENT.match(command)
            if assignment:
                name, value = assignment.groups()
                hole = PLACEHOLDER.match(value.strip())
                if hole:
                    variables[name] = self.last_field(answers, hole.group(1), command)
                    continue
                script = f"{command}\nprintf %s \"${name}\""
            else:
                script = command
            res = subprocess.run(["bash", "-c", "set -eu -o pipefail\n" + script],
                                 cwd=self.checkout, env={**env, **variables},
                                 capture_output=True, timeout=60)
            out = res.stdout.decode("utf-8", errors="replace")
            self.assertEqual(res.returncode, 0,
                             f"README command failed: {command}\nstdout: {out}\nstderr: "
                             f"{res.stderr.decode('utf-8', 'replace')}")
            if assignment:
                variables[assignment.group(1)] = out
                self.assertTrue(out, f"README command set nothing: {command}")
                continue
            body, mark, status = out.rpartition(STATUS_MARK)
            self.assertTrue(mark, f"not a curl call? {command}\n{out}")
            answers.append((command, int(status.strip()), body))
        return answers, variables

    def last_field(self, answers, field, command):
        for _, _, body in reversed(answers):
            try:
                value = json.loads(body).get(field)
            except (ValueError, AttributeError):
                continue
            if value:
                return str(value)
        self.fail(f"{command}: no earlier answer has {field!r}")

    def test_the_tour_runs_as_written(self):
        answers, variables = self.run_tour()
        for command, status, body in answers:
            self.assertTrue(200 <= status < 300,
                            f"README command answered {status}: {command}\n{body[:2000]}")
        self.assertIn("N", variables, "the tour names its order $N")
        order_no = variables["N"]
        order = self.get_order(order_no)
        self.assertEqual(order["status"], "shipped", order)
        self.assertFalse(order["on_hold"], f"the tour's order is not held: {order}")
        self.assertEqual(order["payment_status"], "paid", order)
        resp = self.admin.get("/api/v1/anomalies", query={"order_no": order_no})
        self.assertStatus(resp, 200)
        blocking = [c for c in resp.json["data"] if c["blocking"]]
        self.assertEqual(blocking, [], "no blocking case was opened on the tour's order")
        # Each step once, in the order the tour takes them.
        types = [e["type"] for e in self.events(order_no)]
        tour = ["created", "confirm_payment", "approve", "start_picking", "pack", "ship"]
        self.assertEqual([t for t in types if t in tour], tour, types)
        # The stock was reserved at intake and consumed at shipment: nothing is left reserved.
        for ln in order["lines"]:
            self.assertEqual(ln["quantity_reserved"], 0, ln)
            self.assertEqual(ln["quantity_shipped"], ln["quantity"], ln)
        # The order the tour placed is the one it moved along.
        placed = [json.loads(body) for command, status, body in answers
                  if status == 201 and "/api/v1/orders " in command + " "]
        self.assertEqual([p["order_no"] for p in placed], [order_no])

    def test_every_endpoint_the_readme_names_exists(self):
        spec = self.client().get("/api/v1/openapi.json").json
        routes = {(m.upper(), re.sub(r"\{[^}]+\}", "{}", path))
                  for path, ops in spec["paths"].items() for m in ops}
        named = set()
        for method, path in re.findall(r"\b(GET|POST|PATCH|PUT|DELETE)[` ]+(/api/v1/[^\s`]*)",
                                       self.readme):
            path = re.sub(r"\{[^}]+\}|\$[A-Za-z_]+", "{}", path.split("?")[0]).rstrip(".,)")
            if not path.startswith("/api/v1/ops/"):  # only with --test-clock, as it says
                named.add((method, path))
        self.assertGreater(len(named), 5, "the README names endpoints")
        for method, path in sorted(named):
            with self.subTest(f"{method} {path}"):
                self.assertIn((method, path), routes, f"README names {method} {path}")


if __name__ == "__main__":
    unittest.main()
