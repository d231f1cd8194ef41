"""A fast preload for the large-store benchmark (bench/lifecycle.sh): copies the orders that
went through the whole life cycle, with their history, until the store holds at least TARGET
orders. Run on a stopped server's database: python3 bench/preload.py DB TARGET.

Each copy gets its own order number (another date prefix), external id, member id, search keys,
tracking number and ids, so that every index grows as it would with real orders: the orders
row and document, the events, the search keys, the stock ledger, the parcel, the customer
profile and the audit entries. The copies' audit hashes are not recomputed (the benchmark never
verifies the chain), and their stock ledger rows do not move the stock levels.
Prints the number of orders stored.
"""

import sqlite3
import sys


def columns(db, table):
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def copy_rows(db, table, where, overrides):
    """INSERT INTO table SELECT … FROM table WHERE where, with some columns computed anew."""
    cols = columns(db, table)
    select = ", ".join(overrides.get(c, c) for c in cols)
    db.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM {table} "
               f"WHERE {where}")


def main():
    path, target = sys.argv[1], int(sys.argv[2])
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    (templates,) = db.execute("SELECT count(*) FROM orders WHERE status = 'completed'").fetchone()
    (stored,) = db.execute("SELECT count(*) FROM orders").fetchone()
    if templates == 0:
        sys.exit("preload: no completed order to copy")
    spans = {t: db.execute(f"SELECT coalesce(max({k}), 0) + 1 FROM {t}").fetchone()[0]
             for t, k in (("orders", "id"), ("order_events", "id"), ("stock_ledger", "id"),
                          ("shipments", "id"), ("audit_log", "seq"))}
    (first_audit,) = db.execute(
        "SELECT coalesce(min(seq), 0) FROM audit_log WHERE entity = 'order'").fetchone()
    # The originals, by primary key ranges (the copies come after them), so that each round
    # reads the same rows however many copies there are.
    templates_where = f"status = 'completed' AND id < {spans['orders']}"
    db.execute(f"CREATE TEMP TABLE templates AS SELECT id, order_no, "
               f"json_extract(doc, '$.customer.member_id') AS member_id FROM orders "
               f"WHERE {templates_where}")
    db.execute("CREATE INDEX temp.templates_by_no ON templates (order_no)")
    template_ids = "SELECT id FROM temp.templates"
    template_nos = "SELECT order_no FROM temp.templates"
    members = "SELECT member_id FROM temp.templates"
    # order_search is keyed by key: its template rows are read once.
    db.execute(f"CREATE TEMP TABLE template_keys AS SELECT key, order_id FROM order_search "
               f"WHERE order_id IN ({template_ids})")
    rounds = (max(0, target - stored) + templates - 1) // templates
    for r in range(1, rounds + 1):
        prefix = f"printf('%08d', {20000100 + r})"
        no = f"{prefix} || substr(order_no, 9)"
        db.execute("BEGIN")
        o = spans["orders"] * r
        copy_rows(db, "orders", templates_where, {
            "id": f"id + {o}", "order_no": no, "external_id": f"external_id || '-p{r}'"})
        copy_rows(db, "order_events", f"id < {spans['order_events']} AND order_id IN ({template_ids})", {
            "id": f"id + {spans['order_events'] * r}", "order_id": f"order_id + {o}"})
        db.execute(f"INSERT INTO order_search (key, order_id) SELECT key || '~{r}', "
                   f"order_id + {o} FROM temp.template_keys")
        copy_rows(db, "stock_ledger", f"id < {spans['stock_ledger']} AND order_no IN ({template_nos})", {
            "id": f"id + {spans['stock_ledger'] * r}", "order_no": no})
        copy_rows(db, "shipments", f"id < {spans['shipments']} AND order_no IN ({template_nos})", {
            "id": f"id + {spans['shipments'] * r}", "order_no": no,
            "tracking_no": f"tracking_no || 'P{r}'", "wave_id": "NULL"})
        copy_rows(db, "customers", f"member_id IN ({members})", {
            "member_id": f"member_id || '~{r}'"})
        copy_rows(db, "audit_log", f"seq >= {first_audit} AND seq < {spans['audit_log']}", {
            "seq": f"seq + {spans['audit_log'] * r}",
            "entity_id": f"CASE WHEN entity = 'order' THEN {prefix} || substr(entity_id, 9) "
                         f"ELSE entity_id END"})
        db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (stored,) = db.execute("SELECT count(*) FROM orders").fetchone()
    print(stored)


if __name__ == "__main__":
    main()
