import { type ExpiryState, type MetadataMatch, metadataMatchTexts, type RecordFilter } from '../store/record-filter.js';

/**
 * The inspector's RecordFilter as tests on bbolt entries, with the SQLite store's semantics
 * (electron/store/record-filter.ts), ordered from cheap to dear: the key's bytes, then the expiry (read from
 * the tail of the value), then the metadata (which needs the value parsed).
 */
export interface EntryFilter {
  /** Every key starts with these bytes: the range the cursor walks, not a test. */
  prefix: Buffer;
  keyMatches(key: Buffer): boolean;
  expiryMatches(expiresAt: number | null): boolean;
  /** null when the filter has no metadata condition, so records need not be parsed to be filtered. */
  metadataMatches: ((metadata: Record<string, unknown>) => boolean) | null;
}

export function compileFilter(filter: RecordFilter, now: number): EntryFilter {
  const suffix = Buffer.from(filter.suffix ?? '', 'utf8');
  const needle = Buffer.from(filter.contains ?? '', 'utf8');
  const metadata = filter.metadata ?? [];
  return {
    prefix: Buffer.from(filter.prefix ?? '', 'utf8'),
    keyMatches: (key) => endsWith(key, suffix) && (needle.length === 0 || key.includes(needle)),
    expiryMatches: expiryTest(filter.expiry ?? 'live', filter.expiringWithinMs, now),
    metadataMatches: metadata.length === 0 ? null : metadataTest(metadata),
  };
}

/** True when the filter is only about liveness, so a table's cached counts answer it without a scan. */
export function isPlainExpiryFilter(filter: RecordFilter): boolean {
  const { prefix, suffix, contains, metadata, expiringWithinMs } = filter;
  return !prefix && !suffix && !contains && (metadata ?? []).length === 0 && expiringWithinMs === undefined;
}

function endsWith(key: Buffer, suffix: Buffer): boolean {
  return suffix.length <= key.length && suffix.compare(key, key.length - suffix.length) === 0;
}

/** The SQLite store's expiry conditions, on an expiry in ms since the epoch (null: never). */
function expiryTest(state: ExpiryState, withinMs: number | undefined, now: number) {
  const within = (at: number | null) => withinMs === undefined || (at !== null && at <= now + withinMs);
  switch (state) {
    case 'all':
      return within;
    case 'expired':
      return (at: number | null) => at !== null && at < now;
    case 'no-ttl':
      return (at: number | null) => at === null;
    case 'has-ttl':
      return (at: number | null) => at !== null && at >= now && within(at);
    default:
      return (at: number | null) => (at === null || at >= now) && within(at);
  }
}

/**
 * field=value as the SQLite store compares it: the field's JSON text against the typed value read as JSON
 * and as a string, so typed 3 finds the number 3 and the string "3", and typed "3" only the string.
 */
function metadataTest(matches: MetadataMatch[]) {
  const wanted = matches.map(({ field, value }) => ({
    field,
    texts: new Set(metadataMatchTexts(value)),
  }));
  return (metadata: Record<string, unknown>) =>
    wanted.every(({ field, texts }) => Object.hasOwn(metadata, field) && texts.has(JSON.stringify(metadata[field])));
}
