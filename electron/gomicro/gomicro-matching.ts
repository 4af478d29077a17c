import { createHash } from 'node:crypto';
import type { BucketRoot, LeafEntry, Snapshot } from './bbolt-reader.js';
import type { EntryFilter } from './gomicro-filter.js';
import type { KeyRange } from './gomicro-range.js';
import { walkRange } from './gomicro-range.js';
import { decodeGoMicroRecord, type GoMicroRecord } from './gomicro-record.js';
import { expiresAtMs } from './gomicro-table.js';

/** An entry that passed a filter, with what the tests already worked out. */
export interface Match {
  entry: LeafEntry;
  /** ms since the epoch, null for never. */
  expiresAt: number | null;
  /** Parsed only when a metadata or value condition needed it. */
  record: GoMicroRecord | null;
}

/**
 * The entry as a Match when it passes the filter. The tests run from cheap to dear, so a record is parsed
 * only when its key and expiry passed and a metadata or value condition remains.
 */
export function matchEntry(entry: LeafEntry, filter: EntryFilter, file: string): Match | null {
  if (!filter.keyMatches(entry.key)) return null;
  const expiresAt = expiresAtMs(entry, file);
  if (!filter.expiryMatches(expiresAt)) return null;
  if (filter.recordMatches === null) return { entry, expiresAt, record: null };
  const record = decodeGoMicroRecord(entry.key, entry.value, file);
  return filter.recordMatches(record) ? { entry, expiresAt, record } : null;
}

/** Calls `take` for each matching record of the range, in its order, until it returns false. */
export function eachMatch(
  snapshot: Snapshot,
  data: BucketRoot | null,
  filter: EntryFilter,
  range: KeyRange,
  take: (match: Match) => boolean,
): void {
  if (data === null) return;
  walkRange(snapshot, data, range, (entry) => {
    const match = matchEntry(entry, filter, snapshot.file);
    return match === null || take(match);
  });
}

export function recordOf(match: Match, file: string): GoMicroRecord {
  return match.record ?? decodeGoMicroRecord(match.entry.key, match.entry.value, file);
}

/**
 * bbolt keeps no per-record version, so a record's revision is a digest of what the file holds for it (key,
 * value, metadata and expiry, as go-micro's JSON): it changes exactly when the record's content does.
 */
export function goMicroRevisionOf(entry: LeafEntry): string {
  return `gm.${createHash('sha1').update(entry.value).digest('hex').slice(0, 16)}`;
}
