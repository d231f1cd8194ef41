"""The crash loop's load: a fixture (warehouses, SKUs, waybill numbers, tokens) and the client
threads that drive orders through their life cycle.

Each worker owns a warehouse with SKUs stocked only there, so its waves take its own orders
alone and every order has exactly one driver; all workers also compete for one scarce SKU in a
shared warehouse (few units, many backorders, receipts serving the waiting orders). A worker
tells the checker before each request what it is about to do (the request is then "in flight")
and after it what the server acknowledged; the kill leaves at most one request per worker in
flight, or a wave's orders."""

import ordo_server as o

# Units of each worker's own SKUs (a receipt above 100,000 would wait for a second person).
OWN_STOCK = 100000
SCARCE_STOCK = 40
OPEN_ORDERS = 8  # a worker's orders on the go at once


class Killed(Exception):
    """The server went away under a request: the worker stops for this round."""


class Unexpected(Exception):
    """The server answered something the workload does not expect."""


class Fixture:
    """What the workers share: the server, tokens, warehouses and SKUs."""

    @classmethod
    def create(cls, server, admin, n_workers):
        f = cls()
        f.server = server
        f.admin = admin
        f.warehouse = server.client(server.token("warehouse", "soak-warehouse"))
        f.finance = server.client(server.token("finance", "soak-finance"))
        f.service = server.client(server.token("customer_service", "soak-cs"))
        o.expect(o.patch_settings(admin, {"auto_review": True}), 200, what="automatic review")
        for carrier in ("ZTO", "YTO", "JD", "SF"):
            o.expect(admin.post("/api/v1/waybill-ranges", {
                "carrier": carrier, "prefix": carrier, "first_no": 1, "last_no": 10**6,
                "digits": 10, "note": "soak"}), 201, what=f"waybill numbers of {carrier}")
        f.own = []  # per worker: (warehouse code, [sku dicts])
        for i in range(n_workers):
            wh = o.create_warehouse(admin, code=f"SOAK-W{i}", name=f"浸泡仓{i}")
            skus = [o.seed_sku_with_stock(admin, wh, OWN_STOCK, code=f"SOAK-{i}-{k}",
                                          price_amount=price, weight_g=500)
                    for k, price in enumerate((6600, 1250, 990))]
            f.own.append((wh, skus))
        f.scarce_warehouse = o.create_warehouse(admin, code="SOAK-SCARCE", name="紧俏仓")
        f.scarce = o.seed_sku_with_stock(admin, f.scarce_warehouse, SCARCE_STOCK,
                                         code="SOAK-SCARCE-1", price_amount=25800, weight_g=500)
        f.skus = {s["sku"]: s for _, skus in f.own for s in skus}
        f.skus[f.scarce["sku"]] = f.scarce
        return f


