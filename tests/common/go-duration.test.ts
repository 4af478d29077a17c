/** Go's time.ParseDuration syntax, one reading for the command line's --ttl and the page's expiry fields. */
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../electron/common/go-duration.js';

describe('parseGoDuration', () => {
  it("reads Go's units, fractions and sign, in ms (the CLI's tests hold the full table)", () => {
    expect([parseGoDuration('1h30m'), parseGoDuration('-2m'), parseGoDuration('.5s'), parseGoDuration('1μs')]).toEqual([
      5_400_000, -120_000, 500, 0.001,
    ]);
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
