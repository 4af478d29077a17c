/** `--ttl` takes Go's time.ParseDuration syntax; the result is in milliseconds. */
import { describe, expect, it } from 'vitest';
import { goDurationString, parseDurationOption } from '../../electron/cli/go-duration.js';
import { parseGoDuration, readGoDuration } from '../../electron/common/go-duration.js';

describe('parseDurationOption', () => {
  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['-2m', -120_000],
    ['+5s', 5_000],
    ['0', 0],
    ['-0', 0],
    ['0s', 0],
    ['300us', 0.3],
    ['1µs', 0.001],
    ['1μs', 0.001],
    ['1500ns', 0.0015],
    ['.5s', 500],
    ['1.s', 1_000],
    ['2h45m30.5s', 9_930_500],
    ['1h1m1s1ms', 3_661_001],
    ['10m10m', 1_200_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDurationOption(text)).toBeCloseTo(ms, 9);
  });

  it.each([
    '',
    '10',
    '1x',
    'h',
    '-',
    '+',
    'ms',
    '.s',
    '1 h',
    '1h 30m',
    '1s-1s',
    '1e3s',
    '0x10s',
    '00',
    's1',
    '1hh',
    '1H',
  ])('%j is an error that shows the text', (text) => {
    expect(() => parseDurationOption(text)).toThrow(/invalid duration/);
    expect(() => parseDurationOption(text)).toThrow(JSON.stringify(text));
  });
});

describe("parseDurationOption: Go's largest duration (int64 nanoseconds)", () => {
  it.each(['2562047h', '2562047h47m16s', '9223372036854ms', '-2562047h'])('%s is taken', (text) => {
    expect(Number.isFinite(parseDurationOption(text))).toBe(true);
  });

  it.each(['2562048h', '9999999999999h', '9223372036855s', '-2562048h'])(
    '%s is longer: an error naming the largest, never a clamped value',
    (text) => {
      expect(() => parseDurationOption(text)).toThrow(
        `${text} is longer than Go's largest duration (2562047h47m16.854775807s`,
      );
    },
  );
});

describe('readGoDuration: the one reader tells a typo from a length Go cannot hold', () => {
  it("names the problem; parseGoDuration (the page's) refuses both", () => {
    expect(readGoDuration('1x')).toEqual({ ok: false, problem: 'syntax' });
    expect(readGoDuration('2562048h')).toEqual({ ok: false, problem: 'range' });
    expect(readGoDuration('106752d', { days: true })).toEqual({ ok: false, problem: 'range' });
    expect(readGoDuration('106751d', { days: true }).ok).toBe(true);
    expect(parseGoDuration('2562048h')).toBeUndefined();
  });
});

describe('goDurationString: time left as Go prints a duration rounded to the second', () => {
  it.each([
    [5_356_466, '1h29m16s'],
    [3_600_000, '1h0m0s'],
    [90_000, '1m30s'],
    [120_400, '2m0s'],
    [59_600, '1m0s'],
    [45_000, '45s'],
    [1_000, '1s'],
    [466.4, '466ms'],
    [0.2, '0s'],
    [0, '0s'],
    [-90_000, '-1m30s'],
    [100 * 3_600_000, '100h0m0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(goDurationString(ms)).toBe(text);
  });
});
