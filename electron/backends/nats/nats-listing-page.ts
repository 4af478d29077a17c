/**
 * A first page while a bucket's keys are still being listed (docs/backend-nats.md, "The first page of a large
 * bucket"): the table's first matching keys among those the watch has listed so far, in key order among
 * themselves, read as any page is. The envelope of each entry says which table it is in (the table
 * snapshot is not built yet), so a key of a longer table (`a_b_…` for table `a`) is left out as pages leave
 * it out. Not for a filter that reads records (metadata, value), nor after a cursor: those wait.
 */
import { compareKeys } from '../../store/key-order.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import { FirstKeys } from '../first-keys.js';
import { type BucketListing, chooseEncoding } from './nats-bucket.js';
import { decodeEnvelope } from './nats-envelope.js';
import { decodeNatsKey, encodeNatsKey, fullKey, plainKey } from './nats-keys.js';
import { expiryAllows, keyMatches, readsRecords, recordOf, summaryOf } from './nats-reading.js';
import { tableFromEnvelope } from './nats-tables.js';

/** Candidates read per row wanted: some may turn out to be in a longer table, or deleted since. */
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
  const entries = await Promise.all(
    candidates.map((full) => listing.kv.get(undecoded.has(full) ? full : encodeNatsKey(full, encoding))),
  );
  const records = [];
  for (const [index, entry] of entries.entries()) {
    const full = candidates[index] as string;
    const envelope = entry === null || entry.operation !== 'PUT' ? undefined : decodeEnvelope(entry.value);
    const inTable = envelope === undefined ? table === '' : tableFromEnvelope(full, envelope.key) === table;
    const record = inTable ? recordOf(table, full, entry) : undefined;
    if (record !== undefined && records.length < query.limit) records.push(summaryOf(record));
  }
  return { records, next: null, keysLoading: { listed: listed.length, estimated } };
}
