import { isExpired } from '../common/expiry.js';
import { fieldEqualityOf } from '../common/metadata-query.js';
import { PREVIEW_BYTES } from '../common/page-limits.js';
import type { SortColumn } from '../common/sort-columns.js';
import { indexExists } from './index-exists.js';
import { trigramQuery } from './key-index.js';
import { compareKeys } from './key-order.js';
import { decodeMetadata } from './metadata.js';
import { indexedMetadataFields } from './metadata-index.js';
import { lookupSources, type MetadataLookup, metadataLookup, vouchedEntries } from './metadata-values.js';
import { keptCount } from './namespace-counts.js';
import {
  type CountOptions,
  filterConditions,
  isAmbiguousSqlValue,
  matchesAnyKey,
  metadataSqlValues,
  prefixConditions,
  type RecordFilter,
  type SqlCondition,
  whereClause,
} from './record-filter.js';
import { checkAfterSort, type SortedColumn, sortRuns, sortValueOf } from './record-sort.js';
import { searchCandidates } from './search-candidates.js';
import type { StatementCache } from './statement-cache.js';
import { readInSlices } from './value-scan.js';

export { MAX_PAGE_SIZE } from '../common/page-limits.js';

export interface PageQuery {
  filter: RecordFilter;
  order: 'asc' | 'desc';
  /** What the page is sorted by (default `key`); any other column breaks ties by key, the same way. */
  sort?: SortColumn;
  /** Keyset cursor: the last key of the previous page; this page starts after it. */
  after?: string;
  /**
   * With a sort other than `key`, the rest of the cursor: the previous page's last sort value (the
   * page's `nextSort`; null for a record without an expiry).
   */
  afterSort?: number | null;
  limit: number;
  /**
   * A time budget for a page no index can serve (a value term the value index cannot narrow): the walk
   * stops when it is spent and the page says `partial` (value-scan.ts). Absent: the page is read whole.
   */
  budgetMs?: number;
}

/** One grid row: enough to show a record without its whole value. */
export interface RecordSummary {
  key: string;
  size: number;
  /** The value's first bytes (at most PREVIEW_BYTES). */
  preview: Uint8Array;
  metadata: Record<string, unknown>;
  /** ms since the epoch, or null for never. */
  expiresAt: number | null;
  expired: boolean;
  updatedAt: number;
  /** Changes whenever the record is written; a writer that saw an older one is told of the conflict. */
  revision: string;
}

export interface RecordPage {
  records: RecordSummary[];
  /** The cursor for the next page, or null at the end. */
  next: string | null;
  /** With a sort other than `key` and a next page: the sort value that goes with `next` as `afterSort`. */
  nextSort?: number | null;
  /**
   * True when the budget ran out before a full page: `records` are the matches up to `next` (perhaps none),
   * and `next` is where the search stopped, not a record; more may match after it.
   */
  partial?: boolean;
  /**
   * A server store still listing a large table's keys (Redis, NATS KV; docs/backends.md, "Key order on
   * key-value servers"): the page holds the first matching keys among the `listed` so far, in key order among
   * themselves but not necessarily the table's first, and `next` is null. `estimated`: the table's size as the
   * listing projects it. Absent once the listing is complete.
   */
  keysLoading?: { listed: number; estimated: number };
}

interface SummaryRow {
  id: number;
  key: string;
  size: number;
  preview: Buffer;
  metadata: string | null;
  expires_at: number | null;
  updated_at: number;
  version: number;
}

/** A page by keyset (never OFFSET), so page 10,000 costs what page 1 costs. */
export function readPage(statements: StatementCache, nsId: number, query: PageQuery, now: number): RecordPage {
  const started = performance.now();
  if (query.sort !== undefined && query.sort !== 'key') return readSortedPage(statements, nsId, query, query.sort, now);
  const conditions = filterConditions(nsId, query.filter, now);
  if (query.after !== undefined) {
    conditions.push({ sql: query.order === 'asc' ? 'key > ?' : 'key < ?', params: [query.after] });
  }
  const where = whereClause(conditions);
  const lookup = lookupFor(statements, query.filter);
  const candidates = candidatesOf(statements, query.filter);
  if (query.budgetMs !== undefined && lookup === undefined && scansValues(query.filter, candidates))
    return readPageInSlices(statements, nsId, query, where, { budgetMs: query.budgetMs, started }, now);
  const rows =
    lookup === undefined
      ? pageRows(statements, matchingRecords(candidates, where), query)
      : pageRowsThroughLookup(statements, lookup, nsId, where, query);
  const hasMore = rows.length > query.limit;
  const records = rows.slice(0, query.limit).map((row) => toSummary(row, now));
  return { records, next: hasMore ? (records.at(-1)?.key ?? null) : null };
}

