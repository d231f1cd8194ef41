"""Nothing acknowledged is lost (EVT-2, DAT-1): orders placed concurrently, the server killed
with SIGKILL (no clean shutdown), restarted on the same data directory; every acknowledged
order is there with its status and reservations, and the stock books agree with the orders."""

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ordo_server as o  # noqa: E402

N_ORDERS = 200
N_THREADS = 8


class DurabilityTest(o.OrdoTestCase):

    @classmethod
    def seed_class(cls):
        cls.wh = o.create_warehouse(cls.admin)
        # The SKUs are seeded with a million units each: more than a receipt may book without a
        # second person's approval by default (receipt_approval_quantity).
        o.expect(o.patch_settings(cls.admin, {"receipt_approval_quantity": 10**6}), 200)

    def place_concurrently(self, skus, channel, n_orders=None, stop_after=None):
        """Places orders from N_THREADS threads; each thread has its own connection.

        Returns (threads, acked, errors, reached): acked maps order_no -> (the acknowledged
        order as last returned, maybe_paid) — every 10th order is also paid, and maybe_paid
        is True when that payment's outcome is unknown (its connection died with the server).
        With n_orders=None the threads go on until a request fails at the transport level
        (used while the server gets killed); `reached` is set once `stop_after` orders are
        acknowledged. errors lists unexpected HTTP responses (and, with n_orders set,
        transport failures).
        """
        a, b = skus
        acked, errors = {}, []
        lock = threading.Lock()
        counter = iter(range(10**9))
        reached = threading.Event()

        def worker():
            client = self.client(self.admin_token)
            try:
                while True:
                    with lock:
                        i = next(counter)
                    if n_orders is not None and i >= n_orders:
                        return
                    body = o.order_body([(a, 1 + i % 3), (b, 2)], channel=channel)
                    try:
                        resp = client.post("/api/v1/orders", body)
                    except Exception as e:  # noqa: BLE001
                        if n_orders is None:
                            return  # the server was killed
                        with lock:
                            errors.append(f"order {i}: {e!r}")
                        return
                    if resp.status != 201:
                        with lock:
                            errors.append(resp.describe(500))
                        if n_orders is None:
                            return
                        continue
                    order = resp.json
                    maybe_paid = False
                    died = False
                    if i % 10 == 0:
                        try:
                            paid = client.post(f"/api/v1/orders/{order['order_no']}/payments",
                                               o.payment_body(order))
                        except Exception as e:  # noqa: BLE001
                            paid, maybe_paid, died = None, True, True
                            if n_orders is not None:
                                with lock:
                                    errors.append(f"payment {i}: {e!r}")
                        if paid is not None and paid.status == 200:
                            order = paid.json
                        elif paid is not None:
                            with lock:
                                errors.append(paid.describe(500))
                    with lock:
                        acked[order["order_no"]] = (order, maybe_paid)
                        if stop_after is not None and len(acked) >= stop_after:
                            reached.set()
                    if died and n_orders is None:
                        return
            finally:
                client.close()

        threads = [threading.Thread(target=worker, name=f"writer-{t}") for t in range(N_THREADS)]
        for t in threads:
            t.start()
        return threads, acked, errors, reached

    def join(self, threads):
        for t in threads:
            t.join(timeout=300)
        self.assertEqual([t.name for t in threads if t.is_alive()], [], "writers finished")

    def assertAllPresent(self, acked, what):
        missing, wrong = [], []
        for no, (ack, maybe_paid) in acked.items():
            resp = self.admin.get(f"/api/v1/orders/{no}")
            if resp.status == 404:
                missing.append(no)
                continue
            self.assertStatus(resp, 200, f"{what}: reading {no}")
            got = resp.json
            want = (ack["status"], ack["payment_status"], ack["external_id"],
                    [(ln["sku"], ln["quantity"], ln["quantity_reserved"]) for ln in ack["lines"]])
            have = (got["status"], got["payment_status"], got["external_id"],
                    [(ln["sku"], ln["quantity"], ln["quantity_reserved"]) for ln in got["lines"]])
            if maybe_paid and ack["status"] == "pending_payment":
                # The payment was sent but its answer was lost with the server: either outcome
                # is fine, as long as it is all or nothing.
                paid = ("pending_review", "paid") + want[2:]
                if have == paid:
                    continue
            if want != have:
                wrong.append(f"{no}: acknowledged {want}, stored {have}")
        self.assertEqual(missing, [], f"{what}: {len(missing)} of {len(acked)} acknowledged "
                                      f"orders are missing\n{self.server.diagnostics()}")
        self.assertEqual(wrong, [], f"{what}: stored orders differ from what was acknowledged")

    def assertBooksBalance(self, skus, channel, what):
        """Stock reserved per SKU == the sum of quantity_reserved over every stored order."""
        orders, _ = self.list_all({"channel": channel})
        self.assertEqual(len({x["order_no"] for x in orders}), len(orders),
                         f"{what}: the listing has no duplicates")
        for sku in skus:
            total = sum(ln["quantity_reserved"] for x in orders for ln in x["lines"]
                        if ln["sku"] == sku["sku"])
            st = self.stock(sku)
            self.assertEqual(st["reserved"], total,
                             f"{what}: stock reserved of {sku['sku']} equals the sum over the "
                             f"{len(orders)} stored orders: {st}")
            self.assertEqual(st["on_hand"], 10**6, st)
        return orders

    def restart_after_kill(self):
        self.server.kill9()
        self.server.start()  # same data directory, new port; clients follow

    def test_acknowledged_orders_survive_kill9(self):
        skus = [self.new_sku(self.wh, 10**6), self.new_sku(self.wh, 10**6, price_amount=1250)]
        channel = o.unique("dur")
        threads, acked, errors, _ = self.place_concurrently(skus, channel, n_orders=N_ORDERS)
        self.join(threads)
        self.assertEqual(errors, [], "every order was accepted before the kill")
        self.assertEqual(len(acked), N_ORDERS)
        self.assertEqual(sum(1 for x, _ in acked.values() if x["status"] == "pending_review"),
                         N_ORDERS // 10, "every 10th order was paid")

        self.restart_after_kill()
        self.assertAllPresent(acked, "after kill -9")
        orders = self.assertBooksBalance(skus, channel, "after kill -9")
        self.assertEqual(len(orders), N_ORDERS, "no order appeared twice or from nowhere")
        events = self.events(next(iter(acked)))
        self.assertTrue(events, "events survive too")

        # The restarted server keeps working and keeps (channel, external_id) unique.
        some = next(iter(acked.values()))[0]
        again = self.admin.post("/api/v1/orders", o.order_body(
            [(skus[0], 1)], channel=channel, external_id=some["external_id"]))
        self.assertStatus(again, 200, "a repeat after restart returns the stored order")
        self.assertEqual(again.json["order_no"], some["order_no"])
        fresh = self.place(o.order_body([(skus[0], 1)], channel=channel))
        self.assertNotIn(fresh["order_no"], acked, "order numbers are not reused after a crash")

    def test_kill9_while_writing(self):
        skus = [self.new_sku(self.wh, 10**6), self.new_sku(self.wh, 10**6, price_amount=990)]
        channel = o.unique("dur-live")
        threads, acked, errors, reached = self.place_concurrently(
            skus, channel, n_orders=None, stop_after=N_ORDERS // 2)
        if not reached.wait(timeout=120):
            self.fail(f"only {len(acked)} orders acknowledged in 120 s; errors: {errors[:5]}")
        self.server.kill9()  # writers are mid-request
        self.join(threads)
        self.assertEqual(errors, [], "no unexpected HTTP responses before the kill")
        acked = dict(acked)
        self.server.start()
        self.assertAllPresent(acked, "after kill -9 under load")
        orders = self.assertBooksBalance(skus, channel, "after kill -9 under load")
        self.assertGreaterEqual(len(orders), len(acked))
        stored = {x["order_no"] for x in orders}
        self.assertTrue(set(acked) <= stored, "the listing includes every acknowledged order")
        # Unacknowledged requests either fully happened or did not happen at all: every stored
        # order is complete (checked by the balance above) and can still move on.
        self.place(o.order_body([(skus[0], 1)], channel=channel))


if __name__ == "__main__":
    unittest.main()
