/**
 * Reading a table through its key snapshot: keyset pages in byte order, counts, one record, and whole records
 * for export. The snapshot gives the order; each page's records are then read from the server, so a key
 * deleted since the snapshot is left out and a value is always the current one. Redis removes expired keys
 * itself, so nothing is ever shown expired.
 */

import type { Redis } from 'ioredis';
import { keyContainsTest } from '../../common/key-contains.js';
import { PREVIEW_BYTES } from '../../common/page-limits.js';
import { valueContainsTest } from '../../common/value-contains.js';
import type { RecordDetail } from '../../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage, RecordSummary } from '../../store/record-page.js';
import { NotFoundError, type StoreRecord } from '../../store/types.js';
import { FirstKeys } from '../first-keys.js';
import type { ScanProgress } from './redis-key-scan.js';
import { KeySnapshot } from './redis-key-snapshot.js';
import { byteString, redisKey, redisKeyOfBytes, textOf } from './redis-keys.js';
import { readRecords } from './redis-records.js';
import { type KeySummary, readExpiries, readSummaries, summarise } from './redis-summaries.js';

export interface TableView {
  client: Redis;
  table: string;
  snapshot: KeySnapshot;
  now: number;
}

/** The most of a value Redis's GETRANGE returns: all of it (a string is at most 512 MB). */
const WHOLE_VALUE = 2 ** 31 - 1;

/** Keys read per round trip while filling a page that an expiry filter thins out. */
const READ_BATCH = 500;

/** A walk over the snapshot's keys that match the key filters, from a cursor, in one direction. */
function* matchingKeys(
  snapshot: KeySnapshot,
  filter: RecordFilter,
  order: 'asc' | 'desc',
  after: string | undefined,
  before?: string,
): Generator<string> {
  const prefix = byteString(filter.prefix ?? '');
  const suffix = byteString(filter.suffix ?? '');
  const contains = keyContainsTest(byteString(filter.contains ?? ''), filter.containsCase);
  let [start, end] = snapshot.prefixRange(prefix);
  if (before !== undefined) end = Math.min(end, snapshot.bound(byteString(before), true));
  if (after !== undefined) {
    const cursor = byteString(after);
    if (order === 'asc') start = Math.max(start, snapshot.bound(cursor, false));
    else end = Math.min(end, snapshot.bound(cursor, true));
  }
  const step = order === 'asc' ? 1 : -1;
  for (let index = order === 'asc' ? start : end - 1; index >= start && index < end; index += step) {
    const key = snapshot.at(index) ?? '';
    if (key.endsWith(suffix) && contains(key)) yield key;
  }
}

/** Up to `count` keys from the walk, leaving it open for the next batch (for…of would close it). */
function take(walk: Generator<string>, count: number): string[] {
  const batch: string[] = [];
  while (batch.length < count) {
    const next = walk.next();
    if (next.done === true) break;
    batch.push(next.value);
  }
  return batch;
}

/** True when the filter asks nothing of expiry that every existing key meets. */
function keysAlone(filter: RecordFilter): boolean {
  const expiry = filter.expiry ?? 'live';
  return (expiry === 'live' || expiry === 'all') && filter.expiringWithinMs === undefined && !filter.valueContains;
}

function expiryMatches(filter: RecordFilter, expiresAt: number | null, now: number): boolean {
  const expiry = filter.expiry ?? 'live';
  if (expiry === 'expired') return false;
  if (expiry === 'no-ttl') return expiresAt === null;
  if (expiry === 'has-ttl' && expiresAt === null) return false;
  const within = filter.expiringWithinMs;
  return within === undefined || (expiresAt !== null && expiresAt <= now + within);
}

/** What a walk needs of each key it reads: its expiry, and the value bytes a value filter tests. */
interface KeyRead {
  expiresAt: number | null;
  head: Buffer;
}

type Reader<T extends KeyRead> = (redisKeys: readonly Buffer[]) => Promise<(T | undefined)[]>;