/** A value search no index narrows: its page reads values in key order until enough match. */
function scansValues(filter: RecordFilter, candidates: Candidates): boolean {
  return (filter.valueContains ?? '') !== '' && candidates() === undefined;
}

/** A filter's index candidates (search-candidates.ts), looked up at most once however many queries a call makes. */
type Candidates = () => SqlCondition | undefined;

function candidatesOf(statements: StatementCache, filter: RecordFilter): Candidates {
  let looked: { found: SqlCondition | undefined } | undefined;
  return () => {
    looked ??= { found: searchCandidates(statements, filter) };
    return looked.found;
  };
}

/** The key-ordered page read slice by slice within the budget (value-scan.ts). */
function readPageInSlices(
  statements: StatementCache,
  nsId: number,
  query: PageQuery,
  where: SqlCondition,
  budget: { budgetMs: number; started: number },
  now: number,
): RecordPage {
  const scan = {
    nsId,
    order: query.order,
    after: query.after,
    keyRange: prefixConditions(query.filter.prefix ?? ''),
    wanted: query.limit + 1,
    ...budget,
  };
  const sliced = readInSlices(statements, scan, (range, limit) => {
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM records WHERE ${where.sql} AND ${range.sql} ORDER BY key ${direction(query)} LIMIT ?`;
    return statements.get<SummaryRow>(sql).all(...where.params, ...range.params, limit);
  });
  const records = sliced.rows.slice(0, query.limit).map((row) => toSummary(row, now));
  if (sliced.stoppedAt !== undefined) return { records, next: sliced.stoppedAt, partial: true };
  return { records, next: sliced.rows.length > query.limit ? (records.at(-1)?.key ?? null) : null };
}

/**
 * A page in (sort value, key) order: each run of the sort's order (record-sort.ts) gives its rows in
 * order through its index and the filter checks each, until the page is full. A broad filter costs a
 * page; a narrow one reads further (docs/file-format.md, "Sort indexes").
 */
function readSortedPage(
  statements: StatementCache,
  nsId: number,
  query: PageQuery,
  sort: SortedColumn,
  now: number,
): RecordPage {
  const afterSort = checkAfterSort(query.afterSort);
  const rows: SummaryRow[] = [];
  const candidates = candidatesOf(statements, query.filter);
  const throughSortIndex = readsSortIndex(statements, nsId, query.filter, now, candidates);
  for (const run of sortRuns(sort, query.order)) {
    const cursor = query.after === undefined ? undefined : run.after(afterSort, query.after);
    if (cursor === 'skip') continue;
    const conditions = filterConditions(nsId, query.filter, now);
    if (run.condition !== undefined) conditions.push(run.condition);
    if (cursor !== undefined) conditions.push(cursor);
    // A file opened read-only at an older version has no sort indexes: its sorted pages are sorts.
    const index = throughSortIndex && indexExists(statements, run.index) ? run.index : undefined;
    const source = matchingRecords(candidates, whereClause(conditions), index);
    const sql = `${source.with}SELECT ${SUMMARY_COLUMNS} FROM ${source.sql} ORDER BY ${run.orderBy} LIMIT ?`;
    rows.push(...statements.get<SummaryRow>(sql).all(...source.params, query.limit + 1 - rows.length));
    if (rows.length > query.limit) break;
  }
  const records = rows.slice(0, query.limit).map((row) => toSummary(row, now));
  const last = records.at(-1);
  if (rows.length <= query.limit || last === undefined) return { records, next: null };
  return { records, next: last.key, nextSort: sortValueOf(sort, last) };
}

/** Below this many matches, sorting them costs less than walking the sort index past the others. */
const FEW_TO_SORT = 5_000;

/**
 * Whether a sorted page walks its sort's index (checking the filter on each row) rather than reading
 * the matches another way and sorting them. SQLite picks the second for a key prefix, and sorts an
 * eighth of a million-record table for one page (measured: 0.6-1.1 s); a capped count decides by the
 * matches instead: many, and the walk meets a page of them soon; few, and sorting them is cheap.
 */
function readsSortIndex(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  candidates: Candidates,
): boolean {
  if (matchesAnyKey(filter)) return true;
  return countMatching(statements, nsId, filter, now, { limit: FEW_TO_SORT }, candidates) >= FEW_TO_SORT;
}

const SUMMARY_COLUMNS =
  `records.id, records.key, length(value) AS size, substr(value, 1, ${PREVIEW_BYTES}) AS preview, ` +
  'metadata, expires_at, updated_at, version';

function pageRows(statements: StatementCache, source: ReturnType<typeof matchingRecords>, query: PageQuery) {
  const sql = `${source.with}SELECT ${SUMMARY_COLUMNS} FROM ${source.sql} ORDER BY key ${direction(query)} LIMIT ?`;
  return statements.get<SummaryRow>(sql).all(...source.params, query.limit + 1);
}

/** Each part of the lookup in key order, up to a page each, merged: the page is the first of them. */
function pageRowsThroughLookup(
  statements: StatementCache,
  lookup: MetadataLookup,
  nsId: number,
  where: SqlCondition,
  query: PageQuery,
): SummaryRow[] {
  const rows = lookupSources(lookup, nsId).flatMap((source) => {
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM ${source.sql} ${where.sql} ORDER BY ${source.orderBy} ${direction(query)} LIMIT ?`;
    return statements.get<SummaryRow>(sql).all(...source.params, ...where.params, query.limit + 1);
  });
  const sign = query.order === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * compareKeys(a.key, b.key)).slice(0, query.limit + 1);
}

