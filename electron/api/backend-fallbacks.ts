/**
 * What the session does itself for a backend that lacks an optional call (backends/backend.ts): counting a
 * level of the key tree one prefix at a time, and changing the expiry of every match a batch at a time.
 */
import type { BackendEditing, BackendReading, ProgressOptions } from '../backends/backend.js';
import type { ExpiryChange } from '../store/inspector-store.js';
import type { Namespace } from '../store/namespaces.js';
import { narrowToPrefix } from '../store/prefix-counts.js';
import type { RecordFilter } from '../store/record-filter.js';

const EXPIRY_BATCH = 500;

export async function countPrefixes(
  reading: BackendReading,
  namespace: Namespace,
  prefixes: readonly string[],
  filter: RecordFilter,
): Promise<number[]> {
  if (reading.countPrefixes) return reading.countPrefixes(namespace, prefixes, filter);
  const counts: number[] = [];
  for (const prefix of prefixes) {
    const narrowed = narrowToPrefix(filter, prefix);
    counts.push(narrowed === undefined ? 0 : await reading.count(namespace, narrowed));
  }
  return counts;
}

/** `setExpiry` must be there (the caller refused a backend without per-record expiry). */
export async function setExpiryMatching(
  reading: BackendReading,
  editing: BackendEditing & Required<Pick<BackendEditing, 'setExpiry'>>,
  namespace: Namespace,
  filter: RecordFilter,
  change: ExpiryChange,
  options: ProgressOptions = {},
): Promise<number> {
  if (editing.setExpiryMatching) return editing.setExpiryMatching(namespace, filter, change, options);
  const total = await reading.count(namespace, filter);
  let done = 0;
  let updated = 0;
  let after: string | undefined;
  for (;;) {
    // Keyset by key: a record whose new expiry no longer matches the filter is not met again.
    const batch = await reading.recordBatch(namespace, filter, after, EXPIRY_BATCH);
    if (batch.length === 0) break;
    const keys = batch.map((record) => record.key);
    updated += await editing.setExpiry(namespace, keys, change);
    done += keys.length;
    after = keys.at(-1);
    options.onProgress?.(done, Math.max(total, done));
  }
  return updated;
}
