"""The crash loop's independent checker: it keeps what every acknowledged answer said and, after
each restart, holds the server to it.

For each order it keeps the last acknowledged state (status, version, lines, money), the path
of statuses acknowledged so far, whether the parcel's scan was acknowledged, its after-sales
case, and the one request of it in flight, if any (sent, no answer yet when the server died).
After a restart an order must be back with at least its acknowledged state: the same status,
or one that the request in flight (or a timer) could have made; a version no lower; money paid
and refunded no lower; lines whole (reserved + backordered = ordered before shipment, shipped =
ordered after); books that balance (paid = kept + refunded + due, as the payments and refunds
lists tell it too); a history whose transitions chain from pending_payment to the status now,
through every status acknowledged. An order placed but not acknowledged is either absent or
whole, and nothing else appears in the round's channel. Receipts acknowledged are in the ledger,
and no warehouse holds more reserved than it has.

Checks raise Violation with a description; the driver prints it with the seed."""

import datetime
import threading

import ordo_server as o


class Violation(AssertionError):
    pass


# The statuses an unanswered request may have left its order in (beside the one it had).
OUTCOMES = {
    "cancel": {"closed", "cancelled"},
    "pay": {"pending_review", "awaiting_fulfillment"},
    "pay_again": set(),
    "approve": {"awaiting_fulfillment"},
    "reject": {"cancelled", "closed"},
    "pick": {"picking"},
    "wave": {"picking"},
    "verify": set(),
    "resolve": set(),
    "pack": {"packed"},
    "ship": {"shipped"},
    "deliver": {"delivered"},
    "complete": {"completed"},
}
# What timers may do to an order with nobody asking: close it unpaid, confirm its receipt.
TIMERS = {"pending_payment": {"closed"}, "delivered": {"completed"}}
CASE_OUTCOMES = {"approve": "approved", "refund": "refunding", "complete": "completed"}
BEFORE_SHIPMENT = ("pending_payment", "pending_review", "awaiting_fulfillment", "picking",
                   "packed")
SHIPPED = ("shipped", "delivered", "completed")
ENDED = ("cancelled", "closed", "completed")


class Track:
    """What the checker knows of one order."""

    def __init__(self, order, channel, scarce, round_no):
        self.order_no = order["order_no"]
        self.channel = channel
        self.scarce = scarce
        self.round_no = round_no
        self.acked = order
        self.path = [order["status"]]
        self.flight = None  # the action of the request in flight
        self.verified = False
        self.case = None  # {"id", "status", "history"} as last acknowledged
        self.case_flight = None
        self.case_ever = False  # a case was opened or may have been
        self.touched = round_no
        self.resolved = set()  # abnormal cases whose resolution was acknowledged

    def adopt(self, order):
        self.acked = order
        if order["status"] != self.path[-1]:
            self.path.append(order["status"])


