#include "store/sqlite/migrations.h"

#include <array>

namespace ordo::sqlite {
namespace {

// Each entry is one migration. Never edit a released entry: append a new one.
constexpr std::array kMigrations = {
    // 1: catalogue, stock ledger, orders with their history, idempotency, API tokens.
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE skus (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL DEFAULT '',
  price_amount INTEGER NOT NULL CHECK (price_amount >= 0),
  currency TEXT NOT NULL DEFAULT 'CNY',
  weight_g INTEGER NOT NULL DEFAULT 0,
  step_quantity INTEGER NOT NULL DEFAULT 1 CHECK (step_quantity >= 1),
  min_quantity INTEGER NOT NULL DEFAULT 1 CHECK (min_quantity >= 1),
  sellable INTEGER NOT NULL DEFAULT 1,
  category TEXT NOT NULL DEFAULT '',
  low_stock_threshold INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE stock (
  sku TEXT NOT NULL,
  warehouse TEXT NOT NULL,
  on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
  reserved INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (sku, warehouse)
) WITHOUT ROWID;
CREATE TABLE stock_ledger (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  warehouse TEXT NOT NULL,
  type TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  on_hand_after INTEGER NOT NULL CHECK (on_hand_after >= 0),
  reserved_after INTEGER NOT NULL CHECK (reserved_after >= 0 AND reserved_after <= on_hand_after),
  reason TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  order_no TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX stock_ledger_by_sku ON stock_ledger (sku, id);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  status TEXT NOT NULL,
  payment_status TEXT NOT NULL,
  priority INTEGER NOT NULL,
  total_amount INTEGER NOT NULL CHECK (total_amount >= 0),
  paid_amount INTEGER NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  doc TEXT NOT NULL,
  UNIQUE (channel, external_id)
);
CREATE INDEX orders_by_status ON orders (status, id);
CREATE INDEX orders_by_created ON orders (created_at);
-- Lookup keys (phone, member, consignee name, external id) of every order. New keys are first
-- appended to order_search_pending (cheap: always the last page) and merged into order_search
-- in sorted bulk by the writer; searches read both. See docs/ARCHITECTURE.md.
CREATE TABLE order_search (
  key TEXT NOT NULL,
  order_id INTEGER NOT NULL,
  PRIMARY KEY (key, order_id)
) WITHOUT ROWID;
CREATE TABLE order_search_pending (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL,
  keys TEXT NOT NULL  -- every key of the order, each between two U+001F separators
);
CREATE TABLE order_events (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX order_events_by_order ON order_events (order_id, id);
CREATE TABLE idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  headers TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
)sql",
    // Staff accounts and their login sessions.
    R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  department TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
)sql",
    // The audit trail: an append-only, hash-chained record of every state change, written in the
    // same transaction as the change (store/sqlite/audit.h describes the chain).
    R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, seq);
)sql",
};

Result<int> CurrentVersion(Connection& conn) {
  ORDO_PREPARE(stmt, conn, "PRAGMA user_version");
  Status status;
  if (!stmt->Step(&status)) {
    return status.ok() ? Status::Internal("no user_version") : status;
  }
  return static_cast<int>(stmt->Int(0));
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Status Migrate(Connection& conn) {
  ORDO_ASSIGN_OR_RETURN(int version, CurrentVersion(conn));
  if (version > LatestSchemaVersion()) {
    return Status::Internal("the database has schema version " + std::to_string(version) +
                            ", newer than this build's " + std::to_string(LatestSchemaVersion()));
  }
  for (int next = version + 1; next <= LatestSchemaVersion(); ++next) {
    ORDO_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    Status status = conn.Exec(kMigrations[static_cast<size_t>(next - 1)]);
    if (status.ok()) {
      const std::string pragma = "PRAGMA user_version=" + std::to_string(next);
      status = conn.Exec(pragma.c_str());
    }
    if (!status.ok()) {
      (void)conn.Exec("ROLLBACK");
      return status;
    }
    ORDO_RETURN_IF_ERROR(conn.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace ordo::sqlite
