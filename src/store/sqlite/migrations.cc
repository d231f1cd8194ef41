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
    // 4: supervision (domain.md AUD-2): detected violations, penalties and rewards with their
    // history (store/sqlite/supervision_queries.h), and an index of the manual stock entries.
    R"sql(
CREATE TABLE violations (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  severity TEXT NOT NULL,
  actor TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  occurrence TEXT NOT NULL,
  at INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  detected_at INTEGER NOT NULL,
  detected_by TEXT NOT NULL,
  UNIQUE (type, entity, entity_id, actor, occurrence)
);
CREATE INDEX violations_by_actor ON violations (actor, id);
CREATE INDEX violations_by_at ON violations (at);
CREATE TABLE sanctions (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL CHECK (category IN ('penalty', 'reward')),
  kind TEXT NOT NULL,
  person TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT '',
  violation_id INTEGER REFERENCES violations (id),
  period TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
  state TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'rejected')),
  proposed_by TEXT NOT NULL,
  proposed_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  decision_reason TEXT NOT NULL DEFAULT '',
  CHECK (kind NOT IN ('fine', 'bonus') OR amount > 0),
  CHECK (state = 'proposed' OR
         (decided_at IS NOT NULL AND decided_by <> '' AND decided_by <> proposed_by))
);
-- A violation is penalised once: a second proposal waits until the first is rejected.
CREATE UNIQUE INDEX sanctions_one_penalty_per_violation ON sanctions (violation_id)
  WHERE violation_id IS NOT NULL AND state <> 'rejected';
-- A person gets one reward proposal per KPI period.
CREATE UNIQUE INDEX sanctions_one_reward_per_period ON sanctions (person, period)
  WHERE category = 'reward' AND period <> '';
CREATE INDEX sanctions_by_category ON sanctions (category, id);
CREATE TABLE sanction_history (
  id INTEGER PRIMARY KEY,
  sanction_id INTEGER NOT NULL REFERENCES sanctions (id),
  state TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sanction_history_by_sanction ON sanction_history (sanction_id, id);
-- Partial: the order movements (most of the ledger) are not in it and cost it nothing.
CREATE INDEX stock_ledger_manual_by_at ON stock_ledger (at)
  WHERE type IN ('receipt', 'return', 'adjustment', 'stocktake');
)sql",
    // 5: fulfilment and logistics (store/sqlite/fulfillment_queries.h): settings, abnormal cases,
    // waves, shipments (parcels) with their tracking events, customer notifications, storage
    // locations, and an index of the orders waiting for automatic confirmation of receipt.
    R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE anomalies (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  blocking INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'resolved', 'dismissed')),
  assignee TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT '',
  root_cause TEXT NOT NULL DEFAULT '',
  improvement TEXT NOT NULL DEFAULT '',
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  closed_at INTEGER,
  closed_by TEXT NOT NULL DEFAULT '',
  CHECK (status <> 'resolved' OR (resolution <> '' AND root_cause <> '')),
  CHECK (status <> 'assigned' OR assignee <> '')
);
CREATE INDEX anomalies_by_order ON anomalies (order_no, type);
CREATE INDEX anomalies_by_status ON anomalies (status, id);
-- One live case per order, type and subject: a repeated detection does not open a second.
CREATE UNIQUE INDEX anomalies_one_live ON anomalies (order_no, type, subject)
  WHERE status IN ('open', 'assigned');
CREATE TABLE waves (
  id INTEGER PRIMARY KEY,
  warehouse TEXT NOT NULL,
  carrier TEXT NOT NULL DEFAULT '',
  max_orders INTEGER NOT NULL CHECK (max_orders >= 1),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
-- One parcel per order and warehouse: a split order has one per warehouse holding its stock.
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL,
  warehouse TEXT NOT NULL,
  wave_id INTEGER REFERENCES waves (id),
  wave_position INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  carrier TEXT NOT NULL DEFAULT '',
  carrier_reason TEXT NOT NULL DEFAULT '',
  tracking_no TEXT NOT NULL DEFAULT '',
  lines TEXT NOT NULL,
  packed_weight_g INTEGER NOT NULL DEFAULT 0 CHECK (packed_weight_g >= 0),
  verified INTEGER NOT NULL DEFAULT 0,
  delayed INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  packed_at INTEGER,
  shipped_at INTEGER,
  delivered_at INTEGER,
  returned_at INTEGER,
  last_event_at INTEGER,
  last_location TEXT NOT NULL DEFAULT '',
  inspection TEXT NOT NULL DEFAULT '' CHECK (inspection IN ('', 'passed', 'failed')),
  inspection_note TEXT NOT NULL DEFAULT '',
  UNIQUE (order_no, warehouse)
);
CREATE INDEX shipments_by_wave ON shipments (wave_id, wave_position) WHERE wave_id IS NOT NULL;
CREATE UNIQUE INDEX shipments_by_tracking ON shipments (carrier, tracking_no)
  WHERE tracking_no <> '';
CREATE TABLE tracking_events (
  id INTEGER PRIMARY KEY,
  carrier TEXT NOT NULL,
  event_id TEXT NOT NULL,
  shipment_id INTEGER NOT NULL REFERENCES shipments (id),
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  applied INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (carrier, event_id)
);
CREATE INDEX tracking_events_by_shipment ON tracking_events (shipment_id, at);
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL,
  shipment_id INTEGER,
  template TEXT NOT NULL,
  language TEXT NOT NULL,
  at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX notifications_by_order ON notifications (order_no, id);
