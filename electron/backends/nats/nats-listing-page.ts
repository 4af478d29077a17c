/**
 * A first page while a bucket's keys are still being listed (docs/backend-nats.md, "The first page of a large
 * bucket"): the table's first matching keys among those the watch has listed so far, in key order among
 * themselves, read as any page is. The envelope of each entry says which table it is in (the table
 * snapshot is not built yet), so a key of a longer table (`a_b_…` for table `a`) is left out as pages leave
 * it out. Not for a filter that reads records (metadata, value), nor after a cursor: those wait.
 */
import type { KvEntry } from '@nats-io/kv';
import { compareKeys } from '../../store/key-order.js';
import type { TableInfo } from '../../store/namespace-counts.js';
import type { PageQuery, RecordPage, RecordSummary } from '../../store/record-page.js';
import { FirstKeys } from '../first-keys.js';
import { type BucketListing, chooseEncoding } from './nats-bucket.js';
import { decodeEnvelope } from './nats-envelope.js';
import { decodeNatsKey, encodeNatsKey, fullKey, plainKey } from './nats-keys.js';
import { expiryAllows, keyMatches, type LoadedRecord, readsRecords, recordOf, summaryOf } from './nats-reading.js';
import { discoverTables, spanCount, type TableGuesses, tableFromEnvelope, tableSpans } from './nats-tables.js';

/** Candidates kept per row wanted: some may turn out to be in a longer table, or deleted since. */
const SPARE = 2;

export async function readListingPage(
  listing: BucketListing,
  table: string,
  query: PageQuery,
): Promise<RecordPage | undefined> {
  const filter = query.filter;
  if (query.after !== undefined || readsRecords(filter)) return undefined;
  const listed = [...listing.keys];
  const estimated = Math.max(listed.length, listing.estimated);
  if (!expiryAllows(filter)) return { records: [], next: null, keysLoading: { listed: listed.length, estimated } };
  const { encoding } = await chooseEncoding(listing.kv, listed, listing.chosen);
  const start = fullKey(table, filter.prefix ?? '');
  const first = new FirstKeys((query.limit + 1) * SPARE, query.order, compareKeys);
  // base32 keys that do not decode are go-micro keys as they are (nats-bucket.ts keeps them raw too).
  const undecoded = new Set<string>();
  for (const raw of listed) {
    const full = decodeNatsKey(raw, encoding);
    if (!full.startsWith(start) || !keyMatches(plainKey(table, full), filter)) continue;
    if (encoding === 'base32' && full === raw) undecoded.add(full);
    first.offer(full);
  }
  const candidates = first.ascending();
  if (query.order === 'desc') candidates.reverse();
  const natsKey = (full: string) => (undecoded.has(full) ? full : encodeNatsKey(full, encoding));
  // As many gets as rows wanted, and more only for those that turn out to be elsewhere (rare).
  const records: RecordSummary[] = [];
  for (let at = 0; at < candidates.length && records.length < query.limit; ) {
    const batch = candidates.slice(at, at + query.limit - records.length);
    at += batch.length;
    const entries = await Promise.all(batch.map((full) => listing.kv.get(natsKey(full))));
    for (const [index, entry] of entries.entries()) {
      const record = inTable(table, batch[index] as string, entry);
      if (record !== undefined) records.push(summaryOf(record));
    }
  }
  return { records, next: null, keysLoading: { listed: listed.length, estimated } };
}

/** The record of an entry when its envelope puts it in `table` (the table snapshot is not built yet). */
function inTable(table: string, full: string, entry: KvEntry | null): LoadedRecord | undefined {
  const envelope = entry === null || entry.operation !== 'PUT' ? undefined : decodeEnvelope(entry.value);
  const found = envelope === undefined ? '' : tableFromEnvelope(full, envelope.key);
  return found === table ? recordOf(table, full, entry) : undefined;
}

/** Keys of a partial listing read to find its tables: enough to meet every table of some size. */
const TABLE_SAMPLE = 20_000;

/**
 * The tables of a bucket still being listed, found (as nats-tables.ts finds them, one envelope per prefix) in
 * a sample of the keys listed so far, each counted as its share of the sample times the stream's size: an
 * estimate, marked `estimated` (the sidebar's "~N"), until the listing ends, when the next listing of
 * databases counts exactly.
 */
export async function listedTables(listing: BucketListing): Promise<TableInfo[]> {
  const raw = [...listing.keys].slice(0, TABLE_SAMPLE);
  // Nothing listed yet (the watch is starting): the bucket's size is all there is to say.
  if (raw.length === 0) return [{ table: '', count: listing.estimated, expired: 0, estimated: true }];
  const { encoding } = await chooseEncoding(listing.kv, raw, listing.chosen);
  const sample = raw.map((key) => decodeNatsKey(key, encoding)).sort(compareKeys);
  const guesses: TableGuesses = { tables: new Set(), plainGroups: new Set() };
  await discoverTables(sample, guesses, async (full) => {
    const entry = await listing.kv.get(encodeNatsKey(full, encoding)).catch(() => null);
    if (entry === null || entry.operation !== 'PUT') return undefined;
    const envelope = decodeEnvelope(entry.value);
    return envelope === undefined ? '' : tableFromEnvelope(full, envelope.key);
  });
  const scale = Math.max(listing.estimated, listing.keys.size) / Math.max(sample.length, 1);
  return ['', ...[...guesses.tables].sort()].map((table) => ({
    table,
    count: Math.round(spanCount(tableSpans(sample, table, guesses.tables)) * scale),
    expired: 0,
    estimated: true,
  }));
}
