// Times are RFC 3339 UTC on the wire and shown in China Standard Time (Asia/Shanghai, UTC+8,
// no daylight saving), whatever the browser's own zone.
export const ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600 * 1000;

function parts(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const shifted = new Date(date.getTime() + OFFSET_MS);
  const pad = (n) => String(n).padStart(2, '0');
  return {
    date: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`,
  };
}

// "2026-11-26T02:03:04Z" → "2026-11-26 10:03:04".
export function formatTime(value) {
  if (!value) {
    return '—';
  }
  const p = parts(value);
  return p ? `${p.date} ${p.time}` : String(value);
}

export function formatDate(value) {
  const p = value ? parts(value) : null;
  return p ? p.date : '—';
}

// Today's date in Shanghai, "YYYY-MM-DD".
export function todayInShanghai(now = new Date()) {
  return parts(now).date;
}

// The UTC instant at which a Shanghai calendar day starts: "2026-11-26" → "2026-11-25T16:00:00Z".
export function shanghaiDayStart(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS).toISOString().replace('.000Z', 'Z');
}

// The start of the day after `day`, for half-open ranges.
export function shanghaiDayEnd(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - OFFSET_MS).toISOString().replace('.000Z', 'Z');
}