CREATE TABLE storage_locations (
  warehouse TEXT NOT NULL,
  sku TEXT NOT NULL,
  location TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (warehouse, sku)
) WITHOUT ROWID;
-- Partial: only shipped and delivered orders are in it, so intake never touches it.
CREATE INDEX orders_to_confirm ON orders (json_extract(doc, '$.shipped_at'))
  WHERE status IN ('shipped', 'delivered');
)sql",
    // 6: inventory depth (store/sqlite/inventory_queries.h): warehouse priorities and regions
    // for allocation, purchasing lead times, the backorder queue, replenishment requests,
    // refunds of missing lines, stocktakes.
    R"sql(
ALTER TABLE skus ADD COLUMN lead_time_days INTEGER NOT NULL DEFAULT 7
  CHECK (lead_time_days BETWEEN 0 AND 365);
ALTER TABLE warehouses ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE TABLE warehouse_regions (
  warehouse TEXT NOT NULL,
  province TEXT NOT NULL,
  rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 99),
  PRIMARY KEY (warehouse, province)
) WITHOUT ROWID;
-- One row per order line waiting for stock, kept by the writer in step with the order's
-- document (store/inventory_store.h); served by priority, then order age.
CREATE TABLE backorders (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  line_no INTEGER NOT NULL,
  order_no TEXT NOT NULL,
  channel TEXT NOT NULL,
  sku TEXT NOT NULL,
  warehouse TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  priority INTEGER NOT NULL,
  order_created_at INTEGER NOT NULL,
  any_warehouse INTEGER NOT NULL DEFAULT 1,
  reason TEXT NOT NULL DEFAULT '',
  expected_at INTEGER,
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE INDEX backorders_by_sku ON backorders (sku, priority DESC, order_created_at, order_no,
  line_no);
CREATE INDEX backorders_in_order ON backorders (priority DESC, order_created_at, order_no,
  line_no);
CREATE TABLE replenishment_requests (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL,
  warehouse TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
  expected_at INTEGER,
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  closed_at INTEGER,
  closed_by TEXT NOT NULL DEFAULT '',
  CHECK (status <> 'acknowledged' OR expected_at IS NOT NULL),
  CHECK (status <> 'closed' OR (closed_at IS NOT NULL AND closed_by <> ''))
);
-- One live request per SKU and warehouse: shortages add to it until purchasing closes it.
CREATE UNIQUE INDEX replenishment_one_live ON replenishment_requests (sku, warehouse)
  WHERE status <> 'closed';
CREATE INDEX replenishment_by_status ON replenishment_requests (status, id);
CREATE TABLE refunds (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL REFERENCES orders (order_no),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  lines TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX refunds_by_order ON refunds (order_no, id);
-- Refunds never exceed what was paid (failed refunds do not count), whoever writes them.
CREATE TRIGGER refunds_within_payment_insert BEFORE INSERT ON refunds
WHEN NEW.status <> 'failed' AND NEW.amount +
  (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_no = NEW.order_no
     AND status <> 'failed') >
  COALESCE((SELECT paid_amount FROM orders WHERE order_no = NEW.order_no), 0)
BEGIN
  SELECT RAISE(ABORT, 'refund_exceeds_payment');
END;
CREATE TRIGGER refunds_within_payment_update BEFORE UPDATE OF amount, status ON refunds
WHEN NEW.status <> 'failed' AND NEW.amount +
  (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_no = NEW.order_no
     AND status <> 'failed' AND id <> NEW.id) >
  COALESCE((SELECT paid_amount FROM orders WHERE order_no = NEW.order_no), 0)
BEGIN
  SELECT RAISE(ABORT, 'refund_exceeds_payment');
END;
CREATE TABLE stocktakes (
  id INTEGER PRIMARY KEY,
  warehouse TEXT NOT NULL,
  whole_warehouse INTEGER NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'cancelled')),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  decided_at INTEGER,
  decided_by TEXT NOT NULL DEFAULT '',
  CHECK (status = 'open' OR (decided_at IS NOT NULL AND decided_by <> ''))
);
CREATE TABLE stocktake_lines (
  stocktake_id INTEGER NOT NULL REFERENCES stocktakes (id),
  sku TEXT NOT NULL,
  counted INTEGER CHECK (counted IS NULL OR counted >= 0),
  book_on_hand INTEGER NOT NULL DEFAULT 0,
  book_reserved INTEGER NOT NULL DEFAULT 0,
  counted_by TEXT NOT NULL DEFAULT '',
  counted_at INTEGER,
  applied INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (stocktake_id, sku)
) WITHOUT ROWID;
-- Four eyes: nobody approves a stocktake in which they counted.
CREATE TRIGGER stocktakes_four_eyes BEFORE UPDATE OF status ON stocktakes
WHEN NEW.status = 'approved' AND EXISTS (SELECT 1 FROM stocktake_lines
  WHERE stocktake_id = NEW.id AND counted_by = NEW.decided_by)
BEGIN
  SELECT RAISE(ABORT, 'self_approval');
END;
)sql",
    // 7: payments, payment callbacks and timers.
    R"sql(
