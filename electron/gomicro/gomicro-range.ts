import { BUCKET_LEAF_FLAG } from './bbolt-pages.js';
import type { BucketRoot, Cursor, LeafEntry, Snapshot } from './bbolt-reader.js';

/** The keys a walk covers: those starting with `prefix`, past the keyset cursor `after`, in `order`. */
export interface KeyRange {
  prefix: Buffer;
  /** Keyset cursor: only keys after it in the walk's order (above it ascending, below it descending). */
  after: Buffer | null;
  order: 'asc' | 'desc';
}

/**
 * Calls `visit` for each record of the bucket in the range, in order, until it returns false. Both directions
 * start with one root-to-leaf descent (a seek), so a page costs the same wherever it is; nested buckets are
 * not records and are skipped.
 */
export function walkRange(
  snapshot: Snapshot,
  bucket: BucketRoot,
  range: KeyRange,
  visit: (entry: LeafEntry) => boolean,
): void {
  const cursor = snapshot.cursor(bucket);
  const backwards = range.order === 'desc';
  for (let entry = start(cursor, range); entry !== null; entry = backwards ? cursor.prev() : cursor.next()) {
    // Walking away from the prefix's first key (either way), the first key without the prefix ends the range.
    if (!hasPrefix(entry.key, range.prefix)) return;
    if ((entry.flags & BUCKET_LEAF_FLAG) !== 0) continue;
    if (!visit(entry)) return;
  }
}

function start(cursor: Cursor, range: KeyRange): LeafEntry | null {
  if (range.order === 'asc') return startAscending(cursor, range);
  const bound = lowerOf(range.after, prefixSuccessor(range.prefix));
  return bound === null ? cursor.last() : cursor.seekBefore(bound);
}

/** The first key past `after` and at or past `prefix`, whichever is later. */
function startAscending(cursor: Cursor, { prefix, after }: KeyRange): LeafEntry | null {
  if (after === null || Buffer.compare(after, prefix) < 0) return cursor.seek(prefix);
  const entry = cursor.seek(after);
  return entry?.key.equals(after) ? cursor.next() : entry;
}

function hasPrefix(key: Buffer, prefix: Buffer): boolean {
  return prefix.length <= key.length && prefix.compare(key, 0, prefix.length) === 0;
}

/** The smallest byte string above every key with this prefix; null when there is none (empty or all 0xff). */
export function prefixSuccessor(prefix: Buffer): Buffer | null {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return null;
  const successor = Buffer.from(prefix.subarray(0, end));
  successor[end - 1] = (successor[end - 1] ?? 0) + 1;
  return successor;
}

/** The lower of two exclusive upper bounds, null standing for "no bound". */
function lowerOf(a: Buffer | null, b: Buffer | null): Buffer | null {
  if (a === null) return b;
  if (b === null) return a;
  return Buffer.compare(a, b) <= 0 ? a : b;
}
