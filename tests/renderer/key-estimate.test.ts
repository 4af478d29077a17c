import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { estimateKeyAt, interpolateKey } from '../../renderer/src/grid/key-estimate.js';
import { scrollTopToReveal, visibleRows } from '../../renderer/src/grid/virtual-scroll.js';

describe('estimating a key by position', () => {
  it('lands between the two keys, in byte order', () => {
    for (const [from, to] of [
      ['cart/00000000', 'user/ffffffff'],
      ['a', 'b'],
      ['item/0001', 'item/9999'],
      ['é', '日本'],
    ] as const) {
      const middle = interpolateKey(from, to, 0.5);
      expect(compareKeys(from, middle)).toBeLessThanOrEqual(0);
      expect(compareKeys(middle, to)).toBeLessThanOrEqual(0);
    }
    expect(interpolateKey('item/0000', 'item/9999', 0.5).startsWith('item/')).toBe(true);
  });

  it('uses the nearest known keys around the position', () => {
    const known = [
      { index: 0, key: 'a' },
      { index: 100, key: 'm' },
      { index: 200, key: 'z' },
    ];
    expect(estimateKeyAt(known, 100)).toBe('m');
    const upper = estimateKeyAt(known, 150) ?? '';
    expect(compareKeys('m', upper)).toBeLessThan(0);
    expect(compareKeys(upper, 'z')).toBeLessThan(0);
  });
});

describe('virtual scrolling', () => {
  it('maps scroll pixels to rows one to one while the content fits', () => {
    expect(visibleRows({ scrollTop: 280, height: 280 }, 1000, 28)).toEqual({ first: 10, last: 20, offsetPx: 0 });
  });

  it('scales past the browser height limit, reaching the last row at the bottom', () => {
    const total = 1_000_000;
    const bottom = visibleRows({ scrollTop: 10_000_000 - 560, height: 560 }, total, 28);
    expect(bottom.last).toBe(total - 1);
    const middle = visibleRows({ scrollTop: (10_000_000 - 560) / 2, height: 560 }, total, 28);
    expect(Math.abs(middle.first - total / 2)).toBeLessThan(20);
  });

  it('scrolls only as far as needed to reveal a row', () => {
    expect(scrollTopToReveal(5, { scrollTop: 0, height: 280 }, 1000, 28)).toBeUndefined();
    expect(scrollTopToReveal(20, { scrollTop: 0, height: 280 }, 1000, 28)).toBe(21 * 28 - 280);
  });
});