-- MIGRATION 7 BEGIN
-- Refund execution (AFS-5): when a refund is due (NULL: computed from created_at on the
-- business calendar), when and by whom it was paid out, and the provider's reference.
ALTER TABLE refunds ADD COLUMN due_at INTEGER;
ALTER TABLE refunds ADD COLUMN executed_at INTEGER;
ALTER TABLE refunds ADD COLUMN executed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN provider_ref TEXT NOT NULL DEFAULT '';
-- The execution job reads the pending refunds only; finance lists by creation time.
CREATE INDEX refunds_pending ON refunds (id) WHERE status = 'pending';
CREATE INDEX refunds_by_created ON refunds (created_at, id);
-- The unpaid-order timers (REV-4) scan the orders waiting for payment, oldest first.
CREATE INDEX orders_unpaid_by_created ON orders (created_at, id)
  WHERE status = 'pending_payment';
-- One payment reminder per order, whatever happens to the timers.
CREATE TABLE payment_reminders (
  order_no TEXT PRIMARY KEY REFERENCES orders (order_no),
  sent_at INTEGER NOT NULL
) WITHOUT ROWID;
-- MIGRATION 7 END
)sql",
    // 8: customers, review rules and the review queue.
    R"sql(
-- MIGRATION 8 BEGIN
-- Customers (store/customer_store.h): the staff's judgement of each member; name and phone
-- are sealed (store/pii_cipher.h). Their history is read from the orders, not kept here.
CREATE TABLE customers (
  member_id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  credit_level TEXT NOT NULL DEFAULT 'normal' CHECK (credit_level IN ('good', 'normal', 'low')),
  high_risk INTEGER NOT NULL DEFAULT 0,
  high_risk_reason TEXT NOT NULL DEFAULT '',
  blacklisted INTEGER NOT NULL DEFAULT 0,
  blacklist_reason TEXT NOT NULL DEFAULT '',
  blacklisted_by TEXT NOT NULL DEFAULT '',
  blacklisted_at INTEGER,
  complaints INTEGER NOT NULL DEFAULT 0 CHECK (complaints >= 0),
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX customers_blacklisted ON customers (member_id) WHERE blacklisted = 1;
-- Complaints against a customer (CS-1); the note is sealed.
CREATE TABLE customer_complaints (
  id INTEGER PRIMARY KEY,
  member_id TEXT NOT NULL,
  order_no TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  note TEXT NOT NULL,
  at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX complaints_by_member ON customer_complaints (member_id, id);
-- MIGRATION 8 END
)sql",
    // 9: after-sales cases and refund execution.
    R"sql(
-- MIGRATION 9 BEGIN
-- After-sales cases (domain/aftersales/case.h): one row per case, its lines and its history.
-- Notes are free text from people and stay out of the audit trail (store/aftersales_store.h).
CREATE TABLE after_sales_cases (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL REFERENCES orders (order_no),
  type TEXT NOT NULL CHECK (type IN ('refund_only', 'return_refund', 'exchange', 'reship',
                                     'partial_refund')),
  reason TEXT NOT NULL CHECK (reason IN ('quality', 'wrong_item', 'damaged', 'size',
                                         'no_reason_7_days', 'logistics', 'other')),
  status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'awaiting_return',
                                         'received', 'inspected', 'refunding', 'completed',
                                         'closed')),
  freight_payer TEXT NOT NULL CHECK (freight_payer IN ('merchant', 'buyer')),
  requested_amount INTEGER NOT NULL DEFAULT 0 CHECK (requested_amount >= 0),
  note TEXT NOT NULL DEFAULT '',
  reject_reason TEXT NOT NULL DEFAULT '',
  close_reason TEXT NOT NULL DEFAULT '',
  return_carrier TEXT NOT NULL DEFAULT '',
  return_tracking_no TEXT NOT NULL DEFAULT '',
  received_at INTEGER,
  inspection_passed INTEGER,
  inspection_note TEXT NOT NULL DEFAULT '',
  tags_intact INTEGER,
  packaging_intact INTEGER,
  disposition TEXT NOT NULL DEFAULT '',
  inspected_at INTEGER,
  reason_confirmed INTEGER NOT NULL DEFAULT 0,
  refund_id INTEGER REFERENCES refunds (id),
  refund_amount INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
  replacement_order_no TEXT NOT NULL DEFAULT '',
  price_difference_amount INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX after_sales_by_order ON after_sales_cases (order_no, id);
