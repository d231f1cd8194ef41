#!/usr/bin/env python3
"""The crash loop (issue 22, item 1): `ordo serve` under mixed load, killed with SIGKILL at
seeded random moments and restarted on the same data directory, with an independent checker.

Each round starts the server, lets several client threads drive orders through their life
cycle (intake, payments with the occasional duplicate, automatic and manual review,
cancellations, waves or single picks, verification, packing, shipping on the carriers' waybill
numbers, delivery, refund-only after-sales cases, stock receipts, and a scarce SKU that all
threads compete for), then kills the server at a random moment. The checker (checker.py)
remembers every acknowledged answer; while the server is down it runs `ordo stock verify` and
`ordo audit verify` on the data directory, and after the restart it reads back every order that
was touched in the round (and a sample of older ones) and checks that what was acknowledged is
there, that nothing unacknowledged is half there, and that stock and money balance.

    python3 tests/soak/soak.py --kills 200            # the long run (make soak)
    python3 tests/soak/soak.py --kills 10 --seed 7    # replays the choices of seed 7

The seed fixes every choice the load and the kill make (which steps, which quantities, how long
each round runs before the kill); the interleaving of the threads and the exact instruction the
kill lands on are up to the machine, so a seed replays the same programme, not the same crash.
The binary is $ORDO_BIN, else build/ordo. Exit 0 when every check held; 1 with the seed, the
round and what failed otherwise (the data directory is then kept and its path printed)."""

import argparse
import os
import random
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "integration"))
sys.path.insert(0, HERE)

import ordo_server as o  # noqa: E402
from checker import Checker, Violation  # noqa: E402
from workload import Fixture, Worker  # noqa: E402


# A failed run keeps its data directory for inspection (test_checker.py's deliberate failures
# do not).
KEEP_ON_FAILURE = True


def verify_offline(server, what):
    """`ordo stock verify` and `ordo audit verify` on the data directory of a stopped server."""
    for command in (["stock", "verify"], ["audit", "verify"]):
        res = subprocess.run([server.bin, *command, "--data", server.data_dir],
                             stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        if res.returncode != 0:
            raise Violation(f"{what}: `ordo {' '.join(command)}` exited {res.returncode}\n"
                            f"{res.stdout.decode('utf-8', 'replace')[-3000:]}"
                            f"{res.stderr.decode('utf-8', 'replace')[-3000:]}")


def run(args):
    # The kills' moments come from the seed alone; the load's choices from one generator per
    # worker, seeded from it; the sample of older orders re-read from a third.
    rng = random.Random(args.seed)
    kill_rng = random.Random(rng.random())
    sample_rng = random.Random(rng.random())
    server = o.OrdoServer("soak")
    started = time.monotonic()
    checker = Checker()
    figures = {"kills": 0, "requests": 0, "acknowledged": 0, "orders": 0}
    try:
        server.start()
        admin = server.client(server.token("admin", "soak-admin"))
        fixture = Fixture.create(server, admin, args.threads)
        workers = [Worker(i, fixture, checker, random.Random(rng.random()))
                   for i in range(args.threads)]
        for round_no in range(1, args.kills + 1):
            checker.begin_round(round_no)
            stop = threading.Event()
            threads = [threading.Thread(target=w.run, args=(round_no, stop),
                                        name=f"soak-worker-{w.index}") for w in workers]
            for t in threads:
                t.start()
            time.sleep(kill_rng.uniform(args.min_load_s, args.max_load_s))
            server.kill9()  # the workers find out from their next request
            figures["kills"] += 1
            for t in threads:
                t.join(timeout=120)
                if t.is_alive():
                    raise Violation(f"round {round_no}: {t.name} did not stop after the kill")
            for w in workers:
                if w.error:
                    raise Violation(f"round {round_no}: {w.error}")
            verify_offline(server, f"round {round_no}, after the kill")
            server.start()
            checker.check_round(admin, fixture, sample=args.sample, rng=sample_rng)
            if args.verbose:
                print(f"soak: round {round_no}: {checker.summary()}", flush=True)
        checker.check_everything(admin, fixture)
        server.stop()  # a clean stop after all that: exit 0 and every query plan checked
        verify_offline(server, "after the last clean stop")
    except Violation as failure:
        if KEEP_ON_FAILURE:
            os.environ["ORDO_KEEP_DATA"] = "1"
        print(f"soak: FAILED with --seed {args.seed} (round {checker.round_no}):\n{failure}",
              file=sys.stderr, flush=True)
        print(server.diagnostics(), file=sys.stderr)
        return 1
    finally:
        server.cleanup()
    figures.update(checker.figures())
    figures["requests"] = sum(w.requests for w in workers)
    elapsed = time.monotonic() - started
    print(f"soak: passed --seed {args.seed}: {figures['kills']} kills, "
          f"{figures['orders']} orders acknowledged ({figures['acknowledged']} acknowledged "
          f"answers of {figures['requests']} requests, {figures['in_flight']} in flight at a "
          f"kill), {figures['cases']} after-sales cases, {figures['receipts']} receipts, "
          f"{elapsed:.0f} s", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="rounds, each ended by kill -9")
    parser.add_argument("--seed", type=int, default=None, help="replay a run's choices")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument("--min-load-s", type=float, default=0.2)
    parser.add_argument("--max-load-s", type=float, default=2.5)
    parser.add_argument("--sample", type=int, default=20,
                        help="older orders re-read after each restart, beside the round's own")
    parser.add_argument("--verbose", action="store_true", help="one line per round")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(10**9)
    print(f"soak: seed {args.seed} ({args.kills} kills, {args.threads} threads; replay with "
          f"--seed {args.seed})", flush=True)
    sys.exit(run(args))


if __name__ == "__main__":
    main()
