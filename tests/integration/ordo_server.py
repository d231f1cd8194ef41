"""Helpers for the HTTP integration tests: a real `ordo serve` on port 0 in a temporary
directory, API tokens, a small JSON client, seed data and a base TestCase.

Python 3 standard library, and Debian's python3-jsonschema for the response check. The binary comes from $ORDO_BIN (CTest sets it); when unset,
<repo>/build/ordo is used if it exists, otherwise the tests are skipped.

Set ORDO_KEEP_DATA=1 to keep the data and log directories of every server for inspection.

Every JSON response a server's clients receive is checked against that server's published
OpenAPI document (openapi_check.py): an undocumented field, a missing required one or a wrong
type fails the request that got it, naming the path, the status and the JSON pointer. Set
ORDO_CHECK_RESPONSES=0 to turn the check off while investigating something else.
"""

import copy
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid

from query_plans import check_statement_plans

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0
CLI_TIMEOUT_S = 60.0
HTTP_TIMEOUT_S = 60.0

# Set to a file name, the response check counts fields there instead of failing (the census of
# fields seen in live responses and missing from the document).
CENSUS_PATH = os.environ.get("ORDO_RESPONSE_CENSUS")
_census_lock = threading.Lock()

READY_LINE = re.compile(r"^ordo: listening on http://127\.0\.0\.1:(\d+)\s*$")

# The address detail every valid order uses (a number with 号 / 楼 / 室 markers).
VALID_DETAIL = "世纪大道100号 8楼 801室"

# Stock movements are applied per request; a few reads may race a just-finished write, but the
# contract says a response is sent only once the change is durable, so reads after a response
# must see it. No sleeps anywhere in the suite rely on timing.


def ordo_bin():
    """The server binary: $ORDO_BIN, else build/ordo, else skip."""
    path = os.environ.get("ORDO_BIN")
    if path:
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise RuntimeError(f"ORDO_BIN={path!r} is not an executable file")
        return path
    default = os.path.join(REPO_ROOT, "build", "ordo")
    if os.path.isfile(default) and os.access(default, os.X_OK):
        return default
    raise unittest.SkipTest("ORDO_BIN is not set and build/ordo does not exist")


def pdf_text(body):
    """The text of a PDF as `pdftotext -layout` lays it out (the test is skipped without it)."""
    if shutil.which("pdftotext") is None:
        raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(body)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], check=True,
                              capture_output=True, timeout=60).stdout.decode("utf-8")