CREATE INDEX after_sales_by_status ON after_sales_cases (status, id);
-- Supervision reads the cases whose inspection confirmed the reason, by inspection time.
CREATE INDEX after_sales_confirmed ON after_sales_cases (inspected_at) WHERE reason_confirmed = 1;
CREATE TABLE after_sales_lines (
  case_id INTEGER NOT NULL REFERENCES after_sales_cases (id),
  position INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_amount INTEGER NOT NULL CHECK (unit_price_amount >= 0),
  warehouse TEXT NOT NULL DEFAULT '',
  exchange_sku TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, position)
) WITHOUT ROWID;
CREATE TABLE after_sales_history (
  case_id INTEGER NOT NULL REFERENCES after_sales_cases (id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
-- MIGRATION 9 END
)sql",
    // 10: order changes.
    R"sql(
-- MIGRATION 10 BEGIN
-- Changes asked for once picking has started (domain.md CHG-1), waiting for the warehouse's
-- confirmation. The requested consignee is sealed (personal data, like the order's own);
-- consignee_fields and lines_summary keep the non-personal facts readable. lines and
-- buyer_note are NULL when the change leaves them alone. One pending request per order.
CREATE TABLE order_changes (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL REFERENCES orders (order_no),
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
  consignee TEXT NOT NULL DEFAULT '',
  lines TEXT,
  buyer_note TEXT,
  reason TEXT NOT NULL DEFAULT '',
  consignee_fields TEXT NOT NULL DEFAULT '',
  lines_summary TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  decision_reason TEXT NOT NULL DEFAULT '',
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX order_changes_by_order ON order_changes (order_no, id);
CREATE UNIQUE INDEX order_changes_one_pending ON order_changes (order_no)
  WHERE status = 'pending';
-- MIGRATION 10 END
)sql",
    R"sql(
-- MIGRATION 11 BEGIN
-- The review queue in priority order, then age (domain.md INT-4, REV-3), as the warehouse's
-- waves are served. Partial: an order is in it only while it waits in pending_review, so a
-- clean order (approved in the command that puts it there) never touches it.
CREATE INDEX orders_in_review ON orders (priority DESC, id) WHERE status = 'pending_review';
-- MIGRATION 11 END
)sql",
    R"sql(
-- MIGRATION 12 BEGIN
-- The keyed audit chain (store/sqlite/audit.h): entries from keyed_from on are hashed with the
-- audit key, which lives outside the database; older entries keep their unkeyed hashes. Set once,
-- here, to the seq after the last entry written before the upgrade.
CREATE TABLE audit_anchor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  keyed_from INTEGER NOT NULL CHECK (keyed_from >= 1)
);
INSERT INTO audit_anchor (id, keyed_from) SELECT 1, coalesce(max(seq), 0) + 1 FROM audit_log;
-- MIGRATION 12 END
)sql",
    R"sql(
-- MIGRATION 13 BEGIN
-- Blacklist marks (domain.md REV-1): keyed blind indexes ("p:" phone, "a:" address) of the
-- contacts of blacklisted customers, so the same person is caught under a new member id or
-- none. No plaintext: the index key lives outside the database, like the search keys'.
CREATE TABLE blacklist_marks (
  key TEXT NOT NULL,
  member_id TEXT NOT NULL,
  PRIMARY KEY (key, member_id)
) WITHOUT ROWID;
CREATE INDEX blacklist_marks_by_member ON blacklist_marks (member_id);
-- MIGRATION 13 END
)sql",
    R"sql(
-- MIGRATION 14 BEGIN
-- Waves remember the orders they left out and why (a wave takes what can be picked and says
-- which orders it could not take).
ALTER TABLE waves ADD COLUMN left_out TEXT NOT NULL DEFAULT '[]';
ALTER TABLE waves ADD COLUMN left_out_count INTEGER NOT NULL DEFAULT 0;
-- MIGRATION 14 END
)sql",
    R"sql(
-- MIGRATION 15 BEGIN
-- Waybill numbers come from the carriers (store/sqlite/waybill_queries.h): the ranges the
-- operator loads, and every number issued, so that none is ever handed out twice.
CREATE TABLE waybill_ranges (
  id INTEGER PRIMARY KEY,
  carrier TEXT NOT NULL,
  prefix TEXT NOT NULL DEFAULT '',
  first_no INTEGER NOT NULL CHECK (first_no >= 0),
  last_no INTEGER NOT NULL,
  next_no INTEGER NOT NULL,
  digits INTEGER NOT NULL CHECK (digits BETWEEN 1 AND 18),
  loaded_at INTEGER NOT NULL,
  loaded_by TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  CHECK (last_no >= first_no),
  CHECK (next_no BETWEEN first_no AND last_no + 1)
);
CREATE INDEX waybill_ranges_by_carrier ON waybill_ranges (carrier, id);
CREATE TABLE waybills (
  carrier TEXT NOT NULL,
  tracking_no TEXT NOT NULL,
  shipment_id INTEGER NOT NULL,
  box_no INTEGER NOT NULL DEFAULT 1,
  source TEXT NOT NULL CHECK (source IN ('range', 'carrier', 'staff')),
  range_id INTEGER REFERENCES waybill_ranges (id),
  issued_at INTEGER NOT NULL,
  issued_by TEXT NOT NULL,
  voided_at INTEGER,
  void_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (carrier, tracking_no)
) WITHOUT ROWID;
CREATE INDEX waybills_by_shipment ON waybills (shipment_id, box_no);
-- MIGRATION 15 END
)sql",
    R"sql(
-- MIGRATION 16 BEGIN
-- Parcels go out in boxes, each with its packaging, weight and waybill number (a heavy or
-- bulky order in several): a JSON array per parcel, and how many of its boxes have no number
-- yet (waiting for the carrier's e-waybill system).
ALTER TABLE shipments ADD COLUMN boxes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE shipments ADD COLUMN waybills_missing INTEGER NOT NULL DEFAULT 0;
-- Partial: only the few parcels waiting for their carrier's e-waybill system are in it.
CREATE INDEX shipments_awaiting_waybill ON shipments (carrier, id)
  WHERE waybills_missing > 0 AND status IN ('planned', 'packed');
-- MIGRATION 16 END
)sql",
    R"sql(
