import { MAX_GO_DURATION_TEXT, readGoDuration } from '../common/go-duration.js';

/** `--ttl`: Go's time.ParseDuration syntax (`90s`, `1h30m`, `500ms`, `1.5h`, `-2m`); the result is in ms. */
export function parseDurationOption(text: string): number {
  const reading = readGoDuration(text);
  if (reading.ok) return reading.ms;
  if (reading.problem === 'range') {
    throw new Error(`${text} is longer than Go's largest duration (${MAX_GO_DURATION_TEXT}, about 292 years)`);
  }
  throw new Error(`invalid duration ${JSON.stringify(text)} (use Go's syntax: 90s, 1h30m, 500ms)`);
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
