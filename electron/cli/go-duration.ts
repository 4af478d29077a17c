/** Go's time.ParseDuration syntax: `90s`, `1h30m`, `500ms`, `1.5h`, `-2m`; the result is in ms. */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

export function parseGoDuration(text: string): number {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  if (body === '0') return 0;
  if (body === '') throw new Error(`invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < body.length) {
    const start = PART.lastIndex;
    const match = PART.exec(body);
    if (match === null || match.index !== start) {
      throw new Error(`invalid duration ${JSON.stringify(text)} (use Go's syntax: 90s, 1h30m, 500ms)`);
    }
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return negative ? -total : total;
}

/**
 * Time left as Go's time.Duration prints it once rounded to the second (`d.Round(time.Second)`):
 * `1h29m16s`, `2m0s`, `45s`; under a second, to the millisecond (`466ms`).
 */
export function goDurationString(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) {
    const rounded = Math.round(abs);
    return rounded === 0 ? '0s' : `${sign}${rounded}ms`;
  }
  const seconds = Math.round(abs / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = `${minutes}m${seconds % 60}s`;
  if (hours > 0) return `${sign}${hours}h${rest}`;
  return `${sign}${minutes > 0 ? rest : `${seconds}s`}`;
}