-- MIGRATION 17 BEGIN
-- A warehouse's phone, printed as the sender's on its shipping labels.
ALTER TABLE warehouses ADD COLUMN phone TEXT NOT NULL DEFAULT '';
-- MIGRATION 17 END
)sql",
    R"sql(
-- MIGRATION 18 BEGIN
-- A cancellation once picking started is a request the warehouse confirms, like a change.
ALTER TABLE order_changes ADD COLUMN kind TEXT NOT NULL DEFAULT 'change'
  CHECK (kind IN ('change', 'cancel'));
-- MIGRATION 18 END
)sql",
    R"sql(
-- MIGRATION 19 BEGIN
-- Returns that failed for quality or came back damaged, reported to purchasing with what
-- became of them (store/sqlite/quality_report_queries.h).
CREATE TABLE quality_reports (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES after_sales_cases (id),
  order_no TEXT NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  warehouse TEXT NOT NULL,
  reason TEXT NOT NULL,
  passed INTEGER NOT NULL,
  disposition TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  reported_at INTEGER NOT NULL,
  reported_by TEXT NOT NULL
);
-- MIGRATION 19 END
)sql",
    // 20: the money of orders: refund approval (four eyes), causes and payout failures, and
    // the list of payments for finance.
    R"sql(
-- MIGRATION 20 BEGIN
-- Refunds (domain/payment/refund.h): the stable cause in `reason` (free text moves to `note`),
-- who must approve (approval) and what was decided (decision: '' when no approval is needed,
-- else awaiting, approved or rejected), the after-sales case refunded, and why a payout failed.
ALTER TABLE refunds ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN approval TEXT NOT NULL DEFAULT 'none'
  CHECK (approval IN ('none', 'peer', 'finance'));
ALTER TABLE refunds ADD COLUMN decision TEXT NOT NULL DEFAULT ''
  CHECK (decision IN ('', 'awaiting', 'approved', 'rejected'));
ALTER TABLE refunds ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN decided_at INTEGER;
ALTER TABLE refunds ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN failure_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN after_sales_id INTEGER NOT NULL DEFAULT 0;
UPDATE refunds SET note = reason, reason = CASE
    WHEN reason IN ('order_closed', 'order_change', 'missing_lines', 'dropped_lines',
                    'exchange_difference', 'after_sales', 'duplicate_payment',
                    'payment_after_close', 'overpayment') THEN reason
    WHEN reason = 'order_cancelled' THEN 'order_closed'
    WHEN reason LIKE 'after-sales case %' THEN 'after_sales'
    ELSE 'missing_lines' END
  WHERE reason NOT IN ('order_closed', 'order_change', 'missing_lines', 'dropped_lines',
                       'exchange_difference', 'after_sales', 'duplicate_payment',
                       'payment_after_close', 'overpayment');
UPDATE refunds SET after_sales_id = COALESCE(
  (SELECT c.id FROM after_sales_cases c WHERE c.refund_id = refunds.id), 0);
-- A refund is on its order's books until it is rejected: a failed payout is still owed.
DROP TRIGGER refunds_within_payment_insert;
DROP TRIGGER refunds_within_payment_update;
CREATE TRIGGER refunds_within_payment_insert BEFORE INSERT ON refunds
WHEN NEW.decision <> 'rejected' AND NEW.amount +
  (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_no = NEW.order_no
     AND decision <> 'rejected') >
  COALESCE((SELECT paid_amount FROM orders WHERE order_no = NEW.order_no), 0)
BEGIN
  SELECT RAISE(ABORT, 'refund_exceeds_payment');
END;
CREATE TRIGGER refunds_within_payment_update BEFORE UPDATE OF amount, status, decision ON refunds
WHEN NEW.decision <> 'rejected' AND NEW.amount +
  (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_no = NEW.order_no
     AND decision <> 'rejected' AND id <> NEW.id) >
  COALESCE((SELECT paid_amount FROM orders WHERE order_no = NEW.order_no), 0)
BEGIN
  SELECT RAISE(ABORT, 'refund_exceeds_payment');
END;
-- Finance reconciles by execution time, and asks for the refunds awaiting approval.
CREATE INDEX refunds_by_executed ON refunds (executed_at, id) WHERE executed_at IS NOT NULL;
CREATE INDEX refunds_awaiting ON refunds (id) WHERE decision = 'awaiting';
-- Every payment received or attempted, as recorded in its order (store/payment_store.h): written
-- by the store whenever an order with new payments is saved, so finance can list them.
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL REFERENCES orders (order_no),
  seq INTEGER NOT NULL,
  provider TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  duplicate INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  UNIQUE (order_no, seq)
);
CREATE INDEX payments_by_received ON payments (received_at, id);
CREATE INDEX payments_by_transaction ON payments (transaction_id);
INSERT INTO payments (order_no, seq, provider, transaction_id, amount, outcome, duplicate,
                      received_at)
  SELECT o.order_no, p.key, json_extract(p.value, '$.provider'), json_extract(p.value, '$.txn'),
         json_extract(p.value, '$.amount'),
         COALESCE(NULLIF(json_extract(p.value, '$.outcome'), ''), 'succeeded'),
         COALESCE(json_extract(p.value, '$.duplicate'), 0), json_extract(p.value, '$.at')
  FROM orders o, json_each(o.doc, '$.payments') p;
