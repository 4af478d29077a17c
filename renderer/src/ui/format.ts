/** Numbers, sizes and times as the status bar and the grid show them. */

const integer = new Intl.NumberFormat('en-US');

export function formatCount(count: number): string {
  return integer.format(count);
}

/** A count with its noun: `1 record`, `2,000 records` (nouns that take an s). */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Local time, `2025-11-29 18:14:03`: sortable by eye and unambiguous. */
export function formatTimestamp(ms: number): string {
  const date = new Date(ms);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * An instant in full, for the hover text of every relative time ("in 5m", "3h ago"): local time to read,
 * ISO 8601 UTC to paste into a log search or a colleague's timezone.
 */
export function formatAbsoluteTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'an invalid time';
  return `${formatTimestamp(ms)} local · ${new Date(ms).toISOString()} UTC`;
}

/**
 * Whether a record's write time is known: Postgres, MySQL and Redis keep none and send 0 (docs/backends.md),
 * which is no instant anyone wrote at and must not show as 1970-01-01.
 */
export function knowsWriteTime(updatedAt: number): boolean {
  return updatedAt > 0;
}

/** What stands in the place of a write time the store does not keep. */
export const UNKNOWN_WRITE_TIME = '—';

/** The time alone for today's instants, else the date: what fits a narrow column. */
export function formatShortTimestamp(ms: number, now = Date.now()): string {
  const full = formatTimestamp(ms);
  return full.slice(0, 10) === formatTimestamp(now).slice(0, 10) ? full.slice(11) : full.slice(0, 10);
}

/** The value of a datetime-local input for an instant. */
export function toDateTimeLocal(ms: number): string {
  const date = new Date(ms);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** Metadata on one line: `kind=user, v=3`. */
export function formatMetadata(metadata: Record<string, unknown>): string {
  return Object.entries(metadata)
    .map(([field, value]) => `${field}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** How long something took: `340 ms`, `1.2 s`, `2 min 05 s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