const direction = (query: PageQuery) => (query.order === 'asc' ? 'ASC' : 'DESC');

/**
 * The metadata values index can answer a filter whose key conditions the key index does not:
 * through its first metadata match (docs/file-format.md, "Metadata values").
 */
function lookupFor(statements: StatementCache, filter: RecordFilter): MetadataLookup | undefined {
  const match = (filter.metadata ?? []).map(fieldEqualityOf).find((equality) => equality !== undefined);
  if (match === undefined || trigramQuery(filter) !== undefined) return undefined;
  return metadataLookup(statements, { field: match.field, values: metadataSqlValues(match.value) }, () =>
    indexedMetadataFields(statements),
  );
}

/**
 * How many records match. A live count is every record the key and metadata conditions match less
 * the expired ones among them (and "no expiry" is every one less those with an expiry): the first
 * reads keys (and indexed metadata values) from an index alone, the second the few records the
 * expiry index names, so no count reads every record's row to check its expiry.
 */
/** Below this many matches, reading each one's expiry costs less than the expiry index's records. */
const FEW_MATCHES = 5_000;

export function countMatching(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  options: CountOptions = {},
  candidates = candidatesOf(statements, filter),
): number {
  const expiry = filter.expiry ?? 'live';
  const countWhere = (counted: RecordFilter, also?: SqlCondition & { index?: string | undefined }) =>
    countWhereWith(statements, nsId, counted, now, options, candidates, also);
  if (options.limit !== undefined || filter.expiringWithinMs !== undefined) return countWhere(filter);
  if (expiry === 'live' || expiry === 'no-ttl') {
    const every = { ...filter, expiry: 'all' } as const;
    const left =
      expiry === 'live' ? { sql: 'expires_at < ?', params: [now] } : { sql: 'expires_at IS NOT NULL', params: [] };
    const all = matchesAnyKey(every) && options.before === undefined ? keptCount(statements, nsId) : countWhere(every);
    // The records with an expiry come from whichever names fewer: a few matches are read one by one;
    // many, through the expiry index (without INDEXED BY, SQLite would walk the whole key range and
    // read every record in it to learn its expiry).
    const index = all > FEW_MATCHES ? 'records_expiry' : undefined;
    return all === 0 ? 0 : all - countWhere(every, { ...left, index });
  }
  return countWhere(filter);
}

/** `candidates` are the filter's: its key and value terms, which `expiry` (all a caller changes) leaves alone. */
function countWhereWith(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  options: CountOptions,
  candidates: Candidates,
  also?: SqlCondition & { index?: string | undefined },
): number {
  const conditions = filterConditions(nsId, filter, now);
  if (also !== undefined) conditions.push(also);
  if (options.before !== undefined) conditions.push({ sql: 'key < ?', params: [options.before] });
  const lookup = also === undefined ? lookupFor(statements, filter) : undefined;
  if (lookup !== undefined)
    return countThroughLookup(statements, filter, lookup, nsId, whereClause(conditions), options, now);
  const source = matchingRecords(candidates, whereClause(conditions), also?.index);
  const capped = options.limit === undefined ? '' : ' LIMIT ?';
  const sql = `${source.with}SELECT count(*) FROM (SELECT 1 FROM ${source.sql}${capped})`;
  const params = options.limit === undefined ? source.params : [...source.params, options.limit];
  return (
    statements
      .get<number>(sql)
      .pluck()
      .get(...params) ?? 0
  );
}