-- Abnormal cases by assignee (GET /anomalies?assignee=).
CREATE INDEX anomalies_by_assignee ON anomalies (assignee, id) WHERE assignee <> '';
-- MIGRATION 20 END
)sql",
    // 21: Stocktake counters: everyone who counted in a stocktake, so that four eyes also hold when
    // a line was recounted by someone else (the line keeps only its last counter).
    R"sql(
-- MIGRATION 21 BEGIN
CREATE TABLE stocktake_counters (
  stocktake_id INTEGER NOT NULL REFERENCES stocktakes (id),
  actor TEXT NOT NULL,
  PRIMARY KEY (stocktake_id, actor)
) WITHOUT ROWID;
INSERT OR IGNORE INTO stocktake_counters (stocktake_id, actor)
  SELECT stocktake_id, counted_by FROM stocktake_lines WHERE counted_by <> '';
DROP TRIGGER stocktakes_four_eyes;
CREATE TRIGGER stocktakes_four_eyes BEFORE UPDATE OF status ON stocktakes
WHEN NEW.status = 'approved' AND (
  EXISTS (SELECT 1 FROM stocktake_lines
          WHERE stocktake_id = NEW.id AND counted_by = NEW.decided_by) OR
  EXISTS (SELECT 1 FROM stocktake_counters
          WHERE stocktake_id = NEW.id AND actor = NEW.decided_by))
BEGIN
  SELECT RAISE(ABORT, 'self_approval');
END;
-- MIGRATION 21 END
)sql",
    // 22: Large manual stock movements waiting for a second person: a receipt or adjustment of more
    // units than the settings allow is kept here until someone else approves (and books) or
    // rejects it (domain/inventory/movement_request.h). Four eyes, again in the schema.
    R"sql(
-- MIGRATION 22 BEGIN
CREATE TABLE stock_movement_requests (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('receipt', 'adjustment')),
  warehouse TEXT NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity <> 0),
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  decided_at INTEGER,
  decided_by TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  ledger_id INTEGER NOT NULL DEFAULT 0,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX stock_movement_requests_by_status ON stock_movement_requests (status, id);
CREATE TRIGGER stock_movement_requests_four_eyes BEFORE UPDATE OF status
ON stock_movement_requests
WHEN NEW.status <> 'pending' AND NEW.decided_by = NEW.requested_by
BEGIN
  SELECT RAISE(ABORT, 'self_approval');
END;
-- MIGRATION 22 END
)sql",
    // 23: API tokens expire, can be revoked, and may belong to a staff account (they die with it).
    // Tokens made before expiry existed get 90 days from this migration.
    R"sql(
-- MIGRATION 23 BEGIN
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN user_id INTEGER REFERENCES users (id);
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
UPDATE api_tokens SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 7776000000
  WHERE expires_at IS NULL;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id) WHERE user_id IS NOT NULL;
-- MIGRATION 23 END
)sql",
    // 24: The lists of waves read through indexes as the waves accumulate: a warehouse's waves by
    // (warehouse, id), and the open waves from their open parcels (the warehouse's backlog, not
    // its history).
    R"sql(
-- MIGRATION 24 BEGIN
CREATE INDEX waves_by_warehouse ON waves (warehouse, id);
CREATE INDEX shipments_open_by_wave ON shipments (wave_id)
  WHERE status IN ('planned', 'packed') AND wave_id IS NOT NULL;
-- MIGRATION 24 END
)sql",
    // 25: The document archive (DOC-1, DOC-3, DOC-4): every document of an order, content-addressed
    // and sealed, once per (order, class, source); the retention index lists the archived
    // documents of a class by the time their order ended. Access grants of other departments,
    // the reads made under them, and destructions proposed by one person, approved by another.
    R"sql(
-- MIGRATION 25 BEGIN
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL,
  class TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  template TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  content TEXT,
  status TEXT NOT NULL DEFAULT 'archived',
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  order_ended_at INTEGER,
  destruction_id INTEGER,
  destroyed_at INTEGER,
  destroyed_by TEXT NOT NULL DEFAULT '',
  destruction_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX documents_by_order ON documents (order_no, class, source_ref);
CREATE INDEX documents_due ON documents (class, order_ended_at)
  WHERE status = 'archived' AND order_ended_at IS NOT NULL;
CREATE TABLE document_grants (
  id INTEGER PRIMARY KEY,
  department TEXT NOT NULL,
  class TEXT NOT NULL,
  document_id INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL,
  hours INTEGER NOT NULL,
  status TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  decision_note TEXT NOT NULL DEFAULT '',
  expires_at INTEGER
);
CREATE INDEX document_grants_by_status ON document_grants (status, id);
CREATE INDEX document_grants_live ON document_grants (department, class, expires_at)
  WHERE status = 'approved';