class Worker:
    """One client thread. `run` drives orders until the server dies under it or `stop` is set."""

    def __init__(self, index, fixture, checker, rng):
        self.index = index
        self.f = fixture
        self.checker = checker
        self.rng = rng
        self.warehouse_code, self.skus = fixture.own[index]
        self.open = []  # order numbers this worker is driving
        self.requests = 0
        self.error = None
        self.clients = {name: fixture.server.client(getattr(fixture, name).token)
                        for name in ("admin", "warehouse", "finance", "service")}

    # -- requests ---------------------------------------------------------------------------

    def send(self, who, method, path, body=None, ok=(200, 201)):
        """One request; Killed when the connection dies (the server was killed)."""
        self.requests += 1
        try:
            if body is None:
                resp = self.clients[who].request(method, path)
            else:
                resp = self.clients[who].request(method, path, body)
        except Exception as e:  # noqa: BLE001 - any transport failure ends the round
            raise Killed(repr(e)) from e
        if resp.status not in ok:
            raise Unexpected(resp.describe(1500))
        return resp

    def order_step(self, no, action, who, path, body, ok=(200, 201)):
        """A request that moves order `no`: in flight until answered, then acknowledged."""
        self.checker.in_flight(no, action)
        resp = self.send(who, "POST", path, body, ok)
        self.checker.acknowledged(no, action, resp)
        return resp

    # -- the loop ---------------------------------------------------------------------------

    def run(self, round_no, stop):
        self.error = None
        self.open = [no for no in self.open if not self.checker.finished(no)]
        try:
            while not stop.is_set():
                self.step(round_no)
        except Killed:
            return
        except Unexpected as e:
            self.error = f"worker {self.index}: unexpected answer: {e}"
        except Exception as e:  # noqa: BLE001 - a broken check must not look like a pass
            import traceback
            self.error = f"worker {self.index}: {traceback.format_exc()}"
            del e

    def step(self, round_no):
        r = self.rng.random()
        if r < 0.03:
            return self.receive()
        if r < 0.10:
            return self.wave()
        if len(self.open) < OPEN_ORDERS and (r < 0.30 or not self.open):
            return self.place(round_no)
        no = self.rng.choice(self.open)
        if not self.advance(no):
            self.open.remove(no)

    def place(self, round_no):
        scarce = self.rng.random() < 0.15
        if scarce:
            lines = [(self.f.scarce, self.rng.randint(1, 3))]
        else:
            chosen = self.rng.sample(self.skus, self.rng.randint(1, len(self.skus)))
            lines = [(s, self.rng.randint(1, 4)) for s in chosen]
        phone = None
        if self.rng.random() < 0.2:
            # A landline: the order waits in the review queue with an invalid_phone case.
            phone = f"021-{self.rng.randrange(10**7, 10**8)}"
        body = o.order_body(lines, channel=f"soak-r{round_no}", phone=phone,
                            external_id=f"SOAK-{round_no}-{self.index}-{o.unique('')[1:]}")
        self.checker.placing(body, scarce)
        resp = self.send("admin", "POST", "/api/v1/orders", body, ok=(201,))
        no = self.checker.placed(body, resp)
        self.open.append(no)

    def receive(self):
        sku = self.f.scarce if self.rng.random() < 0.5 else self.rng.choice(self.skus)
        wh = self.f.scarce_warehouse if sku is self.f.scarce else self.warehouse_code
        quantity = self.rng.randint(1, 8)
        token = self.checker.receiving(sku["sku"], quantity)
        resp = self.send("admin", "POST", "/api/v1/stock/receipts",
                         {"warehouse": wh, "sku": sku["sku"], "quantity": quantity,
                          "reason": f"soak receipt {token}"}, ok=(201,))
        self.checker.received(token, resp)

    def wave(self):
        # A wave takes the approved orders and those picked one by one that have no parcel yet.
        waiting = [no for no in self.open if not self.checker.is_scarce(no)
                   and self.checker.status(no) in ("awaiting_fulfillment", "picking")]
        if not any(self.checker.status(no) == "awaiting_fulfillment" for no in waiting):
            return
        for no in waiting:
            self.checker.in_flight(no, "wave")
        resp = self.send("warehouse", "POST", "/api/v1/waves",
                         {"warehouse": self.warehouse_code, "max_orders": 50}, ok=(201, 409))
        self.checker.waved(waiting, resp)

    # -- one order's next step ----------------------------------------------------------------

    def advance(self, no):
        """Moves order `no` one step on; False once it has nowhere left to go."""
        c = self.checker
        status = c.status(no)
        base = f"/api/v1/orders/{no}"
        roll = self.rng.random()
        holds = c.holds(no)
        if holds and status in ("pending_review", "awaiting_fulfillment", "picking", "packed"):
            # A blocking case (say, amount_too_large): the reviewer checks and resolves it.
            c.in_flight(no, "resolve")
            resp = self.send("service", "POST", f"/api/v1/anomalies/{holds[0]}/resolve",
                             {"resolution": "已与买家电话核实", "root_cause": "买家确认订单属实"})
            c.resolved(no, holds[0], resp)
            return True
        if status == "pending_payment":
            if roll < 0.08:
                self.order_step(no, "cancel", "service", f"{base}/cancel", {"reason": "买家取消"})
            else:
                self.pay(no)
        elif status == "pending_review":
            if roll < 0.1:
                self.order_step(no, "reject", "service", f"{base}/review",
                                {"decision": "reject", "reason": "无法联系买家"})
            else:
                self.order_step(no, "approve", "service", f"{base}/review",
                                {"decision": "approve", "reason": "已电话确认"})
        elif status == "awaiting_fulfillment":
            if c.backordered(no) or roll < 0.05:
                self.order_step(no, "cancel", "service", f"{base}/cancel", {"reason": "缺货取消"})
            elif c.is_scarce(no) or roll < 0.5:
                self.order_step(no, "pick", "warehouse", f"{base}/pick", {})
            else:
                self.wave()
        elif status == "picking":
            self.pack(no)
        elif status == "packed":
            self.order_step(no, "ship", "warehouse", f"{base}/ship", {})
        elif status == "shipped":
            self.order_step(no, "deliver", "admin", f"{base}/deliver", {})
        elif status == "delivered":
            return self.after_delivery(no, roll)
        else:
            return False
        return True

    def pay(self, no):
        order = self.checker.order(no)
        body = o.payment_body(order)
        self.order_step(no, "pay", "admin", f"/api/v1/orders/{no}/payments", body)
        if self.rng.random() < 0.05:
            # A second, different payment of a paid order: recorded and refunded at once.
            self.order_step(no, "pay_again", "admin", f"/api/v1/orders/{no}/payments",
                            o.payment_body(order))

    def pack(self, no):
        c = self.checker
        order = c.order(no)
        if not c.verified(no):
            scans = [{"sku": ln["sku"], "quantity": ln["quantity"]} for ln in order["lines"]]
            self.order_step(no, "verify", "warehouse", f"/api/v1/orders/{no}/verify",
                            {"scans": scans})
            return
        weight = sum(self.f.skus[ln["sku"]]["weight_g"] * ln["quantity"] for ln in order["lines"])
        self.order_step(no, "pack", "warehouse", f"/api/v1/orders/{no}/pack", {"weight_g": weight})

    def after_delivery(self, no, roll):
        c = self.checker
        case = c.case(no)
        if case is None and c.case_possible(no):
            if roll < 0.35:
                self.open_case(no)
                return True
            self.order_step(no, "complete", "admin", f"/api/v1/orders/{no}/complete", {})
            return False
        if case is None or case["status"] == "completed":
            return False
        step = {"requested": ("approve", "service"), "approved": ("refund", "finance"),
                "refunding": ("complete", "finance")}.get(case["status"])
        if step is None:
            return False
        action, who = step
        c.case_in_flight(no, action)
        resp = self.send(who, "POST", f"/api/v1/after-sales/{case['id']}/{action}", {})
        c.case_acknowledged(no, action, resp)
        return True

    def open_case(self, no):
        c = self.checker
        order = c.order(no)
        first = order["lines"][0]
        c.case_in_flight(no, "open")
        resp = self.send("service", "POST", "/api/v1/after-sales", {
            "order_no": no, "type": "refund_only", "reason": "damaged",
            "lines": [{"sku": first["sku"], "quantity": 1}], "note": "外盒破损"}, ok=(201,))
        c.case_acknowledged(no, "open", resp)

