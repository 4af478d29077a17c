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
