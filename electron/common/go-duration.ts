/**
 * Go's time.ParseDuration syntax (`90s`, `1h30m`, `500ms`, `1.5h`, `-2m`), read the same way by the command
 * line's `--ttl` and the page's expiry fields. Results are in ms and may hold fractions (`300us` is 0.3).
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  // Go accepts both the micro sign (U+00B5) and the Greek mu (U+03BC).
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 3.6e6,
};
const DAY_MS = 8.64e7;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/y;

/**
 * Go's largest duration, an int64 count of nanoseconds (2^63 - 1 ns, 2562047h47m16.854775807s), in ms: the
 * missing 1 ns is below a double's precision there.
 */
export const MAX_GO_DURATION_MS = 2 ** 63 / 1e6;
/** How Go's time.Duration prints that largest value. */
export const MAX_GO_DURATION_TEXT = '2562047h47m16.854775807s';

export interface GoDurationOptions {
  /** Also accept `d` for days, which Go does not (the page offers it because people type it). */
  days?: boolean;
}

/**
 * A duration read, or why not: `syntax` (not Go's syntax) or `range` (longer than Go's largest duration,
 * which time.ParseDuration refuses too: a longer one cannot be kept, only clamped).
 */
export type GoDurationReading = { ok: true; ms: number } | { ok: false; problem: 'syntax' | 'range' };

/** ms, or undefined when the text is not a duration in Go's syntax or is longer than Go's largest. */
export function parseGoDuration(text: string, options: GoDurationOptions = {}): number | undefined {
  const reading = readGoDuration(text, options);
  return reading.ok ? reading.ms : undefined;
}

/** The one reader of durations (command line and page alike), telling a typo from a length Go cannot hold. */
export function readGoDuration(text: string, options: GoDurationOptions = {}): GoDurationReading {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  if (body === '0') return { ok: true, ms: 0 };
  if (body === '') return { ok: false, problem: 'syntax' };
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < body.length) {
    const start = PART.lastIndex;
    const match = PART.exec(body);
    if (match === null || match.index !== start) return { ok: false, problem: 'syntax' };
    const unit = unitMs(match[2] ?? '', options);
    if (unit === undefined) return { ok: false, problem: 'syntax' };
    total += Number(match[1]) * unit;
  }
  if (total > MAX_GO_DURATION_MS) return { ok: false, problem: 'range' };
  return { ok: true, ms: negative ? -total : total };
}

function unitMs(unit: string, options: GoDurationOptions): number | undefined {
  if (unit === 'd') return options.days ? DAY_MS : undefined;
  return UNIT_MS[unit];
}
