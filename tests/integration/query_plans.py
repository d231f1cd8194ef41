"""The query-plan check (issue 16, "no command's cost grows with the data").

Every `ordo serve` the integration tests start writes each SQL text its store prepares to a
statement log (`--statement-log`). When a server stops cleanly, `check_statement_plans` runs
`EXPLAIN QUERY PLAN` on each of them against the server's own database and fails on a full
scan (`SCAN t`, without an index) of a table that grows with the orders, unless the statement
is listed in DELIBERATE_SCANS with its reason. So every statement the suite drives (intake,
payment, review, waves, packing, shipping, delivery, after-sales, reports, the jobs) is checked
on every run, and a new statement that scans fails the test that first runs it.

Python's sqlite3 module uses the same SQLite library as the server (Debian's libsqlite3), so
the plans are the server's.
"""

import json
import os
import re
import sqlite3

# Tables whose size does not grow with the orders: configuration and reference data. A scan of
# any other table is a scan whose cost grows with the store.
SMALL_TABLES = {
    "meta",
    "settings",
    "warehouses",
    "warehouse_regions",
    "storage_locations",
    "skus",
    "stock",
    "users",
    "api_tokens",
    "audit_anchor",
    "waybill_ranges",  # the numbers each carrier allotted: a range or two per carrier a month
    "sqlite_master",
    "sqlite_schema",
}

# Statements that scan a growing table on purpose: a distinctive part of the SQL text, and why
# the scan is bounded or acceptable. Keep each reason honest: it is what a reviewer reads.
DELIBERATE_SCANS = {
    "FROM order_search_pending":
        "order_search_pending holds only the search keys not yet merged: the writer merges them "
        "into order_search at 10,000 orders or when idle for 200 ms, so the scan is bounded.",
    "SELECT count(*) FROM order_search_pending":
        "counted once after a start or a failed commit, over the bounded pending keys.",
    "prev_hash, hash FROM audit_log ORDER BY seq":
        "`ordo audit verify` and GET /audit/verify read the whole chain on purpose: that is "
        "what verifying it means. They run on a reader, never on the writer.",
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1":
        "the head of the audit chain: the last row by primary key, one row read.",
    "SUM(quantity) AS held FROM stock_ledger":
        "stock verification (`ordo stock verify`, GET /stock/verify) recomputes every order's "
        "hold from the whole ledger on purpose; on a reader, never on the writer.",
    "SELECT count(*) AS backup_rows FROM":
        "a backup's manifest counts every table's rows on the backup's own copy of the database "
        "(store/sqlite/backup.cc), never on the live store: a backup reads every page anyway.",
    "WHERE 1 = 1 ORDER BY id DESC LIMIT ?":
        "the newest page of a list without filters: read backwards by id, it stops after LIMIT "
        "rows whatever the size of the table.",
    "AND w.id NOT IN (SELECT wave_id FROM shipments WHERE status IN":
        "the closed waves, newest first: nearly every wave but the warehouse's open backlog is "
        "closed, so the walk back by id stops at LIMIT after skipping at most the open ones.",
    "FROM replenishment_requests r WHERE (? = '' OR r.status = ?)":
        "the replenishment requests, newest first, stopping at LIMIT; there is at most one "
        "live request per SKU and warehouse, and the table grows with purchasing, not orders.",
    # The console's order list filters on plain fields of the document. Each narrows the newest
    # first walk (or an indexed search key when one is given) and stops at LIMIT matches; a value
    # no recent order has reads further back. They run on readers, never on the writer, and an
    # index per filter would cost every intake a B-tree insert for a rarely used screen.
    "AND priority = ? ORDER BY id DESC LIMIT ?": "console filter, see above",
    "json_extract(doc, '$.payment_method') = ?": "console filter, see above",
    "json_type(doc, '$.holds')": "console filter, see above",
    "json_extract(alloc.value, '$.w') = ?": "console filter, see above",
}

# Words that may follow a table name in FROM/JOIN and are not an alias.
_NOT_ALIAS = {
    "where", "join", "left", "inner", "cross", "outer", "on", "order", "group", "limit", "using",
    "indexed", "not", "set", "values", "union", "natural", "having", "window", "as", "select",
    "returning", "default", "full", "right",
}

_FROM = re.compile(r"\b(?:FROM|JOIN|UPDATE|INTO)\s+([A-Za-z_][A-Za-z0-9_]*)"
                   r"(?:\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*))?", re.IGNORECASE)
_SCAN = re.compile(r"^SCAN ([A-Za-z_][A-Za-z0-9_]*)$")


def _aliases(sql):
    """alias (or table name) -> table name, as written in the statement's FROM/JOIN clauses."""
    names = {}
    for table, alias in _FROM.findall(sql):
        names[table] = table
        if alias and alias.lower() not in _NOT_ALIAS:
            names[alias] = table
    return names


def _deliberate(sql):
    return next((reason for part, reason in DELIBERATE_SCANS.items() if part in sql), None)


def full_scans(db, sql, tables):
    """The growing tables `sql` reads by a full scan on the database `db`, as (table, plan)."""
    rows = db.execute("EXPLAIN QUERY PLAN " + sql,
                      [None] * _parameter_count(db, sql)).fetchall()
    plan = [row[3] for row in rows]
    names = _aliases(sql)
    found = []
    for detail in plan:
        m = _SCAN.match(detail)
        if not m:
            continue  # SEARCH …, SCAN … USING INDEX, virtual tables, constant rows
        table = names.get(m.group(1), m.group(1))
        if table in tables and table not in SMALL_TABLES:
            found.append((table, plan))
    return found


def _parameter_count(db, sql):
    """How many parameters `sql` has (numbered ?N or plain ?): bound as NULL to explain it."""
    numbered = [int(n) for n in re.findall(r"\?(\d+)", sql)]
    plain = len(re.findall(r"\?(?!\d)", sql))
    return max(numbered + [0]) + plain


def check_statement_plans(database_path, log_path):
    """A list of problems, one per statement that fully scans a growing table without being a
    deliberate scan; empty when every plan is bounded (or there is no log)."""
    if not os.path.exists(log_path) or not os.path.exists(database_path):
        return []
    with open(log_path, encoding="utf-8") as log:
        statements = [json.loads(line) for line in log if line.strip()]
    problems = []
    db = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        tables = {name for (name,) in
                  db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for sql in statements:
            if not sql.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE",
                                                    "WITH", "REPLACE")):
                continue  # PRAGMA, SAVEPOINT, BEGIN, COMMIT …
            try:
                scans = full_scans(db, sql, tables)
            except sqlite3.Error as e:
                problems.append(f"cannot explain {sql!r}: {e}")
                continue
            if scans and _deliberate(sql) is None:
                table, plan = scans[0]
                problems.append(f"full scan of {table}: {sql}\n    plan: {' | '.join(plan)}")
    finally:
        db.close()
    return problems
