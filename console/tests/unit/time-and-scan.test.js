import { describe, expect, it } from 'vitest';
import { formatTime, shanghaiDayStart, shanghaiDayEnd, todayInShanghai } from '../../src/lib/time.js';
import { newTally, packBody, recordScan, tallyComplete, tallyScans } from '../../src/lib/scan.js';

describe('times in Asia/Shanghai', () => {
  it('shows UTC instants in China Standard Time', () => {
    expect(formatTime('2026-11-26T02:03:04Z')).toBe('2026-11-26 10:03:04');
    expect(formatTime('2026-11-26T20:00:00Z')).toBe('2026-11-27 04:00:00');
  });
  it('bounds a Shanghai day in UTC', () => {
    expect(shanghaiDayStart('2026-11-26')).toBe('2026-11-25T16:00:00Z');
    expect(shanghaiDayEnd('2026-11-30')).toBe('2026-11-30T16:00:00Z');
    expect(todayInShanghai(new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-26');
  });
});

describe('scan verification', () => {
  it('passes expected items and refuses others and surplus', () => {
    const tally = newTally([{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }]);
    expect(recordScan(tally, 'A')).toBe('pass');
    expect(recordScan(tally, 'X')).toBe('unexpected');
    expect(recordScan(tally, ' A ')).toBe('pass');
    expect(recordScan(tally, 'A')).toBe('surplus');
    expect(tallyComplete(tally)).toBe(false);
    expect(recordScan(tally, 'B')).toBe('pass');
    expect(tallyComplete(tally)).toBe(true);
    expect(tallyScans(tally)).toEqual([{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }]);
  });
});

describe('packing boxes', () => {
  it('packs one box by its weight, and names its type only when chosen', () => {
    expect(packBody([{ box: '', weight_g: 820 }])).toEqual({ weight_g: 820 });
    expect(packBody([{ box: 'M', weight_g: 820 }])).toEqual({ box: 'M', weight_g: 820 });
  });
  it('packs several boxes each with its own weight', () => {
    expect(packBody([{ box: 'L', weight_g: 9000 }, { box: '', weight_g: 4000 }]))
      .toEqual({ boxes: [{ box: 'L', weight_g: 9000 }, { weight_g: 4000 }] });
  });
});
