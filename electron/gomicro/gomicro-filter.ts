import { metadataTest } from '../common/metadata-evaluation.js';
import type { ExpiryState, RecordFilter } from '../store/record-filter.js';
import type { GoMicroRecord } from './gomicro-record.js';

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
  /** null when the filter has no metadata or value condition, so records need not be parsed to be filtered. */
  recordMatches: ((record: GoMicroRecord) => boolean) | null;
}

export function compileFilter(filter: RecordFilter, now: number): EntryFilter {
  const suffix = Buffer.from(filter.suffix ?? '', 'utf8');
  const contains = bytesContain(filter.contains ?? '', filter.containsCase);
  const metadata = filter.metadata ?? [];
  const metadataMatches = metadata.length === 0 ? null : metadataTest(metadata);
  const valueMatches = filter.valueContains ? bytesContain(filter.valueContains, filter.valueCase) : null;
  return {
    prefix: Buffer.from(filter.prefix ?? '', 'utf8'),
    keyMatches: (key) => endsWith(key, suffix) && contains(key),
    expiryMatches: expiryTest(filter.expiry ?? 'live', filter.expiringWithinMs, now),
    recordMatches:
      metadataMatches === null && valueMatches === null
        ? null
        : (record) =>
            (valueMatches === null || valueMatches(record.value)) &&
            (metadataMatches === null || metadataMatches(record.metadata)),
  };
}

/** True when the filter is only about liveness, so a table's cached counts answer it without a scan. */
export function isPlainExpiryFilter(filter: RecordFilter): boolean {
  const { prefix, suffix, contains, valueContains, metadata, expiringWithinMs } = filter;
  return (
    !prefix && !suffix && !contains && !valueContains && (metadata ?? []).length === 0 && expiringWithinMs === undefined
  );
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
 * Key (or value) contains on the bytes; ignoring case folds ASCII letters only, as SQLite's lower() does, so
 * every backend agrees (docs/metadata-queries.md).
 */
function bytesContain(needle: string, caseMode: RecordFilter['containsCase']): (bytes: Buffer) => boolean {
  if (needle === '') return () => true;
  if (caseMode !== 'insensitive') {
    const bytes = Buffer.from(needle, 'utf8');
    return (key) => key.includes(bytes);
  }
  const folded = Buffer.from(
    needle.replace(/[A-Z]/g, (letter) => letter.toLowerCase()),
    'utf8',
  );
  return (key) => asciiLowerBytes(key).includes(folded);
}

function asciiLowerBytes(key: Buffer): Buffer {
  const lowered = Buffer.from(key);
  for (let index = 0; index < lowered.length; index++) {
    const byte = lowered[index] ?? 0;
    if (byte >= 0x41 && byte <= 0x5a) lowered[index] = byte + 0x20;
  }
  return lowered;
}
