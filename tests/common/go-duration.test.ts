/** Go's time.ParseDuration syntax, one reading for the command line's --ttl and the page's expiry fields. */
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../electron/common/go-duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['-2m', -120_000],
    ['+5s', 5_000],
    ['0', 0],
    ['300us', 0.3],
    ['1µs', 0.001],
    ['1μs', 0.001],
    ['.5s', 500],
    ['1.s', 1_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '10', '1x', '-', '1 h', '1e3s', '00', '1H', '2d'])('%j is not a duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it('takes days only when asked, as Go has no such unit', () => {
    expect(parseGoDuration('2d', { days: true })).toBe(172_800_000);
    expect(parseGoDuration('1d12h', { days: true })).toBe(129_600_000);
    expect(parseGoDuration('2d')).toBeUndefined();
  });
});
