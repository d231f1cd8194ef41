// Personal data as the console shows it. The server masks what the caller may not see; for a
// caller who may see it, the console still shows it masked, with the same rules as the server
// (http/dto.cc), until the person asks to reveal it: an explicit action the server records in
// the order's history (POST /orders/{order_no}/reveal).

// 13812345678 → 138****5678 (7 characters or more); shorter: the ends kept.
export function maskPhone(phone) {
  const text = String(phone ?? '');
  if (text.length >= 7) {
    return `${text.slice(0, 3)}****${text.slice(-4)}`;
  }
  if (text.length <= 2) {
    return '*'.repeat(text.length);
  }
  return text[0] + '*'.repeat(text.length - 2) + text[text.length - 1];
}

// 张三 → 张*; 欧阳娜娜 → 欧***.
export function maskName(name) {
  const chars = Array.from(String(name ?? ''));
  if (chars.length === 0) {
    return '';
  }
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

// 世纪大道100号 → 世纪大****.
export function maskDetail(detail) {
  return `${Array.from(String(detail ?? '')).slice(0, 3).join('')}****`;
}

// True when `value` carries a mask (an asterisk), so the real value is hidden.
export function isMasked(value) {
  return typeof value === 'string' && value.includes('*');
}

// True when the server masked any personal field of the order (the caller may not see them).
export function orderIsMasked(order) {
  if (!order) {
    return false;
  }
  const fields = [
    order.customer?.name,
    order.customer?.phone,
    order.consignee?.name,
    order.consignee?.phone,
    order.consignee?.address?.detail,
  ];
  return fields.some(isMasked);
}

// The personal fields of `order` as shown before a reveal: masked (a value the server masked
// already is left as it is).
export function maskedPeople(order) {
  const keep = (value, mask) => (isMasked(value) ? value : mask(value));
  const a = order?.consignee?.address || {};
  return {
    customerName: keep(order?.customer?.name, maskName),
    customerPhone: keep(order?.customer?.phone, maskPhone),
    consigneeName: keep(order?.consignee?.name, maskName),
    consigneePhone: keep(order?.consignee?.phone, maskPhone),
    address: [a.province, a.city, a.district, keep(a.detail, maskDetail)].filter(Boolean).join(' '),
  };
}

// The same fields unmasked (as the server sent them).
export function plainPeople(order) {
  const a = order?.consignee?.address || {};
  return {
    customerName: order?.customer?.name,
    customerPhone: order?.customer?.phone,
    consigneeName: order?.consignee?.name,
    consigneePhone: order?.consignee?.phone,
    address: [a.province, a.city, a.district, a.detail].filter(Boolean).join(' '),
  };
}