CREATE TABLE document_reads (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL,
  grant_id INTEGER NOT NULL,
  reader TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX document_reads_by_grant ON document_reads (grant_id, id);
CREATE TABLE document_destructions (
  id INTEGER PRIMARY KEY,
  document_ids TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER,
  decision_note TEXT NOT NULL DEFAULT '',
  destroyed_ids TEXT NOT NULL DEFAULT ''
);
CREATE INDEX document_destructions_by_status ON document_destructions (status, id);
-- MIGRATION 25 END
)sql",
    // 26: Reports (domain.md DAT-3, CS-4, AUD-3) read summary rows instead of the orders, so a
    // month's report reads a few thousand rows whatever the number of orders. Days and hours are
    // China time. report_sales: orders placed and their amount by day, hour, channel and
    // province, with those since cancelled or closed; report_sales_sku: the lines as ordered by
    // day, SKU and channel; report_counts: one counter per metric, day and dimension. The orders
    // and their events (the hot tables) are folded in by the writer in large passes, from the
    // marks in report_marks on (store/sqlite/report_queries.h FoldReports): intake pays nothing
    // per order. The rarer rows (after-sales cases and lines, refunds, abnormal cases,
    // complaints) are counted by triggers in the transaction that writes them. What the store
    // held before is counted here, but for review and shipping times, counted from now on.
    R"sql(