/** The entries of one value the index vouches for (`vouched`: vouchedEntries of `id`). */
const entryCount = (vouched: string) =>
  `SELECT count(*) FROM metadata_values WHERE ns = ? AND field = ? AND value = ? AND ${vouched}`;

/**
 * The entries of the value whose records are expired: subtracted from the entry count, a live count reads the
 * few records the expiry index names (1 in 100 in the benchmark) instead of every matching record.
 */
const expiredEntryCount = (vouched: string) => `SELECT count(*) FROM records CROSS JOIN metadata_values AS entry
  ON entry.id = records.id AND entry.field = ?
  WHERE records.ns = ? AND records.expires_at < ? AND entry.value = ? AND ${vouched}`;

/**
 * Whether index entries alone decide the count: one metadata condition with one value that `->>`
 * gives for no other JSON (a text, not a number), and nothing else to check but the namespace and,
 * for a live count, expiry (`live`: less the entries of expired records), else undefined.
 */
function entriesDecide(
  filter: RecordFilter,
  lookup: MetadataLookup,
  options: CountOptions,
): 'all' | 'live' | undefined {
  const [value, ...others] = lookup.values;
  const expiry = filter.expiry ?? 'live';
  const decides =
    others.length === 0 &&
    typeof value === 'string' &&
    !isAmbiguousSqlValue(value) &&
    (filter.metadata ?? []).length === 1 &&
    matchesAnyKey({ ...filter, metadata: [] }) &&
    (expiry === 'all' || expiry === 'live') &&
    filter.expiringWithinMs === undefined &&
    options.before === undefined &&
    options.limit === undefined;
  return decides ? expiry : undefined;
}

function countThroughLookup(
  statements: StatementCache,
  filter: RecordFilter,
  lookup: MetadataLookup,
  nsId: number,
  where: SqlCondition,
  options: CountOptions,
  now: number,
): number {
  let total = 0;
  const sources = lookupSources(lookup, nsId);
  const decided = entriesDecide(filter, lookup, options);
  if (decided !== undefined) {
    // Every entry of the value is a match (less the expired, for a live count): no record is read for the rest.
    const [value] = lookup.values;
    const count = (sql: (vouched: string) => string, id: string, ...params: unknown[]) => {
      const vouched = vouchedEntries(lookup, id);
      return (
        statements
          .get<number>(sql(vouched.sql))
          .pluck()
          .get(...params, ...vouched.params) ?? 0
      );
    };
    total = count(entryCount, 'id', nsId, lookup.field, value);
    if (decided === 'live') total -= count(expiredEntryCount, 'entry.id', lookup.field, nsId, now, value);
    sources.splice(0, 1);
  }
  for (const source of sources) {
    const cap = options.limit === undefined ? -1 : options.limit - total;
    if (cap === 0) break;
    const sql = `SELECT count(*) FROM (SELECT 1 FROM ${source.sql} ${where.sql} LIMIT ?)`;
    total +=
      statements
        .get<number>(sql)
        .pluck()
        .get(...source.params, ...where.params, cap) ?? 0;
  }
  return total;
}

/**
 * Where a filtered query reads from: the few candidates the key index names (then sorted), or the
 * records in key order. The WHERE conditions always apply, so the index only ever narrows.
 */
function matchingRecords(candidatesOfFilter: Candidates, where: SqlCondition, index?: string) {
  const candidates = candidatesOfFilter();
  if (candidates === undefined) {
    const records = index === undefined ? 'records' : `records INDEXED BY ${index}`;
    return { with: '', sql: `${records} WHERE ${where.sql}`, params: where.params };
  }
  return {
    // MATERIALIZED and CROSS JOIN keep SQLite from scanning the key index instead of the candidates.
    with: `WITH candidates (id) AS MATERIALIZED (${candidates.sql}) `,
    sql: `candidates CROSS JOIN records ON records.id = candidates.id WHERE ${where.sql}`,
    params: [...candidates.params, ...where.params],
  };
}

export function revisionOf(id: number, version: number): string {
  return `${id}.${version}`;
}

function toSummary(row: SummaryRow, now: number): RecordSummary {
  return {
    key: row.key,
    size: row.size,
    preview: row.preview ?? Buffer.alloc(0),
    metadata: decodeMetadata(row.metadata),
    expiresAt: row.expires_at,
    expired: isExpired(row.expires_at, now),
    updatedAt: row.updated_at,
    revision: revisionOf(row.id, row.version),
  };
}
