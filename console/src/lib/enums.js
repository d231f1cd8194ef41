// The values the server uses whose names the locale files translate (status.*, channel.*, …).
export const ORDER_STATUSES = [
  'pending_payment', 'pending_review', 'awaiting_fulfillment', 'picking', 'packed', 'shipped',
  'delivered', 'completed', 'cancelled', 'closed',
];
export const PAYMENT_STATUSES = [
  'unpaid', 'paid', 'cod_pending', 'cod_collected', 'partially_refunded', 'refunded',
];
export const CHANNELS = ['tmall', 'jd', 'douyin', 'web', 'phone', 'store', 'taobao', 'pdd'];
export const AFTER_SALES_TYPES = ['refund_only', 'return_refund', 'exchange', 'reship', 'partial_refund'];
export const AFTER_SALES_REASONS = [
  'quality', 'wrong_item', 'damaged', 'size', 'no_reason_7_days', 'logistics', 'other',
];
// Why a refund was made (domain/order/money.h RefundCause).
export const REFUND_REASONS = [
  'order_closed', 'order_change', 'missing_lines', 'dropped_lines', 'exchange_difference',
  'after_sales', 'duplicate_payment', 'payment_after_close', 'overpayment',
];
export const ROLES = [
  'admin', 'customer_service', 'warehouse', 'logistics', 'finance', 'operations', 'purchasing',
  'auditor', 'supervisor', 'channel',
];

// The priorities intake gives (domain/order/intake.cc): higher is served first.
export const PRIORITIES = [90, 85, 80, 60, 50, 30];
export const ORDER_CLASSES = ['standard', 'expedited', 'occasion', 'economy'];

// The transitions an order may be asked for in each status, with the permission each needs;
// the server's transition table still decides (an illegal one is answered 409).
export const ORDER_ACTIONS = {
  pending_payment: [['cancel', 'orders:cancel']],
  pending_review: [['review', 'orders:review'], ['cancel', 'orders:cancel']],
  awaiting_fulfillment: [['pick', 'orders:fulfil'], ['cancel', 'orders:cancel']],
  picking: [['pack', 'orders:fulfil'], ['cancel', 'orders:cancel']],
  packed: [['ship', 'orders:fulfil'], ['cancel', 'orders:cancel']],
  shipped: [['deliver', 'orders:deliver']],
  delivered: [['complete', 'orders:complete']],
  completed: [],
  cancelled: [],
  closed: [],
};
