// Money is integer fen everywhere (api.md); these helpers only format and parse it, never with
// floating point arithmetic.

// 123450 → "¥1,234.50"; -500 → "-¥5.00"; null/undefined → "—".
export function formatFen(fen, currency = 'CNY') {
  if (fen === null || fen === undefined || fen === '') {
    return '—';
  }
  const value = BigInt(typeof fen === 'string' ? fen.trim() : Math.trunc(Number(fen)));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  return `${negative ? '-' : ''}${symbol}${yuan}.${cents}`;
}

// "1,234.5" / "¥12" / "0.05" → 123450 / 1200 / 5; null when the text is not an amount of yuan
// with at most two decimals.
export function parseYuan(text) {
  const cleaned = String(text ?? '').replace(/[¥,\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) {
    return null;
  }
  const fen = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  const signed = match[1] === '-' ? -fen : fen;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return null;
  }
  return Number(signed);
}

// Basis points → "12.34%".
export function formatBasisPoints(bp) {
  if (bp === null || bp === undefined) {
    return '—';
  }
  const value = Math.trunc(Number(bp));
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}
