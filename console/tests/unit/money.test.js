import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan, formatBasisPoints } from '../../src/lib/money.js';

describe('formatFen', () => {
  it('shows fen as yuan with a thousands separator and two decimals', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(100000000)).toBe('¥1,000,000.00');
  });
  it('keeps the sign in front of the symbol', () => {
    expect(formatFen(-500)).toBe('-¥5.00');
  });
  it('is exact beyond the range where floating point would round', () => {
    expect(formatFen('900719925474099399')).toBe('¥9,007,199,254,740,993.99');
  });
  it('shows a dash for a missing amount', () => {
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined)).toBe('—');
  });
});

describe('parseYuan', () => {
  it('reads yuan with up to two decimals into integer fen', () => {
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan('¥12')).toBe(1200);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('19.99')).toBe(1999);
  });
  it('refuses what is not an amount', () => {
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('')).toBeNull();
    expect(parseYuan('1e5')).toBeNull();
  });
});

describe('formatBasisPoints', () => {
  it('shows basis points as a percentage', () => {
    expect(formatBasisPoints(9876)).toBe('98.76%');
    expect(formatBasisPoints(5)).toBe('0.05%');
  });
});