class Checker:

    def __init__(self):
        self.lock = threading.Lock()
        self.tracks = {}
        self.placing_now = {}  # external_id -> (body, scarce, round) of placements in flight
        self.receipts = {}  # token -> (sku, quantity, ledger id or None while in flight)
        self.round_no = 0
        self.counts = {"acknowledged": 0, "in_flight": 0, "cases": 0, "receipts": 0}
        self.next_token = 0

    # -- what the workers report -------------------------------------------------------------

    def begin_round(self, round_no):
        self.round_no = round_no
        # The ledger is read from a little before the round (the server's clock is this
        # machine's), so that a round's receipts are read whatever the ledger's length.
        started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
        self.round_started = o.rfc3339(started)

    def placing(self, body, scarce):
        with self.lock:
            self.placing_now[body["external_id"]] = (body, scarce, self.round_no)

    def placed(self, body, resp):
        order = resp.json
        with self.lock:
            del self.placing_now[body["external_id"]]
            self._same_lines(order, body["lines"], "the intake's answer")
            track = Track(order, body["channel"], body["lines"][0]["sku"].endswith("SCARCE-1"),
                          self.round_no)
            self.tracks[track.order_no] = track
            self.counts["acknowledged"] += 1
        return track.order_no

    def in_flight(self, no, action):
        with self.lock:
            track = self.tracks[no]
            track.flight = action
            track.touched = self.round_no

    def acknowledged(self, no, action, resp):
        body = resp.json
        with self.lock:
            track = self.tracks[no]
            track.flight = None
            self.counts["acknowledged"] += 1
            if action == "verify":
                track.verified = True
            if isinstance(body, dict) and "status" in body and "version" in body:
                if body["version"] < track.acked["version"]:
                    raise Violation(f"{no}: {action} answered version {body['version']} after "
                                    f"{track.acked['version']} was acknowledged")
                track.adopt(body)

    def resolved(self, no, case_id, resp):
        with self.lock:
            track = self.tracks[no]
            track.flight = None
            track.resolved.add(case_id)
            self.counts["acknowledged"] += 1
            left = [c for c in track.acked.get("hold_case_ids", []) if c != case_id]
            track.acked = dict(track.acked, hold_case_ids=left, on_hold=bool(left))

    def waved(self, waiting, resp):
        with self.lock:
            self.counts["acknowledged"] += 1
            taken = set()
            if resp.status == 201:
                taken = {w["order_no"] for w in resp.json["orders"]}
            for no in waiting:
                track = self.tracks[no]
                track.flight = None
                if no in taken and track.acked["status"] != "picking":
                    track.acked = dict(track.acked, status="picking")
                    track.path.append("picking")
            unknown = taken - set(waiting)
            if unknown:
                raise Violation(f"a wave took orders it was not offered: {sorted(unknown)}")

    def receiving(self, sku, quantity):
        with self.lock:
            self.next_token += 1
            token = f"{self.round_no}-{self.next_token}"
            self.receipts[token] = (sku, quantity, None, self.round_no)
            return token

    def received(self, token, resp):
        body = resp.json
        entry = body.get("id") if isinstance(body, dict) else None
        with self.lock:
            sku, quantity, _, round_no = self.receipts[token]
            self.receipts[token] = (sku, quantity, entry if entry is not None else True,
                                    round_no)
            self.counts["acknowledged"] += 1
            self.counts["receipts"] += 1

    def case_in_flight(self, no, action):
        with self.lock:
            track = self.tracks[no]
            track.case_flight = action
            track.case_ever = True
            track.touched = self.round_no

    def case_acknowledged(self, no, action, resp):
        with self.lock:
            track = self.tracks[no]
            track.case_flight = None
            track.case = resp.json
            self.counts["acknowledged"] += 1
            if action == "open":
                self.counts["cases"] += 1

    # -- what the workers ask ----------------------------------------------------------------

    def status(self, no):
        with self.lock:
            return self.tracks[no].acked["status"]

    def order(self, no):
        with self.lock:
            return self.tracks[no].acked

    def is_scarce(self, no):
        return self.tracks[no].scarce

    def backordered(self, no):
        with self.lock:
            return any(ln["quantity_backordered"] for ln in self.tracks[no].acked["lines"])

    def holds(self, no):
        """The abnormal cases holding the order, as last acknowledged."""
        with self.lock:
            return list(self.tracks[no].acked.get("hold_case_ids", []))

    def verified(self, no):
        with self.lock:
            return self.tracks[no].verified

    def case(self, no):
        with self.lock:
            return self.tracks[no].case

    def case_possible(self, no):
        with self.lock:
            return not self.tracks[no].case_ever

    def finished(self, no):
        with self.lock:
            return self.tracks[no].acked["status"] in ENDED

    # -- the checks after a restart ------------------------------------------------------------

    def check_round(self, admin, fixture, sample, rng):
        """Everything the round touched, a sample of the rest, the round's channel, receipts
        and stock levels."""
        self._placements_in_flight(admin)
        touched = [t for t in self.tracks.values() if t.touched == self.round_no]
        rest = [t for t in self.tracks.values() if t.touched != self.round_no]
        for track in touched:
            if track.flight is not None or track.case_flight is not None:
                self.counts["in_flight"] += 1
        for track in touched + rng.sample(rest, min(sample, len(rest))):
            self.check_order(admin, track)
        self._round_channel(admin)
        self._receipts(admin)
        self._stock_levels(admin, fixture)

    def check_everything(self, admin, fixture):
        for track in list(self.tracks.values()):
            self.check_order(admin, track)
        self._stock_levels(admin, fixture)

    def check_order(self, admin, track):
        no, want = track.order_no, track.acked
        resp = admin.get(f"/api/v1/orders/{no}")
        if resp.status == 404:
            raise Violation(f"acknowledged order {no} ({want['status']}, placed in round "
                            f"{track.round_no}) is missing after the restart")
        got = o.expect(resp, 200, what=f"reading {no}")
        where = f"order {no} (acknowledged {want['status']} v{want['version']}, in flight " \
                f"{track.flight})"
        allowed = {want["status"]} | OUTCOMES.get(track.flight, set()) | \
            TIMERS.get(want["status"], set())
        if got["status"] not in allowed:
            raise Violation(f"{where}: stored as {got['status']}, allowed {sorted(allowed)}")
        if got["version"] < want["version"]:
            raise Violation(f"{where}: stored version {got['version']} is older")
        if got["external_id"] != want["external_id"]:
            raise Violation(f"{where}: external_id {got['external_id']} != {want['external_id']}")
        self._same_lines(got, want["lines"], where)
        self._whole_lines(got, where)
        still = track.resolved & set(got.get("hold_case_ids", []))
        if still:
            raise Violation(f"{where}: held by cases {sorted(still)} whose resolution was "
                            "acknowledged")
        for name in ("paid_amount", "refunded_amount"):
            if got[name] < want[name]:
                raise Violation(f"{where}: {name} {got[name]} < acknowledged {want[name]}")
        problems = o.money_problems(*o.order_books(admin, no))
        if problems:
            raise Violation(f"{where}: the books do not balance:\n  " + "\n  ".join(problems))
        self._history(admin, track, got, where)
        self._case(admin, track, where)
        track.adopt(got)
        if track.flight == "verify":
            track.verified = False  # unknown: scanned again, which a second scan allows
        track.flight = None

    def _same_lines(self, got, lines, where):
        have = sorted((ln["sku"], ln["quantity"]) for ln in got["lines"])
        want = sorted((ln["sku"], ln["quantity"]) for ln in lines)
        if have != want:
            raise Violation(f"{where}: lines {have}, acknowledged {want}")

    def _whole_lines(self, order, where):
        status = order["status"]
        for ln in order["lines"]:
            q, r = ln["quantity"], ln["quantity_reserved"]
            b, s = ln["quantity_backordered"], ln["quantity_shipped"]
            if status in BEFORE_SHIPMENT and (r + b != q or s != 0):
                raise Violation(f"{where}: line {ln['sku']} of {q} has {r} reserved, {b} "
                                f"backordered, {s} shipped while {status}")
            if status in ("picking", "packed") and b != 0:
                raise Violation(f"{where}: line {ln['sku']} is {status} with {b} backordered")
            if status in SHIPPED and (s != q or r != 0):
                raise Violation(f"{where}: line {ln['sku']} of {q} has {s} shipped and {r} "
                                f"reserved while {status}")
            if status in ("cancelled", "closed") and r != 0:
                raise Violation(f"{where}: line {ln['sku']} still holds {r} while {status}")

    def _history(self, admin, track, got, where):
        events = o.expect(admin.get(f"/api/v1/orders/{track.order_no}/events"), 200,
                          what=f"events of {track.order_no}")["data"]
        chain = ["pending_payment"]
        for e in events:
            before, after = e.get("from_status"), e.get("to_status")
            if not before or not after or before == after:
                continue
            if before != chain[-1]:
                raise Violation(f"{where}: the history moves {before} -> {after} from "
                                f"{chain[-1]}: {[e['type'] for e in events]}")
            chain.append(after)
        if chain[-1] != got["status"]:
            raise Violation(f"{where}: the history ends at {chain[-1]}, the order is "
                            f"{got['status']}")
        it = iter(chain)
        if not all(status in it for status in track.path):
            raise Violation(f"{where}: the history {chain} leaves out an acknowledged status "
                            f"of {track.path}")

    def _case(self, admin, track, where):
        if track.case is None:
            if not track.case_ever:
                return
            # An opening in flight: either no case, or one whole case.
            listed = o.expect(admin.get("/api/v1/after-sales",
                                        query={"order_no": track.order_no}), 200)["data"]
            if len(listed) > 1:
                raise Violation(f"{where}: one opening in flight left {len(listed)} cases")
            if listed:
                track.case = o.expect(admin.get(f"/api/v1/after-sales/{listed[0]['id']}"), 200)
                self.counts["cases"] += 1
            else:
                track.case_ever = False
            track.case_flight = None
            return
        got = o.expect(admin.get(f"/api/v1/after-sales/{track.case['id']}"), 200,
                       what=f"after-sales case {track.case['id']}")
        allowed = {track.case["status"]}
        if track.case_flight in CASE_OUTCOMES:
            allowed.add(CASE_OUTCOMES[track.case_flight])
        if got["status"] not in allowed:
            raise Violation(f"{where}: after-sales case {got['id']} is {got['status']}, "
                            f"allowed {sorted(allowed)}")
        if len(got.get("history", [])) < len(track.case.get("history", [])):
            raise Violation(f"{where}: after-sales case {got['id']} lost history")
        track.case = got
        track.case_flight = None

    def _placements_in_flight(self, admin):
        for external_id, (body, scarce, round_no) in list(self.placing_now.items()):
            found = o.expect(admin.get("/api/v1/orders", query={"q": external_id}), 200)["data"]
            found = [x for x in found if x["external_id"] == external_id]
            if len(found) > 1:
                raise Violation(f"placement {external_id} in flight left {len(found)} orders")
            del self.placing_now[external_id]
            if not found:
                continue
            order = o.expect(admin.get(f"/api/v1/orders/{found[0]['order_no']}"), 200)
            where = f"order {order['order_no']} placed in flight"
            self._same_lines(order, body["lines"], where)
            self._whole_lines(order, where)
            track = Track(order, body["channel"], scarce, round_no)
            track.touched = self.round_no
            self.tracks[track.order_no] = track
            self.counts["in_flight"] += 1

    def _round_channel(self, admin):
        channel = f"soak-r{self.round_no}"
        stored = {x["order_no"] for x in o._all_pages(admin, "/api/v1/orders",
                                                     {"channel": channel})}
        known = {t.order_no for t in self.tracks.values() if t.channel == channel}
        if stored != known:
            raise Violation(f"channel {channel}: stored but never sent or found "
                            f"{sorted(stored - known)}; acknowledged but not listed "
                            f"{sorted(known - stored)}")

    def _receipts(self, admin):
        mine = [(token, r) for token, r in self.receipts.items() if r[3] == self.round_no]
        for sku in {r[0] for _, r in mine}:
            ledger = o._all_pages(admin, f"/api/v1/stock/{sku}/ledger",
                                  {"type": "receipt", "from": self.round_started})
            reasons = {e["reason"] for e in ledger}
            for token, (code, quantity, ack, _) in mine:
                if code != sku:
                    continue
                present = f"soak receipt {token}" in reasons
                if ack is not None and not present:
                    raise Violation(f"acknowledged receipt {token} of {quantity} x {sku} is not "
                                    "in the ledger")
                if ack is None:
                    self.counts["in_flight"] += 1

    def _stock_levels(self, admin, fixture):
        for sku in fixture.skus:
            stock = o.stock_of(admin, sku)
            for w in stock["warehouses"]:
                if not 0 <= w["reserved"] <= w["on_hand"]:
                    raise Violation(f"{sku} in {w['warehouse']}: {w['reserved']} reserved of "
                                    f"{w['on_hand']} on hand")

    # -- figures --------------------------------------------------------------------------------

    def figures(self):
        return dict(self.counts, orders=len(self.tracks))

    def summary(self):
        by_status = {}
        for t in self.tracks.values():
            by_status[t.acked["status"]] = by_status.get(t.acked["status"], 0) + 1
        return f"{len(self.tracks)} orders {by_status}, {self.counts}"
