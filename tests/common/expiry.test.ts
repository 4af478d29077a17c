/** When a record is expired and how much life it has left: one rule for both backends and the page. */
import { describe, expect, it } from 'vitest';
import { isExpired, remainingLife } from '../../electron/common/expiry.js';

describe('isExpired', () => {
  it('is live up to and at the exact millisecond it expires, expired after', () => {
    expect(isExpired(1_000, 999)).toBe(false);
    expect(isExpired(1_000, 1_000)).toBe(false);
    expect(isExpired(1_000, 1_000.5)).toBe(true);
    expect(isExpired(1_000, 1_001)).toBe(true);
  });

  it('never expires a record without an expiry', () => {
    expect(isExpired(null, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('remainingLife', () => {
  it('is the ms left, rounded up, and at least 1 while the record expires at all', () => {
    expect(remainingLife(5_000, 1_000)).toBe(4_000);
    expect(remainingLife(5_000, 4_999.2)).toBe(1);
    expect(remainingLife(5_000, 5_000)).toBe(1);
  });

  it('is 0 for a record that never expires, as go-micro reports it', () => {
    expect(remainingLife(null, 1_000)).toBe(0);
  });
});
