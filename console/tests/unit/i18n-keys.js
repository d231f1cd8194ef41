// The translation keys the console's sources use: every literal t('a.b') / $t('a.b') /
// te('a.b'), and every dynamic key written as t(`prefix.${x}`) expanded over the values the
// console knows for it (lib/enums.js and the lists below).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as enums from '../../src/lib/enums.js';

export function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === 'locales' ? [] : sourceFiles(path);
    }
    return /\.(vue|js)$/.test(name) ? [path] : [];
  });
}

export function literalKeys(text) {
  const keys = new Set();
  for (const m of text.matchAll(/\b(?:\$?t|te)\(\s*'([A-Za-z0-9_.-]+)'/g)) {
    keys.add(m[1]);
  }
  return keys;
}

export function dynamicPrefixes(text) {
  const prefixes = new Set();
  for (const m of text.matchAll(/\b(?:\$?t|te)\(\s*`([A-Za-z0-9_.]+)\.\$\{/g)) {
    prefixes.add(m[1]);
  }
  return prefixes;
}

// The values each dynamic prefix is used with.
export const DYNAMIC = {
  status: [...enums.ORDER_STATUSES, 'open', 'assigned', 'resolved', 'dismissed'],
  paymentStatus: enums.PAYMENT_STATUSES,
  channel: enums.CHANNELS,
  role: enums.ROLES,
  afterSalesType: enums.AFTER_SALES_TYPES,
  afterSalesReason: enums.AFTER_SALES_REASONS,
  afterSalesStatus: ['requested', 'approved', 'rejected', 'awaiting_return', 'received', 'inspected', 'refunding', 'completed', 'closed'],
  afterSalesAction: ['approve', 'reject', 'refund', 'receive', 'inspect', 'complete'],
  refundStatus: ['awaiting_approval', 'pending', 'succeeded', 'failed', 'rejected'],
  refundReason: enums.REFUND_REASONS,
  action: ['review', 'pick', 'pack', 'ship', 'deliver', 'complete', 'cancel', 'afterSales'],
  priority: enums.PRIORITIES.map(String),
  orderClass: enums.ORDER_CLASSES,
  credit: ['good', 'normal', 'low'],
  paymentMethod: ['online', 'cod'],
  movement: ['receipt', 'reservation', 'release', 'consumption', 'return', 'adjustment', 'stocktake'],
  menu: ['dashboard', 'orders', 'review', 'anomalies', 'inventory', 'warehouse', 'afterSales', 'finance', 'customers', 'supervision', 'system', 'reports'],
  'export.what': ['orders', 'order_lines', 'shipments', 'refunds', 'after_sales', 'stock_ledger', 'audit'],
  'reports.name': ['sales', 'after_sales', 'refunds', 'review_time', 'shipping_time', 'anomalies', 'feedback'],
  'reports.groupBy_': ['day', 'hour', 'channel', 'store', 'province', 'sku', 'reason', 'carrier', 'type', 'root_cause', 'category', 'band'],
  'reports.figure': ['orders', 'amount', 'cancelled_orders', 'cancelled_amount', 'net_amount', 'quantity', 'cases', 'refunds', 'rate_bp', 'share_bp', 'average_minutes', 'parcels', 'complaints'],
  'reports.about': [],
  dashboard: ['orders', 'amount', 'pendingReview', 'anomaliesOpen', 'lateShipments'],
  'orders.by': ['q', 'phone', 'member_id', 'consignee'],
  stock: ['receipt', 'adjustment'],
  amount: ['total_amount', 'paid_amount', 'refunded_amount', 'supplement_due_amount', 'exchange_due_amount'],
  'warehouse.pdf': ['pick-list', 'packing-slips', 'labels'],
  'warehouse.scan': ['unexpected', 'surplus'],
  'system.kind': ['daily', 'weekly', 'monthly'],
  'system.backupStatus': ['ok', 'failed'],
  'system.trigger': ['scheduled', 'manual'],
  documentClass: ['order_confirmation', 'packing_slip', 'waybill', 'invoice', 'complaint_record', 'inspection_report', 'refund_voucher'],
  documentStatus: ['archived', 'destroyed'],
  grantStatus: ['pending', 'approved', 'refused'],
  // Open-ended values (server codes): translated when known, shown as sent otherwise (te()).
  errors: [],
  event: [],
  anomalyType: [],
  severity: [],
  shipmentStatus: [],
  field: [],
  setting: [],
};

export function usedKeys(srcDir) {
  const keys = new Set();
  const unknownPrefixes = new Set();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    literalKeys(text).forEach((k) => keys.add(k));
    for (const prefix of dynamicPrefixes(text)) {
      if (!(prefix in DYNAMIC)) {
        unknownPrefixes.add(`${prefix} (${file})`);
        continue;
      }
      DYNAMIC[prefix].forEach((v) => keys.add(`${prefix}.${v}`));
    }
  }
  return { keys, unknownPrefixes };
}

export function flatten(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
