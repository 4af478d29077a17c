/**
 * Reading a go-micro table in a KV bucket: pages walk the bucket's sorted key snapshot (KV lists keys in no
 * order) and fetch only the entries shown; counts come from the snapshot unless a filter needs the records
 * (metadata). A key whose latest entry is a delete marker is missing, as go-micro's Read decides. Records
 * carry no expiry of their own: go-micro's Read returns 0, and the bucket's TTL is the bucket's.
 */
import type { KvEntry } from '@nats-io/kv';
import { keyContainsTest } from '../../common/key-contains.js';
import { metadataTest } from '../../common/metadata-evaluation.js';
import { PREVIEW_BYTES } from '../../common/page-limits.js';
import { valueContainsTest } from '../../common/value-contains.js';
import { compareKeys } from '../../store/key-order.js';
import type { RecordDetail } from '../../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage, RecordSummary } from '../../store/record-page.js';
import { NotFoundError, type StoreRecord } from '../../store/types.js';
import type { NatsBucket } from './nats-bucket.js';
import { decodeEnvelope } from './nats-envelope.js';
import { fullKey, plainKey } from './nats-keys.js';
import { lowerBound } from './nats-sorted-keys.js';
import { keysInSpans, type Span, spanCount, tableSpans } from './nats-tables.js';

/** Entries fetched at once: the client pipelines the requests over its one connection. */
const FETCH_BATCH = 256;

/** A record as read from its entry. */
export interface LoadedRecord {
  key: string;
  value: Buffer;
  /** null where go-micro wrote a nil map. */
  metadata: Record<string, unknown> | null;
  /** False when the entry is not go-micro's envelope: its bytes are shown as the value. */
  envelope: boolean;
  revision: number;
  created: number;
}

export async function loadRecord(bucket: NatsBucket, table: string, full: string): Promise<LoadedRecord | undefined> {
  // A key plain NATS keys cannot spell cannot be stored either: it is simply missing.
  if (!bucket.canHold(full)) return undefined;
  return recordOf(table, full, await bucket.kv.get(bucket.natsKey(full)));
}

export function recordOf(table: string, full: string, entry: KvEntry | null): LoadedRecord | undefined {
  if (entry === null || entry.operation !== 'PUT') return undefined;
  const envelope = decodeEnvelope(entry.value);
  return {
    key: plainKey(table, full),
    value: envelope?.data ?? Buffer.from(entry.value),
    metadata: envelope === undefined ? null : envelope.metadata,
    envelope: envelope !== undefined,
    revision: entry.revision,
    created: entry.created.getTime(),
  };
}

/** Whether a filter leaves any record at all in a bucket whose records never carry their own expiry. */
export function expiryAllows(filter: RecordFilter): boolean {
  const state = filter.expiry ?? 'live';
  return (state === 'live' || state === 'all' || state === 'no-ttl') && filter.expiringWithinMs === undefined;
}

export function keyMatches(key: string, filter: RecordFilter): boolean {
  if (filter.suffix && !key.endsWith(filter.suffix)) return false;
  return !filter.contains || keyContainsTest(filter.contains, filter.containsCase)(key);
}

function recordMatches(record: LoadedRecord, filter: RecordFilter): boolean {
  const matches = filter.metadata ?? [];
  const value = valueContainsTest(filter.valueContains, filter.valueCase);
  return (
    (value === undefined || value(record.value)) &&
    (matches.length === 0 || metadataTest(matches)(record.metadata ?? {}))
  );
}

/** True when the filter needs each record read (its metadata or its value), not the keys alone. */
export function readsRecords(filter: RecordFilter): boolean {
  return (filter.metadata ?? []).length > 0 || Boolean(filter.valueContains);
}

/**
 * The key snapshot and the spans in it of a table's keys that start with the filter's prefix, tables settled
 * first. The spans index that snapshot only: one taken before the settle may be an older array.
 */
async function spansOf(
  bucket: NatsBucket,
  table: string,
  filter: RecordFilter,
): Promise<{ keys: readonly string[]; spans: Span[] }> {
  await bucket.settle();
  const keys = bucket.keys.keys();
  return { keys, spans: tableSpans(keys, table, bucket.tables(), filter.prefix ?? '') };
}

/**
 * The matching records in key order after `after`, at most `limit`. Keys come from the snapshot; entries
 * are fetched a batch at a time, and a key deleted since the snapshot is skipped.
 */