-- MIGRATION 26 BEGIN
CREATE TABLE report_sales (
  day TEXT NOT NULL,
  hour INTEGER NOT NULL,
  channel TEXT NOT NULL,
  province TEXT NOT NULL,
  orders INTEGER NOT NULL DEFAULT 0,
  amount INTEGER NOT NULL DEFAULT 0,
  cancelled_orders INTEGER NOT NULL DEFAULT 0,
  cancelled_amount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, hour, channel, province)
) WITHOUT ROWID;
CREATE TABLE report_sales_sku (
  day TEXT NOT NULL,
  sku TEXT NOT NULL,
  channel TEXT NOT NULL,
  orders INTEGER NOT NULL DEFAULT 0,
  quantity INTEGER NOT NULL DEFAULT 0,
  amount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, sku, channel)
) WITHOUT ROWID;
CREATE TABLE report_marks (
  name TEXT PRIMARY KEY,  -- 'orders', 'order_events': the last id folded
  last_id INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO report_marks (name, last_id)
VALUES ('orders', (SELECT ifnull(max(id), 0) FROM orders)),
       ('order_events', (SELECT ifnull(max(id), 0) FROM order_events));
CREATE TABLE report_counts (
  metric TEXT NOT NULL,
  day TEXT NOT NULL,
  dimension TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  amount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (metric, day, dimension)
) WITHOUT ROWID;

CREATE TRIGGER report_after_sales_opened AFTER INSERT ON after_sales_cases BEGIN
  INSERT INTO report_counts (metric, day, dimension, count, amount)
  VALUES ('after_sales_reason',
          strftime('%Y-%m-%d', (NEW.created_at + 28800000) / 1000, 'unixepoch'), NEW.reason, 1,
          NEW.requested_amount)
  ON CONFLICT DO UPDATE SET count = count + 1, amount = amount + excluded.amount;
  INSERT INTO report_counts (metric, day, dimension, count, amount)
  VALUES ('after_sales_carrier',
          strftime('%Y-%m-%d', (NEW.created_at + 28800000) / 1000, 'unixepoch'),
          ifnull((SELECT carrier FROM shipments WHERE order_no = NEW.order_no AND carrier <> ''
                  ORDER BY id LIMIT 1), ''), 1, NEW.requested_amount)
  ON CONFLICT DO UPDATE SET count = count + 1, amount = amount + excluded.amount;
END;
CREATE TRIGGER report_after_sales_line AFTER INSERT ON after_sales_lines BEGIN
  INSERT INTO report_counts (metric, day, dimension, count, amount)
  SELECT 'after_sales_sku', strftime('%Y-%m-%d', (c.created_at + 28800000) / 1000, 'unixepoch'),
         NEW.sku, 1, NEW.quantity * NEW.unit_price_amount
  FROM after_sales_cases AS c WHERE c.id = NEW.case_id
  ON CONFLICT DO UPDATE SET count = count + 1, amount = amount + excluded.amount;
END;
CREATE TRIGGER report_refund_created AFTER INSERT ON refunds BEGIN
  INSERT INTO report_counts (metric, day, dimension, count, amount)
  VALUES ('refund_reason', strftime('%Y-%m-%d', (NEW.created_at + 28800000) / 1000, 'unixepoch'),
          NEW.reason, 1, NEW.amount)
  ON CONFLICT DO UPDATE SET count = count + 1, amount = amount + excluded.amount;
END;
CREATE TRIGGER report_case_opened AFTER INSERT ON anomalies BEGIN
  INSERT INTO report_counts (metric, day, dimension, count)
  VALUES ('anomaly_type', strftime('%Y-%m-%d', (NEW.opened_at + 28800000) / 1000, 'unixepoch'),
          NEW.type, 1)
  ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER report_case_resolved AFTER UPDATE OF status ON anomalies
WHEN NEW.status = 'resolved' AND OLD.status <> 'resolved' BEGIN
  INSERT INTO report_counts (metric, day, dimension, count)
  VALUES ('anomaly_root_cause',
          strftime('%Y-%m-%d', (ifnull(NEW.closed_at, NEW.updated_at) + 28800000) / 1000,
                   'unixepoch'), NEW.root_cause, 1)
  ON CONFLICT DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER report_complaint AFTER INSERT ON customer_complaints BEGIN
  INSERT INTO report_counts (metric, day, dimension, count)
  VALUES ('complaint_category', strftime('%Y-%m-%d', (NEW.at + 28800000) / 1000, 'unixepoch'),
          NEW.category, 1)
  ON CONFLICT DO UPDATE SET count = count + 1;
END;

INSERT INTO report_sales (day, hour, channel, province, orders, amount, cancelled_orders,
                          cancelled_amount)
SELECT strftime('%Y-%m-%d', (created_at + 28800000) / 1000, 'unixepoch'),
       CAST(strftime('%H', (created_at + 28800000) / 1000, 'unixepoch') AS INTEGER), channel,
       ifnull(json_extract(doc, '$.consignee.province'), ''), COUNT(*), SUM(total_amount),
       SUM(status IN ('cancelled', 'closed')),
       SUM(CASE WHEN status IN ('cancelled', 'closed') THEN total_amount ELSE 0 END)
FROM orders GROUP BY 1, 2, 3, 4;
INSERT INTO report_sales_sku (day, sku, channel, orders, quantity, amount)
SELECT strftime('%Y-%m-%d', (o.created_at + 28800000) / 1000, 'unixepoch'),
       json_extract(line.value, '$.sku'), o.channel, COUNT(*),
       SUM(json_extract(line.value, '$.qty')),
       SUM(json_extract(line.value, '$.qty') * json_extract(line.value, '$.price'))
FROM orders AS o, json_each(o.doc, '$.lines') AS line GROUP BY 1, 2, 3;
INSERT INTO report_counts (metric, day, dimension, count, amount)
SELECT 'after_sales_reason', strftime('%Y-%m-%d', (created_at + 28800000) / 1000, 'unixepoch'),
       reason, COUNT(*), SUM(requested_amount)
FROM after_sales_cases GROUP BY 2, 3;
INSERT INTO report_counts (metric, day, dimension, count, amount)
SELECT 'after_sales_carrier', strftime('%Y-%m-%d', (c.created_at + 28800000) / 1000, 'unixepoch'),
       ifnull((SELECT carrier FROM shipments AS s WHERE s.order_no = c.order_no
               AND s.carrier <> '' ORDER BY s.id LIMIT 1), ''), COUNT(*), SUM(c.requested_amount)
FROM after_sales_cases AS c GROUP BY 2, 3;
INSERT INTO report_counts (metric, day, dimension, count, amount)
SELECT 'after_sales_sku', strftime('%Y-%m-%d', (c.created_at + 28800000) / 1000, 'unixepoch'),
       l.sku, COUNT(*), SUM(l.quantity * l.unit_price_amount)
FROM after_sales_lines AS l JOIN after_sales_cases AS c ON c.id = l.case_id GROUP BY 2, 3;
INSERT INTO report_counts (metric, day, dimension, count, amount)
SELECT 'refund_reason', strftime('%Y-%m-%d', (created_at + 28800000) / 1000, 'unixepoch'), reason,
       COUNT(*), SUM(amount)
FROM refunds GROUP BY 2, 3;
INSERT INTO report_counts (metric, day, dimension, count)
SELECT 'anomaly_type', strftime('%Y-%m-%d', (opened_at + 28800000) / 1000, 'unixepoch'), type,
       COUNT(*)
FROM anomalies GROUP BY 2, 3;
INSERT INTO report_counts (metric, day, dimension, count)
SELECT 'anomaly_root_cause',
       strftime('%Y-%m-%d', (ifnull(closed_at, updated_at) + 28800000) / 1000, 'unixepoch'),
       root_cause, COUNT(*)
FROM anomalies WHERE status = 'resolved' GROUP BY 2, 3;
INSERT INTO report_counts (metric, day, dimension, count)
SELECT 'complaint_category', strftime('%Y-%m-%d', (at + 28800000) / 1000, 'unixepoch'), category,
       COUNT(*)
FROM customer_complaints GROUP BY 2, 3;
-- MIGRATION 26 END
)sql",
    // 27: Order imports (ordo import, POST /api/v1/imports): each import with its counts and
    // status, and one result per order read. Results are listed by (import, seq), or by outcome
    // within an import; the live imports (queued, running) are found through a partial index
    // when a server starts or stops.
    R"sql(
-- MIGRATION 27 BEGIN
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  format TEXT NOT NULL CHECK (format IN ('taobao', 'jd', 'pdd', 'ordo')),
  files TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'running', 'completed', 'failed', 'interrupted')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  rows INTEGER NOT NULL DEFAULT 0 CHECK (rows >= 0),
  accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted >= 0),
  duplicate INTEGER NOT NULL DEFAULT 0 CHECK (duplicate >= 0),
  rejected INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
  bytes_read INTEGER NOT NULL DEFAULT 0,
  bytes_total INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  CHECK (accepted + duplicate + rejected = rows)
);
CREATE INDEX imports_live ON imports (status) WHERE status IN ('queued', 'running');
CREATE TABLE import_rows (
  import_id INTEGER NOT NULL REFERENCES imports (id),
  seq INTEGER NOT NULL,
  file TEXT NOT NULL,
  row_no INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'rejected')),
  external_id TEXT NOT NULL,
  order_no TEXT NOT NULL DEFAULT '',
  column_name TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;
CREATE INDEX import_rows_by_outcome ON import_rows (import_id, outcome, seq);
-- MIGRATION 27 END
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

int LatestSchemaVersion() {
  return static_cast<int>(kMigrations.size());
}

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
