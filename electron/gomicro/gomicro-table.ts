import { isExpired, remainingLife } from '../common/expiry.js';
import { BUCKET_LEAF_FLAG } from './bbolt-pages.js';
import type { BucketRoot, Cursor, LeafEntry, Snapshot } from './bbolt-reader.js';
import { BboltFile } from './bbolt-reader.js';
import { formatGoTimeUtc, goTimeToMs } from './go-time.js';
import { decodeGoMicroRecord, peekExpiresAtMs } from './gomicro-record.js';

/** go-micro's file store keeps every record of a table in this one bucket. */
export const DATA_BUCKET = 'data';

/** A record as the inspector shows it: expired ones included, with their absolute expiry. */
export interface GoMicroEntry {
  key: string;
  value: Buffer;
  metadata: Record<string, unknown>;
  /** ms since the epoch (with a sub-millisecond fraction), null when it never expires. */
  expiresAt: number | null;
  /** The same instant in RFC 3339, UTC, to the nanosecond as go-micro wrote it; null when it never expires. */
  expires: string | null;
  expired: boolean;
  /** ms of life left, at least 1 while live; 0 when it never expires or has expired. */
  expiry: number;
}

export interface TableQuery {
  /** Byte prefix every key must start with (empty: all). */
  prefix: Buffer;
  /** Byte suffix every key must end with (empty: all). */
  suffix: Buffer;
  /** Keyset paging: only keys strictly greater than this. */
  after: Buffer | null;
  offset: number;
  /** 0: no limit. */
  limit: number;
  includeExpired: boolean;
  now: number;
}

export interface TableCounts {
  live: number;
  expired: number;
}

/**
 * One go-micro table: a bbolt file with a `data` bucket. Each method is one consistent read (see
 * BboltFile.view): it decodes what it returns before the view ends, so a retry starts from scratch.
 */
export class GoMicroTable {
  private readonly bbolt: BboltFile;

  constructor(readonly path: string) {
    this.bbolt = BboltFile.atPath(path);
  }

  /** Checks that the file is a readable bbolt file (its meta pages), without walking the tree. */
  check(): void {
    this.bbolt.view((snapshot) => snapshot.meta);
  }

  /**
   * Runs `fn` on one consistent view of the `data` bucket (null when the file has none). Like every view it
   * may run more than once, so `fn` must decode what it returns and have no side effects.
   */
  read<T>(fn: (snapshot: Snapshot, data: BucketRoot | null) => T): T {
    return this.bbolt.view((snapshot) => fn(snapshot, snapshot.bucket([DATA_BUCKET])));
  }

  get(key: Buffer, now: number): GoMicroEntry | null {
    return this.bbolt.view((snapshot) => {
      const bucket = snapshot.bucket([DATA_BUCKET]);
      const entry = bucket === null ? null : snapshot.get(bucket, key);
      if (entry === null || (entry.flags & BUCKET_LEAF_FLAG) !== 0) return null;
      return toEntry(entry, this.path, now);
    });
  }

  /** Filter, then key order (bbolt's own), then offset, then limit: docs/store-semantics.md §3. */
  query(q: TableQuery): GoMicroEntry[] {
    return this.bbolt.view((snapshot) => {
      const out: GoMicroEntry[] = [];
      scan(snapshot, q, (entry) => {
        out.push(toEntry(entry, this.path, q.now));
        return q.limit === 0 || out.length < q.limit;
      });
      return out;
    });
  }

  /** Keys only: values are not decoded beyond their expiry. */
  keys(q: TableQuery): string[] {
    return this.bbolt.view((snapshot) => {
      const out: string[] = [];
      scan(snapshot, q, (entry) => {
        out.push(entry.key.toString('utf8'));
        return q.limit === 0 || out.length < q.limit;
      });
      return out;
    });
  }

  counts(now: number): TableCounts {
    return this.bbolt.view((snapshot) => {
      const counts = { live: 0, expired: 0 };
      const bucket = snapshot.bucket([DATA_BUCKET]);
      if (bucket === null) return counts;
      const cursor = snapshot.cursor(bucket);
      for (let entry = cursor.first(); entry !== null; entry = cursor.next()) {
        if ((entry.flags & BUCKET_LEAF_FLAG) !== 0) continue;
        if (isExpired(expiresAtMs(entry, this.path), now)) counts.expired++;
        else counts.live++;
      }
      return counts;
    });
  }
}

/** A record's expiry, from the tail of its value when it has Go's field order (no JSON parse), else decoded. */
export function expiresAtMs(entry: LeafEntry, file: string): number | null {
  const peeked = peekExpiresAtMs(entry.value);
  if (peeked !== undefined) return peeked;
  const { expiresAt } = decodeGoMicroRecord(entry.key, entry.value, file);
  return expiresAt === null ? null : goTimeToMs(expiresAt);
}

function toEntry(entry: LeafEntry, file: string, now: number): GoMicroEntry {
  const record = decodeGoMicroRecord(entry.key, entry.value, file);
  const expiresAt = record.expiresAt === null ? null : goTimeToMs(record.expiresAt);
  const expired = isExpired(expiresAt, now);
  return {
    key: record.key,
    value: record.value,
    metadata: record.metadata,
    expiresAt,
    expires: record.expiresAt === null ? null : formatGoTimeUtc(record.expiresAt),
    expired,
    expiry: expired ? 0 : remainingLife(expiresAt, now),
  };
}

/** Calls `take` for each matching entry in key order until it returns false. */
function scan(snapshot: Snapshot, q: TableQuery, take: (entry: LeafEntry) => boolean): void {
  const bucket = snapshot.bucket([DATA_BUCKET]);
  if (bucket === null) return;
  const path = snapshot.file;
  let skip = q.offset;
  const cursor = snapshot.cursor(bucket);
  for (let entry = start(cursor, q); entry !== null; entry = cursor.next()) {
    if (!entry.key.subarray(0, q.prefix.length).equals(q.prefix)) return;
    if ((entry.flags & BUCKET_LEAF_FLAG) !== 0 || !endsWith(entry.key, q.suffix)) continue;
    if (!q.includeExpired && isExpired(expiresAtMs(entry, path), q.now)) continue;
    if (skip > 0) skip--;
    else if (!take(entry)) return;
  }
}

/** Seeks to the first key that can match: past `after` and at or past `prefix`, whichever is later. */
function start(cursor: Cursor, q: TableQuery): LeafEntry | null {
  if (q.after === null || Buffer.compare(q.after, q.prefix) < 0) return cursor.seek(q.prefix);
  const entry = cursor.seek(q.after);
  return entry?.key.equals(q.after) ? cursor.next() : entry;
}

function endsWith(key: Buffer, suffix: Buffer): boolean {
  return suffix.length <= key.length && key.subarray(key.length - suffix.length).equals(suffix);
}