/**
 * Takes keys from the walk in batches, read by `read`, keeping those that exist and meet the expiry and
 * value filters.
 */
async function collect<T extends KeyRead>(
  view: TableView,
  keys: Generator<string>,
  filter: RecordFilter,
  wanted: number,
  read: Reader<T>,
): Promise<{ key: string; summary: T }[]> {
  const found: { key: string; summary: T }[] = [];
  if ((filter.expiry ?? 'live') === 'expired') return found;
  const valueTest = valueContainsTest(filter.valueContains, filter.valueCase);
  for (;;) {
    // Without an expiry filter every existing key counts, so a batch of what is still wanted is enough.
    const batch = take(keys, keysAlone(filter) ? wanted - found.length : Math.max(wanted - found.length, READ_BATCH));
    if (batch.length === 0) return found;
    const summaries = await read(batch.map((key) => redisKeyOfBytes(view.table, key)));
    batch.forEach((key, index) => {
      const summary = summaries[index];
      if (summary === undefined || found.length >= wanted) return;
      if (!expiryMatches(filter, summary.expiresAt, view.now)) return;
      if (valueTest === undefined || valueTest(summary.head)) found.push({ key, summary });
    });
    if (found.length >= wanted) return found;
  }
}

/** Page rows: their first bytes, or whole values when a value filter must search them (Redis cannot). */
function rowReader(view: TableView, filter: RecordFilter): Reader<KeySummary> {
  const bytes = filter.valueContains ? WHOLE_VALUE : PREVIEW_BYTES;
  return (redisKeys) => readSummaries(view.client, redisKeys, bytes);
}

/** For counting and deleting: expiries alone, whole values when a value filter must search them. */
function keyReader(view: TableView, filter: RecordFilter): Reader<KeyRead> {
  if (filter.valueContains) return (redisKeys) => readSummaries(view.client, redisKeys, WHOLE_VALUE);
  return (redisKeys) => readExpiries(view.client, redisKeys);
}

export async function readPage(view: TableView, query: PageQuery): Promise<RecordPage> {
  const walk = matchingKeys(view.snapshot, query.filter, query.order, query.after);
  // One more than asked tells whether a next page exists.
  const found = await collect(view, walk, query.filter, query.limit + 1, rowReader(view, query.filter));
  const shown = found
    .slice(0, query.limit)
    .map(({ key, summary }) => summaryRow(textOf(key), { ...summary, head: summary.head.subarray(0, PREVIEW_BYTES) }));
  return { records: shown, next: found.length > query.limit ? (shown.at(-1)?.key ?? null) : null };
}

function summaryRow(key: string, summary: KeySummary): RecordSummary {
  return {
    key,
    size: summary.size,
    preview: new Uint8Array(summary.head),
    metadata: {},
    expiresAt: summary.expiresAt,
    expired: false,
    // Redis keeps no write time.
    updatedAt: 0,
    revision: summary.revision,
  };
}

/**
 * Counts from the snapshot; an expiry filter reads each candidate's expiry. `limit` stops early, `before`
 * counts the keys before one (a row's position).
 */
export async function countMatching(
  view: TableView,
  filter: RecordFilter,
  options: CountOptions = {},
): Promise<number> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (keysAlone(filter) && !filter.suffix && !filter.contains) {
    // A prefix is a range of the snapshot: its size is the count, with nothing to walk.
    let [start, end] = view.snapshot.prefixRange(byteString(filter.prefix ?? ''));
    if (options.before !== undefined) end = Math.min(end, view.snapshot.bound(byteString(options.before), true));
    return Math.min(limit, Math.max(0, end - start));
  }
  const walk = matchingKeys(view.snapshot, filter, 'asc', undefined, options.before);
  if (keysAlone(filter)) {
    let count = 0;
    for (const _ of walk) if (++count >= limit) break;
    return count;
  }
  const found = await collect(view, walk, filter, limit, keyReader(view, filter));
  return found.length;
}