async function matching(
  bucket: NatsBucket,
  table: string,
  filter: RecordFilter,
  order: 'asc' | 'desc',
  after: string | undefined,
  limit: number,
): Promise<LoadedRecord[]> {
  if (!expiryAllows(filter) || limit <= 0) return [];
  const { keys, spans } = await spansOf(bucket, table, filter);
  const cursor = after === undefined ? undefined : fullKey(table, after);
  const candidates = keysInSpans(keys, spans, order, cursor);
  const found: LoadedRecord[] = [];
  const byRecord = readsRecords(filter);
  while (found.length < limit) {
    const batch: string[] = [];
    const want = byRecord ? FETCH_BATCH : Math.min(FETCH_BATCH, limit - found.length);
    while (batch.length < want) {
      const next = candidates.next();
      if (next.done) break;
      if (keyMatches(plainKey(table, next.value), filter)) batch.push(next.value);
    }
    if (batch.length === 0) break;
    const loaded = await Promise.all(batch.map((full) => loadRecord(bucket, table, full)));
    for (const record of loaded) {
      if (record !== undefined && recordMatches(record, filter)) found.push(record);
    }
  }
  return found.slice(0, limit);
}

export function summaryOf(record: LoadedRecord): RecordSummary {
  return {
    key: record.key,
    size: record.value.length,
    preview: record.value.subarray(0, PREVIEW_BYTES),
    metadata: record.metadata ?? {},
    expiresAt: null,
    expired: false,
    updatedAt: record.created,
    revision: String(record.revision),
  };
}

export async function readPage(bucket: NatsBucket, table: string, query: PageQuery): Promise<RecordPage> {
  // One record more than asked tells whether a next page exists without a count.
  const records = await matching(bucket, table, query.filter, query.order, query.after, query.limit + 1);
  const shown = records.slice(0, query.limit).map(summaryOf);
  return { records: shown, next: records.length > query.limit ? (shown.at(-1)?.key ?? null) : null };
}

export async function countMatching(
  bucket: NatsBucket,
  table: string,
  filter: RecordFilter,
  options: CountOptions = {},
): Promise<number> {
  if (!expiryAllows(filter)) return 0;
  const cap = options.limit ?? Number.POSITIVE_INFINITY;
  const snapshot = await spansOf(bucket, table, filter);
  const keys = snapshot.keys;
  let spans = snapshot.spans;
  if (options.before !== undefined) spans = clipBefore(spans, lowerBound(keys, fullKey(table, options.before)));
  if (readsRecords(filter)) {
    const every = await matching(bucket, table, filter, 'asc', undefined, Number.MAX_SAFE_INTEGER);
    const before = options.before;
    return Math.min(cap, every.filter((record) => before === undefined || compareKeys(record.key, before) < 0).length);
  }
  if (!filter.suffix && !filter.contains) return Math.min(cap, spanCount(spans));
  let count = 0;
  for (const full of keysInSpans(keys, spans, 'asc')) {
    if (keyMatches(plainKey(table, full), filter) && ++count >= cap) break;
  }
  return count;
}

function clipBefore(spans: readonly Span[], end: number): Span[] {
  return spans.map((span) => ({ from: span.from, to: Math.min(span.to, end) })).filter((span) => span.from < span.to);
}

export async function inspectRecord(
  bucket: NatsBucket,
  table: string,
  key: string,
  maxBytes: number,
): Promise<RecordDetail> {
  const record = await loadRecord(bucket, table, fullKey(table, key));
  if (record === undefined) throw new NotFoundError();
  const { preview, ...summary } = summaryOf(record);
  return { ...summary, value: record.value.subarray(0, maxBytes) };
}

export async function readValueSlice(
  bucket: NatsBucket,
  table: string,
  key: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const record = await loadRecord(bucket, table, fullKey(table, key));
  if (record === undefined) throw new NotFoundError();
  return record.value.subarray(offset, offset + length);
}

function storeRecordOf(record: LoadedRecord): StoreRecord {
  return { key: record.key, value: record.value, metadata: record.metadata ?? {}, expiry: 0 };
}

export async function recordBatch(
  bucket: NatsBucket,
  table: string,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
): Promise<StoreRecord[]> {
  return (await matching(bucket, table, filter, 'asc', after, limit)).map(storeRecordOf);
}

/** The records among `keys` that exist, in key byte order. */
export async function recordsByKey(bucket: NatsBucket, table: string, keys: string[]): Promise<StoreRecord[]> {
  const unique = [...new Set(keys)].sort(compareKeys);
  const found: StoreRecord[] = [];
  for (let i = 0; i < unique.length; i += FETCH_BATCH) {
    const batch = unique.slice(i, i + FETCH_BATCH);
    const loaded = await Promise.all(batch.map((key) => loadRecord(bucket, table, fullKey(table, key))));
    for (const record of loaded) if (record !== undefined) found.push(storeRecordOf(record));
  }
  return found;
}
