/** Durations as people type them (Go's syntax: 90s, 1h30m, 500ms) and as the grid shows them. */

import { parseGoDuration } from '../../../electron/common/go-duration.js';

/**
 * Whole milliseconds, or undefined when the text is not a duration. A `d` (day) unit is accepted too; a sign
 * is not, as the fields that take a duration ask for a length of time.
 */
export function parseDuration(text: string): number | undefined {
  const body = text.trim();
  if (/^[-+]/.test(body)) return undefined;
  const ms = parseGoDuration(body, { days: true });
  return ms === undefined ? undefined : Math.round(ms);
}

/** A time to live as typed, read as the CLI's `--ttl` reads it; the message says what is wrong when it is not one. */
export type TtlParse = { ok: true; ms: number } | { ok: false; message: string };

/**
 * A time to live in Go's time.ParseDuration syntax exactly as the CLI's `--ttl` takes it (units ns, us, µs, ms,
 * s, m, h; no `d`), so what the page accepts the command line does too. Zero is refused with a pointer to No
 * expiry, since go-micro reads a TTL of 0 as no expiry rather than "expire now"; a fraction of a millisecond is
 * kept as 1 ms, the smallest expiry the stores hold, rather than rounded to 0. `noExpiry` names the button that
 * removes the expiry where the field is.
 */
export function parseTtl(text: string, noExpiry = 'No expiry'): TtlParse {
  const body = text.trim();
  const ms = parseGoDuration(body);
  if (ms === undefined) {
    return {
      ok: false,
      message: `"${body}" is not a duration: use Go's syntax (units ns, us, ms, s, m, h), like 90s or 1h30m`,
    };
  }
  if (ms < 0) return { ok: false, message: `"${body}" must not be negative` };
  if (ms === 0) return { ok: false, message: `0 means no expiry: use ${noExpiry}` };
  return { ok: true, ms: Math.max(1, Math.round(ms)) };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Time left, to the second, in its two largest units: `45s`, `4m 05s`, `2h 03m`, `3d 04h`. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / SECOND));
  const pad = (value: number) => String(value).padStart(2, '0');
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${pad(Math.floor((seconds % 3600) / 60))}m`;
  return `${Math.floor(seconds / 86_400)}d ${pad(Math.floor((seconds % 86_400) / 3600))}h`;
}

/** How long ago, in its largest unit alone: `45s`, `12m`, `3h`, `2099d`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / SECOND));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** A duration in Go's syntax, the shortest that says it exactly: 90000 → `1m30s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.abs(ms);
  for (const [unit, size] of [
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return (ms < 0 ? '-' : '') + parts.join('');
}
