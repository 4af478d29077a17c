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

export interface GoDurationOptions {
  /** Also accept `d` for days, which Go does not (the page offers it because people type it). */
  days?: boolean;
}

/** ms, or undefined when the text is not a duration in Go's syntax. */
export function parseGoDuration(text: string, options: GoDurationOptions = {}): number | undefined {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  if (body === '0') return 0;
  if (body === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < body.length) {
    const start = PART.lastIndex;
    const match = PART.exec(body);
    if (match === null || match.index !== start) return undefined;
    const unit = unitMs(match[2] ?? '', options);
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
  }
  return negative ? -total : total;
}

function unitMs(unit: string, options: GoDurationOptions): number | undefined {
  if (unit === 'd') return options.days ? DAY_MS : undefined;
  return UNIT_MS[unit];
}
