import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCountdown,
  formatGoDuration,
  parseDuration,
  parseTtl,
} from '../../renderer/src/ui/duration.js';
import { formatBytes, formatMetadata } from '../../renderer/src/ui/format.js';

describe('durations', () => {
  it("parses Go's syntax, and days", () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('5 minutes')).toBeUndefined();
    expect(parseDuration('10')).toBeUndefined();
  });

  it('formats countdowns in their two largest units, rounding up to the second', () => {
    expect(formatCountdown(45_000)).toBe('45s');
    expect(formatCountdown(1)).toBe('1s');
    expect(formatCountdown(245_000)).toBe('4m 05s');
    expect(formatCountdown(7_380_000)).toBe('2h 03m');
    expect(formatCountdown(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 04h');
    expect(formatCountdown(-5)).toBe('0s');
  });

  it("writes durations back in Go's syntax", () => {
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(86_400_000)).toBe('24h');
    expect(formatGoDuration(1_500)).toBe('1s500ms');
  });
});

describe('sizes and metadata', () => {
  it('formats sizes', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('puts metadata on one line', () => {
    expect(formatMetadata({ kind: 'user', v: 3, tags: ['a'] })).toBe('kind=user, v=3, tags=["a"]');
  });

  it('says how long ago in one unit', () => {
    expect([45_000, 12 * 60_000 + 59_000, 3 * 3_600_000, 2_099 * 86_400_000].map(formatAge)).toEqual([
      '45s',
      '12m',
      '3h',
      '2099d',
    ]);
  });
});

describe('a time to live as typed in the editor and the Set TTL dialog', () => {
  it("takes exactly the CLI's Go syntax", () => {
    expect(parseTtl('90s')).toEqual({ ok: true, ms: 90_000 });
    expect(parseTtl(' 1h30m ')).toEqual({ ok: true, ms: 5_400_000 });
    expect(parseTtl('1.5h')).toEqual({ ok: true, ms: 5_400_000 });
    expect(parseTtl('300us')).toEqual({ ok: true, ms: 1 });
  });

  it('refuses days, which Go has no unit for', () => {
    expect(parseTtl('1d')).toEqual({ ok: false, message: expect.stringContaining('"1d" is not a duration') });
  });

  it('says a negative duration is negative, not that it is no duration', () => {
    expect(parseTtl('-5s')).toEqual({ ok: false, message: '"-5s" must not be negative' });
  });

  it('points 0 to the way to remove an expiry, as go-micro reads a TTL of 0 as none', () => {
    expect(parseTtl('0')).toEqual({ ok: false, message: '0 means no expiry: use No expiry' });
    expect(parseTtl('0s', 'Remove TTL')).toEqual({ ok: false, message: '0 means no expiry: use Remove TTL' });
  });
});