def unique(prefix="it"):
    """A short unique identifier, valid as a SKU / warehouse code or external id."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def unique_detail(street):
    """An address detail of its own on `street`, with a house number in digits.

    A detail must name a number to be precise (address_incomplete): a suffix of hex letters
    alone ("黑名单路abcdef号") would hold the order for a person about once in 360 runs.
    """
    return f"{street}{uuid.uuid4().int % 10**8}号"


_phone_lock = threading.Lock()
_phones_used = set()


def unique_phone():
    """A fresh mainland mobile number: 139 + 8 random digits, never the same twice per run."""
    with _phone_lock:
        while True:
            phone = "139" + f"{uuid.uuid4().int % 10**8:08d}"
            if phone not in _phones_used:
                _phones_used.add(phone)
                return phone


def mask_phone(phone):
    """The masked form the contract shows: 138****5678."""
    return phone[:3] + "****" + phone[-4:]


def mask_name(name):
    """The masked form the contract shows for a two-character name: 张三 -> 张*."""
    return name[:1] + "*" * (len(name) - 1)


_RFC3339 = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


def parse_time(text):
    """An RFC 3339 timestamp as an aware datetime; raises ValueError when it is not one."""
    if not isinstance(text, str):
        raise ValueError(f"not a string: {text!r}")
    m = _RFC3339.match(text)
    if not m:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or ".0")[1:].ljust(6, "0")[:6])
    zone = m.group(8)
    if zone in ("Z", "z"):
        tz = datetime.timezone.utc
    else:
        sign = 1 if zone[0] == "+" else -1
        tz = datetime.timezone(sign * datetime.timedelta(hours=int(zone[1:3]),
                                                         minutes=int(zone[4:6])))
    return datetime.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)


def rfc3339(dt):
    """A UTC datetime as 2026-11-22T10:00:00Z."""
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------------
# HTTP client
# --------------------------------------------------------------------------------------------

class Response:
    """One HTTP response, fully read."""

    def __init__(self, method, target, status, headers, body):
        self.method = method
        self.target = target
        self.status = status
        self.headers = headers  # dict: lower-cased name -> value (last one wins)
        self.body = body  # bytes
        self._json = None
        self._json_parsed = False

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    @property
    def content_type(self):
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def json(self):
        """The parsed body, or None when it is not JSON."""
        if not self._json_parsed:
            self._json_parsed = True
            try:
                self._json = json.loads(self.body.decode("utf-8")) if self.body else None
            except (ValueError, UnicodeDecodeError):
                self._json = None
        return self._json

    def describe(self, limit=3000):
        text = self.text
        if len(text) > limit:
            text = text[:limit] + f"... ({len(self.body)} bytes)"
        return f"{self.method} {self.target} -> {self.status} {self.content_type}: {text}"

    __str__ = describe

    def __repr__(self):
        return f"<Response {self.method} {self.target} {self.status}>"


_DEFAULT = object()
_RETRYABLE = (http.client.RemoteDisconnected, http.client.CannotSendRequest,
              http.client.BadStatusLine, BrokenPipeError, ConnectionResetError,
              ConnectionAbortedError)


class Client:
    """A small JSON client: one keep-alive http.client connection per thread.

    `address` is a callable returning (host, port), so a client follows its server across
    restarts (a new port drops the thread's old connection).
    """

    def __init__(self, address, token=None, timeout=HTTP_TIMEOUT_S, checker=None):
        self._address = address
        self.token = token
        self.timeout = timeout
        # Called with every Response; raises when the response departs from the document.
        self.checker = checker
        self._local = threading.local()
        self._all = []  # every connection opened, from any thread, for close_all()
        self._all_lock = threading.Lock()

    def _connection(self):
        host, port = self._address()
        conn = getattr(self._local, "conn", None)
        if conn is not None and (conn.host, conn.port) != (host, port):
            conn.close()
            conn = None
        if conn is None:
            conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
            conn.ordo_used = False
            self._local.conn = conn
            with self._all_lock:
                self._all = [c for c in self._all if c.sock is not None]
                self._all.append(conn)
        return conn

    def connect(self):
        """Opens this thread's connection now (e.g. before a barrier)."""
        conn = self._connection()
        if conn.sock is None:
            conn.connect()

    def close(self):
        """Closes this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def close_all(self):
        """Closes the connections of every thread (they reopen on their next request)."""
        with self._all_lock:
            conns, self._all = self._all, []
        for c in conns:
            c.close()

    def request(self, method, path, body=_DEFAULT, *, raw=None, query=None, headers=None,
                token=_DEFAULT, idempotency_key=None, if_match=None):
        """Sends one request and returns a Response.

        body: a JSON-serialisable object; raw: bytes/str sent as is (with a JSON content type
        unless headers say otherwise); query: dict or list of pairs; token: overrides the
        client's token (None sends no Authorization header).
        """
        target = path
        if query:
            items = query.items() if isinstance(query, dict) else query
            items = [(k, v) for k, v in items if v is not None]
            if items:
                target += ("&" if "?" in path else "?") + urllib.parse.urlencode(items)
        hdrs = {"Accept": "application/json"}
        data = None
        if raw is not None:
            data = raw.encode("utf-8") if isinstance(raw, str) else raw
            hdrs["Content-Type"] = "application/json"
        elif body is not _DEFAULT:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        elif method in ("POST", "PUT", "PATCH"):
            data = b""
        tok = self.token if token is _DEFAULT else token
        if tok:
            hdrs["Authorization"] = f"Bearer {tok}"
        if idempotency_key is not None:
            hdrs["Idempotency-Key"] = idempotency_key
        if if_match is not None:
            hdrs["If-Match"] = if_match
        if headers:
            for k, v in headers.items():
                if v is None:
                    hdrs.pop(k, None)
                else:
                    hdrs[k] = v
        for attempt in (0, 1):
            conn = self._connection()
            reused = conn.ordo_used
            try:
                conn.request(method, target, body=data, headers=hdrs)
                resp = conn.getresponse()
                payload = resp.read()
            except _RETRYABLE:
                # A keep-alive connection the server had already closed: retry once on a fresh
                # connection. A fresh connection failing is a real error.
                self.close()
                if attempt == 0 and reused:
                    continue
                raise
            except Exception:
                self.close()
                raise
            conn.ordo_used = True
            result = Response(method, target, resp.status,
                              {k.lower(): v for k, v in resp.getheaders()}, payload)
            if resp.will_close:
                self.close()
            if self.checker is not None:
                self.checker(result)
            return result
        raise AssertionError("unreachable")

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=_DEFAULT, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path, body=_DEFAULT, **kw):
        return self.request("PATCH", path, body, **kw)


# --------------------------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------------------------

class ServerError(AssertionError):
    pass


class OrdoServer:
    """One `ordo serve` process on 127.0.0.1:0 with its own data directory."""

    def __init__(self, name="ordo", data_dir=None):
        self.bin = ordo_bin()
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        self.log_dir = tempfile.mkdtemp(prefix=f"ordo-it-{safe}-logs-")
        self.data_dir = data_dir or tempfile.mkdtemp(prefix=f"ordo-it-{safe}-data-")
        self.host = "127.0.0.1"
        self.port = None
        self.proc = None
        self.starts = 0
        self.stdout_lines = []
        self.log_path = None
        self._log = None
        self._reader = None
        self._tokens = 0
        self._clients = []
        # Further `ordo serve` arguments (e.g. --test-clock now) and environment variables (e.g.
        # ORDO_PAYMENT_SECRET_ALIPAY); read at every start.
        self.extra_args = []
        self.extra_env = {}
        # The response check: validators built once from this server's OpenAPI document, and
        # every departure seen, with the thread that saw it (OrdoTestCase.tearDown).
        self.check_responses = os.environ.get("ORDO_CHECK_RESPONSES", "1") != "0"
        self._checker = None
        self._checker_lock = threading.Lock()
        self.schema_violations = []

    # -- life cycle -------------------------------------------------------------------------

    def start(self):
        if self.running:
            raise ServerError("server already running")
        self.starts += 1
        self.log_path = os.path.join(self.log_dir, f"server-{self.starts}.log")
        self._log = open(self.log_path, "wb")
        self.stdout_lines = []
        self.port = None
        # Every statement the store prepares is logged, and its plan checked at a clean stop.
        self.statement_log = os.path.join(self.log_dir, f"statements-{self.starts}.jsonl")
        cmd = [self.bin, "serve", "--data", self.data_dir, "--listen", "127.0.0.1:0",
               "--statement-log", self.statement_log, *self.extra_args]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log, env={**os.environ, **self.extra_env})
        ready = threading.Event()
        port_box = []
        proc = self.proc
        lines = self.stdout_lines

        def read_stdout():
            for raw in proc.stdout:
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                lines.append(line)
                m = READY_LINE.match(line)
                if m and not port_box:
                    port_box.append(int(m.group(1)))
                    ready.set()
            ready.set()  # EOF: the process closed stdout (probably exited)

        self._reader = threading.Thread(target=read_stdout, name="ordo-stdout", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not port_box:
            if ready.wait(timeout=0.1) and not port_box:
                # stdout closed without the ready line: give the process a moment to exit.
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
                break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                break
        if not port_box:
            rc = self.proc.poll()
            if rc is None:
                self.proc.kill()
                self.proc.wait()
                why = f"did not print the ready line within {READY_TIMEOUT_S:.0f} s"
            else:
                why = f"exited with code {rc} before it was ready"
            raise ServerError(f"ordo serve {why}\n{self.diagnostics()}")
        self.port = port_box[0]
        return self

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def address(self):
        if self.port is None:
            raise ServerError("server is not started")
        return (self.host, self.port)

    def stop(self, timeout=STOP_TIMEOUT_S):
        """SIGTERM, wait, and assert a clean exit (code 0)."""
        if self.proc is None:
            return None
        if self.proc.poll() is not None:
            rc = self.proc.returncode
            self._after_exit()
            if rc != 0:
                raise ServerError(f"ordo serve had already exited with code {rc}\n"
                                  f"{self.diagnostics()}")
            return rc
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self._after_exit()
            raise ServerError(f"ordo serve did not stop within {timeout:.0f} s of SIGTERM\n"
                              f"{self.diagnostics()}")
        self._after_exit()
        if rc != 0:
            raise ServerError(f"ordo serve exited with code {rc} after SIGTERM (expected 0)\n"
                              f"{self.diagnostics()}")
        self.check_query_plans()
        return rc

    def check_query_plans(self):
        """Fails when a statement this server prepared scans a growing table (query_plans.py)."""
        problems = check_statement_plans(os.path.join(self.data_dir, "ordo.db"),
                                         self.statement_log)
        if problems:
            raise ServerError(f"{len(problems)} statement(s) scan a table that grows with the "
                              "orders:\n" + "\n".join(problems))

    def kill9(self):
        """SIGKILL: no chance to flush anything that was not durable."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self._after_exit()

    def restart(self):
        """Stops (cleanly) if running and starts again on the same data directory."""
        if self.running:
            self.stop()
        return self.start()

    def _after_exit(self):
        for c in self._clients:
            c.close_all()
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    def cleanup(self):
        """Kills the process if it still runs and removes the directories."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._after_exit()
        if os.environ.get("ORDO_KEEP_DATA"):
            print(f"\n[ordo-it] kept data in {self.data_dir}, logs in {self.log_dir}")
            return
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.rmtree(self.log_dir, ignore_errors=True)

    def assert_running(self):
        if not self.running:
            rc = None if self.proc is None else self.proc.returncode
            raise ServerError(f"ordo serve is not running (exit code {rc})\n{self.diagnostics()}")

    # -- diagnostics ------------------------------------------------------------------------

    def log_tail(self, lines=60):
        if not self.log_path or not os.path.exists(self.log_path):
            return "(no log)"
        with open(self.log_path, "rb") as f:
            data = f.read()[-20000:].decode("utf-8", errors="replace")
        return "\n".join(data.splitlines()[-lines:])

    def diagnostics(self):
        out = "\n".join(self.stdout_lines[-10:])
        return (f"--- ordo serve stdout (last lines) ---\n{out}\n"
                f"--- ordo serve stderr ({self.log_path}) ---\n{self.log_tail()}\n---")

    # -- tokens and clients -----------------------------------------------------------------

    def token(self, role, name=None):
        """`ordo token create`: a new token for `role` (name defaults to a unique one)."""
        self._tokens += 1
        if name is None:
            name = f"it-{role}-{self._tokens}-{uuid.uuid4().hex[:6]}"
        cmd = [self.bin, "token", "create", "--data", self.data_dir, "--role", role,
               "--name", name]
        try:
            res = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                 timeout=CLI_TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise ServerError(f"{' '.join(cmd)} timed out after {CLI_TIMEOUT_S:.0f} s") from e
        out = res.stdout.decode("utf-8", errors="replace").strip()
        if res.returncode != 0 or not out or any(c.isspace() for c in out):
            raise ServerError(
                f"{' '.join(cmd)} -> exit {res.returncode}; expected the token alone on stdout\n"
                f"stdout: {res.stdout!r}\nstderr: {res.stderr.decode('utf-8', 'replace')}")
        return out

    def response_checker(self):
        """The ResponseChecker of this server's document, fetched and built on first use."""
        with self._checker_lock:
            if self._checker is None:
                from openapi_check import ResponseChecker
                client = Client(self.address)
                try:
                    resp = client.get("/api/v1/openapi.json")
                finally:
                    client.close()
                if resp.status != 200 or not isinstance(resp.json, dict):
                    raise ServerError(f"no OpenAPI document to check responses with: "
                                      f"{resp.describe(500)}")
                self._checker = ResponseChecker(resp.json)
            return self._checker

    def check_response(self, resp):
        """Raises SchemaViolation when `resp` departs from the server's OpenAPI document."""
        if not self.check_responses or resp.content_type not in ("application/json",
                                                                 "application/problem+json"):
            return
        from openapi_check import SchemaViolation
        body = resp.json
        if CENSUS_PATH and body is not None:
            self._count_fields(resp, body)
            return
        if body is None and resp.body:
            problems = [f"{resp.method} {resp.target} -> {resp.status}: the body is not JSON"]
        else:
            problems = self.response_checker().check(resp.method, resp.target, resp.status,
                                                     resp.content_type, body)
        if problems:
            self.schema_violations.append((threading.get_ident(), problems))
            raise SchemaViolation("the response departs from the OpenAPI document:\n  " +
                                  "\n  ".join(problems) + f"\n{resp.describe(1500)}")

    def _count_fields(self, resp, body):
        """ORDO_RESPONSE_CENSUS=FILE: appends the fields this response carries and those the
        document lacks to FILE (one JSON line each) instead of failing."""
        from openapi_check import census
        key, seen, missing = census(self.response_checker(), resp.method, resp.target,
                                    resp.status, resp.content_type, body)
        line = json.dumps({"op": key, "seen": sorted(seen), "missing": sorted(missing)})
        with _census_lock, open(CENSUS_PATH, "a", encoding="utf-8") as f:
            f.write(line + "\n")

    def client(self, token=None):
        """A client that follows this server across restarts; its connections are closed
        when the server stops. Every JSON response it receives is checked against the
        server's OpenAPI document (check_response)."""
        c = Client(self.address, token, checker=self.check_response)
        self._clients.append(c)
        return c


# --------------------------------------------------------------------------------------------
# Seed data
# --------------------------------------------------------------------------------------------

class SeedError(AssertionError):
    pass


def expect(resp, *statuses, what=""):
    """Returns resp.json when resp.status is one of `statuses`, else raises with the body."""
    if resp.status not in statuses:
        raise SeedError(f"{what or 'request'}: expected HTTP {'/'.join(map(str, statuses))}, "
                        f"got {resp.describe()}")
    return resp.json


def settings_etag(client, path="/api/v1/settings"):
    """The settings' ETag as `client` reads it (None when it may not read them)."""
    resp = client.get(path)
    return resp.header("ETag") if resp.status == 200 else None


def patch_settings(client, body=_DEFAULT, **kw):
    """PATCH /api/v1/settings with If-Match: the settings' ETag as they are now."""
    etag = settings_etag(client)
    headers = dict(kw.pop("headers", None) or {})
    if etag is not None:
        headers.setdefault("If-Match", etag)
    return client.patch("/api/v1/settings", body, headers=headers, **kw)


def put_carriers(client, body=_DEFAULT, **kw):
    """PUT /api/v1/carriers with If-Match: the settings' ETag as they are now."""
    etag = settings_etag(client, "/api/v1/carriers")
    headers = dict(kw.pop("headers", None) or {})
    if etag is not None:
        headers.setdefault("If-Match", etag)
    return client.request("PUT", "/api/v1/carriers", body, headers=headers, **kw)


def create_warehouse(client, code=None, name="集成测试仓"):
    code = code or unique("WH")
    body = {"code": code, "name": name,
            "address": {"province": "上海市", "city": "上海市", "district": "嘉定区",
                        "detail": "安亭镇墨玉路185号 3号楼"}}
    expect(client.post("/api/v1/warehouses", body), 201, what=f"create warehouse {code}")
    return code


def sku_body(code=None, *, name="西湖龙井", spec="500g", price_amount=6600, weight_g=520,
             step_quantity=1, min_quantity=1, sellable=True):
    return {"sku": code or unique("SKU"), "name": name, "spec": spec,
            "price_amount": price_amount, "weight_g": weight_g,
            "step_quantity": step_quantity, "min_quantity": min_quantity, "sellable": sellable}


def create_sku(client, code=None, **fields):
    """Creates a SKU; returns the body sent (a dict with "sku", "price_amount", …)."""
    body = sku_body(code, **fields)
    expect(client.post("/api/v1/skus", body), 201, what=f"create SKU {body['sku']}")
    return body


def receive_stock(client, warehouse, sku, quantity, reason="integration test receipt"):
    body = {"warehouse": warehouse, "sku": sku, "quantity": quantity, "reason": reason}
    return expect(client.post("/api/v1/stock/receipts", body), 201,
                  what=f"receive {quantity} x {sku} into {warehouse}")


def stock_of(client, sku):
    """GET /api/v1/stock/{sku} as a dict (raises on a non-200)."""
    return expect(client.get(f"/api/v1/stock/{urllib.parse.quote(sku)}"), 200,
                  what=f"stock of {sku}")


def seed_sku_with_stock(client, warehouse, quantity, **fields):
    """A new SKU with `quantity` units received into `warehouse` (none when quantity is 0)."""
    sku = create_sku(client, **fields)
    if quantity:
        receive_stock(client, warehouse, sku["sku"], quantity)
    return sku


def line(sku, quantity, unit_price_amount=None):
    """An order line for `sku` (a dict from create_sku, or a code plus an explicit price)."""
    if isinstance(sku, dict):
        code = sku["sku"]
        price = sku["price_amount"] if unit_price_amount is None else unit_price_amount
    else:
        code, price = sku, unit_price_amount
    out = {"sku": code, "quantity": quantity}
    if price is not None:
        out["unit_price_amount"] = price
    return out


def order_body(lines, *, channel="web", external_id=None, payment_method="online",
               customer_name="张三", consignee_name=None, phone=None,
               consignee_phone=None, member_id=None, detail=VALID_DETAIL,
               service="standard", **extra):
    """A valid order body (api.md's example) with a unique external id.

    `lines` is a list of line(...) dicts or (sku, quantity) tuples. The phone and member id
    default to fresh ones, so that no two orders look like the same buyer ordering the same
    items twice (which the server may hold as a probable duplicate).
    """
    phone = phone or unique_phone()
    member_id = member_id or unique("m")
    built = []
    for ln in lines:
        built.append(line(*ln) if isinstance(ln, tuple) else copy.deepcopy(ln))
    body = {
        "channel": channel,
        "external_id": external_id or unique("EXT"),
        "customer": {"member_id": member_id, "name": customer_name, "phone": phone},
        "consignee": {"name": consignee_name or customer_name,
                      "phone": consignee_phone or phone,
                      "address": {"province": "上海市", "city": "上海市",
                                  "district": "浦东新区", "detail": detail}},
        "lines": built,
        "payment_method": payment_method,
        "shipping": {"service": service},
        "buyer_note": "",
        "occasion_date": None,
    }
    body.update(extra)
    return body


def order_total(body, catalogue=None):
    """The expected total_amount of an order body in fen."""
    return sum(ln["quantity"] * ln["unit_price_amount"] for ln in body["lines"])


def payment_body(order, amount=None, transaction_id=None, provider="alipay"):
    return {"provider": provider, "transaction_id": transaction_id or unique("TXN"),
            "amount": order["total_amount"] if amount is None else amount}


# --------------------------------------------------------------------------------------------
# Base test case
# --------------------------------------------------------------------------------------------

class OrdoTestCase(unittest.TestCase):
    """Starts one server per class (setUpClass) with an admin token; stops it cleanly at the
    end and asserts exit code 0. Subclasses seed data in `seed_class`."""

    server = None
    admin = None
    maxDiff = 8000
    # Automatic review (REV-3) approves a clean paid order at once. Classes about the manual
    # steps of the life cycle turn it off so that they keep driving review themselves; the
    # classes about review (test_review.py) leave it on.
    auto_review = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = OrdoServer(cls.__name__)
        cls.server.extra_args = list(cls.server_args(cls.server))
        cls.addClassCleanup(cls.server.cleanup)
        cls.server.start()
        cls.admin_token = cls.server.token("admin", f"it-admin-{cls.__name__}")
        cls.admin = cls.server.client(cls.admin_token)
        if not cls.auto_review:
            expect(patch_settings(cls.admin, {"auto_review": False}), 200,
                   what="turning automatic review off")
        cls.seed_class()

    @classmethod
    def seed_class(cls):
        pass

    @classmethod
    def server_args(cls, server):
        """Further `ordo serve` arguments for this class's server (it is not started yet; its
        data directory exists)."""
        return []

    @classmethod
    def tearDownClass(cls):
        try:
            if cls.server is not None:
                cls.server.stop()  # asserts exit code 0
        finally:
            super().tearDownClass()

    def setUp(self):
        self.server.assert_running()
        self._violations_seen = len(self.server.schema_violations)

    def tearDown(self):
        # A crash during a test should be reported as such, with the server's log.
        if not self.server.running and self.server.proc is not None \
                and self.server.proc.returncode not in (None, 0, -signal.SIGKILL):
            self.fail(f"server died during the test\n{self.server.diagnostics()}")
        # A departure from the document raised in another thread may have been swallowed
        # there: it fails the test all the same.
        main = threading.get_ident()
        others = [p for thread, problems in self.server.schema_violations[self._violations_seen:]
                  if thread != main for p in problems]
        if others:
            self.fail("responses departed from the OpenAPI document in worker threads:\n  " +
                      "\n  ".join(others[:20]))

    # -- convenience ------------------------------------------------------------------------

    def client(self, token=None):
        return self.server.client(token)

    def new_warehouse(self):
        return create_warehouse(self.admin)

    def new_sku(self, warehouse, quantity, **fields):
        return seed_sku_with_stock(self.admin, warehouse, quantity, **fields)

    def place(self, body, client=None, expect_status=201):
        resp = (client or self.admin).post("/api/v1/orders", body)
        self.assertStatus(resp, expect_status, f"placing order {body.get('external_id')}")
        order = resp.json
        self.assertIsInstance(order, dict, resp.describe())
        return order

    def get_order(self, order_no, client=None):
        resp = (client or self.admin).get(f"/api/v1/orders/{order_no}")
        self.assertStatus(resp, 200, f"reading order {order_no}")
        return resp.json

    def events(self, order_no, client=None):
        resp = (client or self.admin).get(f"/api/v1/orders/{order_no}/events")
        self.assertStatus(resp, 200, f"reading events of {order_no}")
        data = resp.json.get("data") if isinstance(resp.json, dict) else None
        self.assertIsInstance(data, list, f"events must be {{\"data\": [...]}}: {resp.describe()}")
        return data

    def act(self, order_no, action, body=None, client=None, expect_status=200, **kw):
        """POST /api/v1/orders/{order_no}/{action}; returns the Response after checking status."""
        resp = (client or self.admin).post(f"/api/v1/orders/{order_no}/{action}",
                                           {} if body is None else body, **kw)
        self.assertStatus(resp, expect_status, f"{action} on {order_no}")
        return resp

    def scans(self, order_no, warehouse=None):
        """What the order's parcel of `warehouse` (its only one when None) holds, as scans."""
        order = self.get_order(order_no)
        scans = {}
        for ln in order["lines"]:
            for allocation in ln.get("allocations", []):
                if warehouse is None or allocation["warehouse"] == warehouse:
                    scans[ln["sku"]] = scans.get(ln["sku"], 0) + allocation["quantity"]
        return [{"sku": sku, "quantity": quantity} for sku, quantity in scans.items() if quantity]

    def verify(self, order_no, client=None, warehouse=None):
        """Scans the parcel correctly at the packing desk (packing waits for it by default)."""
        body = {"scans": self.scans(order_no, warehouse)}
        if warehouse:
            body["warehouse"] = warehouse
        resp = (client or self.admin).post(f"/api/v1/orders/{order_no}/verify", body)
        self.assertStatus(resp, 200, f"verifying {order_no}")
        return resp

    def pack(self, order_no, body, client=None, expect_status=200):
        """Verifies the parcel's scans, then packs it with `body` ({"weight_g", …})."""
        self.verify(order_no, client=client, warehouse=body.get("warehouse"))
        return self.act(order_no, "pack", body, client=client, expect_status=expect_status)

    @classmethod
    def load_waybill_ranges(cls, carriers=("ZTO", "YTO", "JD", "SF"), size=100000):
        """Waybill numbers for each carrier, printed CARRIER + 10 digits (for seed_class)."""
        for carrier in carriers:
            expect(cls.admin.post("/api/v1/waybill-ranges", {
                "carrier": carrier, "prefix": carrier, "first_no": 1, "last_no": size,
                "digits": 10, "note": "integration tests"}), 201,
                what=f"loading waybill numbers of {carrier}")

    def stock(self, sku):
        code = sku["sku"] if isinstance(sku, dict) else sku
        resp = self.admin.get(f"/api/v1/stock/{urllib.parse.quote(code)}")
        self.assertStatus(resp, 200, f"reading stock of {code}")
        return resp.json

    def find_by_external_id(self, external_id, client=None):
        """Orders whose external_id is exactly `external_id`, found through ?q=."""
        resp = (client or self.admin).get("/api/v1/orders",
                                          query={"q": external_id, "limit": 200})
        self.assertStatus(resp, 200, f"searching q={external_id}")
        data = resp.json.get("data")
        self.assertIsInstance(data, list, resp.describe())
        return [o for o in data if o.get("external_id") == external_id]

    def list_all(self, query, client=None, page_size=200, max_pages=1000):
        """Every order matching `query`, following next_cursor; returns (orders, pages)."""
        out, pages, cursor = [], 0, None
        while True:
            q = dict(query)
            q["limit"] = page_size
            if cursor is not None:
                q["cursor"] = cursor
            resp = (client or self.admin).get("/api/v1/orders", query=q)
            self.assertStatus(resp, 200, f"listing orders {q}")
            body = resp.json
            self.assertIsInstance(body.get("data"), list, resp.describe())
            self.assertIn("next_cursor", body, f"list responses carry next_cursor: "
                                                f"{resp.describe(500)}")
            out.extend(body["data"])
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                return out, pages
            self.assertIsInstance(cursor, str, resp.describe(500))
            self.assertLess(pages, max_pages, "pagination does not end")

    # -- assertions -------------------------------------------------------------------------

    def assertStatus(self, resp, expected, what=""):
        allowed = expected if isinstance(expected, (tuple, list, set)) else (expected,)
        if resp.status not in allowed:
            self.fail(f"{what + ': ' if what else ''}expected HTTP "
                      f"{'/'.join(map(str, allowed))}, got {resp.describe()}")

    def assertProblem(self, resp, status, code, what=""):
        """An RFC 9457 problem with the given HTTP status and stable code."""
        self.assertStatus(resp, status, what)
        prefix = f"{what + ': ' if what else ''}"
        self.assertEqual(resp.content_type, "application/problem+json",
                         f"{prefix}errors are application/problem+json: {resp.describe()}")
        body = resp.json
        self.assertIsInstance(body, dict, f"{prefix}problem body is a JSON object: "
                                          f"{resp.describe()}")
        self.assertEqual(body.get("status"), status, f"{prefix}problem.status: {resp.describe()}")
        self.assertEqual(body.get("code"), code, f"{prefix}problem.code: {resp.describe()}")
        return body

    def assertFieldError(self, resp, field, code, what=""):
        """422 validation_failed naming `field` with `code` among its errors."""
        body = self.assertProblem(resp, 422, "validation_failed", what)
        errors = body.get("errors")
        self.assertIsInstance(errors, list, f"{what}: 422 carries errors[]: {resp.describe()}")
        pairs = [(e.get("field"), e.get("code")) for e in errors if isinstance(e, dict)]
        self.assertIn((field, code), pairs,
                      f"{what + ': ' if what else ''}expected error {field}/{code} in "
                      f"{pairs}: {resp.describe()}")
        for e in errors:
            self.assertTrue(isinstance(e.get("message"), str) and e["message"],
                            f"every field error has a message: {resp.describe()}")
        return body

    def assertEtag(self, resp, what=""):
        body = resp.json
        self.assertIsInstance(body, dict, resp.describe())
        self.assertIsInstance(body.get("version"), int, f"version is an int: {resp.describe()}")
        self.assertEqual(resp.header("etag"), f'"{body["version"]}"',
                         f"{what + ': ' if what else ''}ETag carries the version: "
                         f"headers={resp.headers} body={resp.describe(800)}")

    def assertStock(self, sku, on_hand, reserved, what=""):
        st = self.stock(sku)
        got = {k: st.get(k) for k in ("on_hand", "reserved", "available")}
        want = {"on_hand": on_hand, "reserved": reserved, "available": on_hand - reserved}
        self.assertEqual(got, want, f"{what + ': ' if what else ''}stock totals of "
                                    f"{sku['sku'] if isinstance(sku, dict) else sku}: {st}")
        wh = st.get("warehouses")
        self.assertIsInstance(wh, list, f"stock has warehouses[]: {st}")
        for k in ("on_hand", "reserved", "available"):
            self.assertEqual(sum(w.get(k, 0) for w in wh), st[k],
                             f"per-warehouse {k} adds up to the total: {st}")
        return st


# --------------------------------------------------------------------------------------------
# The books: every yuan balances
# --------------------------------------------------------------------------------------------

PAID_IN_FULL = ("paid", "partially_refunded", "refunded", "cod_collected")
AT_OR_PAST_THE_WAREHOUSE = ("picking", "packed", "shipped", "delivered", "completed")


def _all_pages(client, path, query):
    out, cursor = [], None
    for _ in range(1000):
        q = dict(query, limit=200)
        if cursor is not None:
            q["cursor"] = cursor
        body = expect(client.get(path, query=q), 200, what=f"GET {path} {q}")
        out.extend(body["data"])
        cursor = body.get("next_cursor")
        if cursor is None:
            return out
    raise AssertionError(f"GET {path}: pagination does not end")


def order_books(client, order_no):
    """The money of one order as three independent records tell it: the order itself (its
    paid / kept / refunded / due / owed figures), the payments finance sees
    (GET /payments?order_no=) and the refunds (GET /refunds?order_no=). `client` needs
    orders:read and finance:read (admin or finance)."""
    order = expect(client.get(f"/api/v1/orders/{order_no}"), 200, what=f"order {order_no}")
    payments = _all_pages(client, "/api/v1/payments", {"order_no": order_no})
    refunds = _all_pages(client, "/api/v1/refunds", {"order_no": order_no})
    return order, payments, refunds


def money_problems(order, payments, refunds):
    """What is wrong with one order's books, as sentences (empty when every yuan balances):
      - paid = kept + refunded + due, none negative;
      - paid is what the payments list received, refunded what the refunds list owes back
        (every refund but a rejected one);
      - an order that ended (closed, cancelled) keeps nothing and holds nothing: all of it was
        refunded; a completed or paid order holds nothing it does not keep or refund;
      - money is held (due) only while the order waits for the balance of a short payment;
      - nothing ships unpaid: an online order at or past the warehouse owes nothing."""
    no, status = order["order_no"], order["status"]
    paid, kept = order["paid_amount"], order["kept_amount"]
    refunded, due, owed = order["refunded_amount"], order["due_amount"], order["owed_amount"]
    problems = []

    def say(text):
        problems.append(f"order {no} ({status}, {order['payment_status']}): {text}")

    if paid != kept + refunded + due:
        say(f"paid {paid} != kept {kept} + refunded {refunded} + due {due}")
    for name in ("paid_amount", "kept_amount", "refunded_amount", "due_amount", "owed_amount"):
        if order[name] < 0:
            say(f"{name} is negative: {order[name]}")
    received = sum(p["amount"] for p in payments if p["outcome"] != "failed")
    if received != paid:
        say(f"the payments list received {received}, the order says paid {paid}")
    owed_back = sum(r["amount"] for r in refunds if r["status"] != "rejected")
    if owed_back != refunded:
        say(f"the refunds list owes back {owed_back}, the order says refunded {refunded}")
    if status in ("closed", "cancelled") and (kept != 0 or due != 0):
        say(f"ended but keeps {kept} and holds {due}: it must all be refunded")
    if (status == "completed" or order["payment_status"] in PAID_IN_FULL) and due != 0:
        say(f"holds {due} it neither keeps nor refunds")
    if due != 0 and status != "pending_payment":
        say(f"holds {due} outside of waiting for a balance")
    if order["payment_method"] == "online" and status in AT_OR_PAST_THE_WAREHOUSE and owed != 0:
        say(f"is {status} while still owing {owed}: nothing ships unpaid")
    return problems


class MoneyBooksMixin:
    """assertBooksBalance for an OrdoTestCase: checks every order named (or every order of the
    server) with money_problems. The class sets `warehouse` and `finance` clients for the
    helpers that follow an order's money through the warehouse and finance."""

    def ship(self, order_no, weight_g):
        """Picks, verifies, packs at `weight_g` and ships with SF; the shipped order."""
        self.act(order_no, "pick", client=self.warehouse)
        self.pack(order_no, {"weight_g": weight_g}, client=self.warehouse)
        return self.act(order_no, "ship", {"carrier": "SF", "tracking_no": unique("SF")},
                        client=self.warehouse).json

    def refunds(self, order_no):
        """The order's refunds as finance lists them."""
        resp = self.finance.get("/api/v1/refunds", query={"order_no": order_no})
        self.assertStatus(resp, 200, "refunds")
        return resp.json["data"]

    def all_order_nos(self, client=None):
        orders = _all_pages(client or self.admin, "/api/v1/orders", {})
        return [o["order_no"] for o in orders]

    def assertBooksBalance(self, order_nos=None, what="", client=None):
        client = client or self.admin
        problems = []
        for no in (order_nos if order_nos is not None else self.all_order_nos(client)):
            problems.extend(money_problems(*order_books(client, no)))
        if problems:
            self.fail(f"{what + ': ' if what else ''}the books do not balance:\n  " +
                      "\n  ".join(problems))


class SignedCallbacksMixin:
    """A server with one payment provider (ALIPAY) and one carrier (SF) able to sign their
    callbacks, and helpers that post them. A class lists `callbacks_start` (the test clock's
    start) and gets its `server_args` from here."""

    callbacks_start = "2026-11-27T01:00:00Z"  # a Friday, 09:00 in Beijing
    pay_secret = f"alipay-secret-{uuid.uuid4().hex}"
    track_secret = f"sf-secret-{uuid.uuid4().hex}"

    @classmethod
    def server_args(cls, server):
        paths = []
        for name, secrets in (("payment-secrets.json", {"ALIPAY": cls.pay_secret}),
                              ("tracking-secrets.json", {"SF": cls.track_secret})):
            path = os.path.join(server.log_dir, name)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(secrets, f)
            os.chmod(path, 0o600)
            paths.append(path)
        return ["--test-clock", cls.callbacks_start, "--payment-secrets", paths[0],
                "--tracking-secrets", paths[1]]

    def _signed(self, client, path, body, secret):
        import hashlib
        import hmac
        raw = json.dumps(body).encode("utf-8")
        signature = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        return client.post(path, raw=raw, headers={"X-Ordo-Signature": signature})

    def pay(self, order_no, amount, transaction_id=None):
        """The provider's signed notice that `amount` was paid for `order_no`."""
        resp = self._signed(self.server.client(), "/api/v1/payment-callbacks/ALIPAY",
                            {"order_no": order_no, "transaction_id": transaction_id or unique("T"),
                             "amount": amount, "status": "succeeded"}, self.pay_secret)
        self.assertStatus(resp, 200, f"payment callback {order_no} {amount}")
        return resp.json

    def track(self, tracking_no, status, at=None, client=None):
        """The carrier's signed tracking event (posted with `client`, a tracking:write token)."""
        resp = self._signed(client or self.logistics, "/api/v1/tracking-events/SF",
                            {"tracking_no": tracking_no, "event_id": unique("E"),
                             "status": status, "at": at or self.callbacks_start,
                             "location": "上海"}, self.track_secret)
        self.assertStatus(resp, 200, f"tracking {tracking_no} {status}")
        return resp.json