/** One record with at most `maxBytes` of its value. */
export async function inspectRecord(
  client: Redis,
  table: string,
  key: string,
  maxBytes: number,
): Promise<RecordDetail> {
  const [summary] = await summarise(client, [redisKey(table, key)], maxBytes);
  if (summary === undefined) throw new NotFoundError();
  const { preview, ...row } = summaryRow(key, summary);
  return { ...row, value: preview };
}

export async function readValueSlice(
  client: Redis,
  table: string,
  key: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const target = redisKey(table, key);
  const replies =
    (await client
      .multi()
      .exists(target)
      .getrangeBuffer(target, offset, offset + length - 1)
      .exec()) ?? [];
  const [[existsError, exists] = [], [sliceError, slice] = []] = replies;
  if (existsError || sliceError) throw existsError ?? sliceError;
  if (exists !== 1) throw new NotFoundError();
  return length <= 0 || !(slice instanceof Buffer) ? new Uint8Array(0) : new Uint8Array(slice);
}

/** Whole records in key byte order after `after`, for export and copy. */
export async function recordBatch(
  view: TableView,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
): Promise<StoreRecord[]> {
  const walk = matchingKeys(view.snapshot, filter, 'asc', after);
  const valueTest = valueContainsTest(filter.valueContains, filter.valueCase);
  const records: StoreRecord[] = [];
  while (records.length < limit) {
    const batch = take(walk, Math.min(limit - records.length, READ_BATCH)).map(textOf);
    if (batch.length === 0) break;
    for (const record of await readRecords(view.client, view.table, batch)) {
      const expiresAt = record.expiry === 0 ? null : view.now + record.expiry;
      if (records.length >= limit || !expiryMatches(filter, expiresAt, view.now)) continue;
      if (valueTest === undefined || valueTest(record.value)) records.push(record);
    }
  }
  return records;
}

/** The existing records among `keys`, in key byte order. */
export async function recordsByKey(client: Redis, table: string, keys: string[]): Promise<StoreRecord[]> {
  const sorted = [...new Set(keys)].map(byteString).sort().map(textOf);
  return readRecords(client, table, sorted);
}

/** Every key (byte string) the filter matches now, for a delete by filter. */
export async function matchingKeyList(view: TableView, filter: RecordFilter): Promise<string[]> {
  const walk = matchingKeys(view.snapshot, filter, 'asc', undefined);
  if (keysAlone(filter)) return [...walk];
  return (await collect(view, walk, filter, Number.POSITIVE_INFINITY, keyReader(view, filter))).map(({ key }) => key);
}

/**
 * A first page while the table's key listing still runs (docs/backend-redis.md, "The first page of a large
 * table"): the first matching keys among those SCAN has listed so far, in key order among themselves, read
 * from the server as any page is. `listedCandidates` finds them; undefined for an expiry or value filter
 * (those may need far more candidates than a page) or a cursor: those wait for the whole listing.
 */
export function listedCandidates(progress: ScanProgress, query: PageQuery): string[] | undefined {
  if (query.after !== undefined || !keysAlone(query.filter)) return undefined;
  const first = new FirstKeys(query.limit + 1, query.order, byteStringOrder);
  // Each run is sorted: its first matching keys are all it can give.
  for (const run of progress.runs.runs()) {
    for (const key of take(
      matchingKeys(new KeySnapshot(run, 0), query.filter, query.order, undefined),
      query.limit + 1,
    ))
      first.offer(key);
  }
  return first.ascending();
}

export async function readListingPage(
  view: Omit<TableView, 'snapshot'>,
  progress: ScanProgress,
  candidates: string[],
  query: PageQuery,
): Promise<RecordPage> {
  const listed = progress.runs.listed;
  const snapshot = new KeySnapshot(candidates, view.now);
  const page = await readPage({ ...view, snapshot }, query);
  const estimated = progress.share > 0 ? Math.round(listed / progress.share) : listed;
  return { records: page.records, next: null, keysLoading: { listed, estimated: Math.max(listed, estimated) } };
}

/** Byte strings compare in byte order as JavaScript strings (redis-keys.ts). */
const byteStringOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
