/**
 * A picture of one table (docs/analysis.md): its key space one level at a time, its value sizes, when its
 * records expire, and its biggest records. One pass reads each matching record's key, value length and
 * expiry (never its value) and tallies every chart at once (analysis-tally.ts); above SAMPLE_ABOVE matches
 * the pass reads a sample of row-id ranges instead, so its cost does not grow with the table.
 */
import {
  AnalysisTally,
  type BigRecord,
  type ExpiryBucket,
  emptySizes,
  expiryNames,
  type KeyLevel,
  MAX_PARTS,
  type SizeBucket,
  type TalliedRow,
} from './analysis-tally.js';
import { keptCount, liveCount } from './namespace-counts.js';
import { narrowToPrefix } from './prefix-counts.js';
import { filterConditions, matchesAnyKey, type RecordFilter, whereClause } from './record-filter.js';
import { countMatching } from './record-page.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

export type { BigRecord, ExpiryBucket, SizeBucket } from './analysis-tally.js';

/**
 * Above this many matching records the picture is drawn from a sample (and says so): an exact picture reads
 * every matching record, a sample about SAMPLE_PROBES whatever the table holds (docs/analysis.md, "Sampling";
 * the figures are in docs/benchmarks.md, "analysis").
 */
export const SAMPLE_ABOVE = 250_000;
/** About how many row ids a sample reads: enough for every share shown to be right to a fraction of a percent. */
export const SAMPLE_PROBES = 100_000;
/**
 * A sample reads runs of this many consecutive row ids, spread evenly over the table: a run is one b-tree
 * descent and then neighbouring rows on the same pages, where single ids cost a descent each (measured:
 * docs/benchmarks.md, "analysis").
 */
export const SAMPLE_RUN = 100;
export const MAX_BIGGEST = 100;
/** Progress is reported, and a cancel is seen, every this many records read. */
const CHECK_EVERY = 4_096;

export interface AnalysisOptions {
  /** The grid's filter: every figure counts only the records it keeps. */
  filter: RecordFilter;
  /** The key-space level to break down (keys starting with it); default the filter's prefix. */
  level?: string;
  /** Splits keys into levels; default '/'. */
  delimiter?: string;
  /** How many of the biggest records to list; default 20. */
  biggest?: number;
  /** Sample above this many matching records; default SAMPLE_ABOVE. */
  sampleAbove?: number;
  /** How many distinct parts of the level the pass holds before SQL groups it instead; default MAX_DISTINCT_PARTS. */
  partsInMemory?: number;
  /** Called as the pass reads (records read, about how many it will read); the last call has done = total. */
  onProgress?: (done: number, total: number) => void;
  /** Read as the pass goes (an AbortSignal will do): once aborted, the analysis stops with AnalysisCancelledError. */
  signal?: { readonly aborted: boolean };
}

/** The analysis was cancelled (its signal aborted) before it finished; nothing more was read. */
export class AnalysisCancelledError extends Error {
  constructor() {
    super('the analysis was cancelled');
    this.name = 'AnalysisCancelledError';
  }
}

export interface TableAnalysis {
  /** The instant the expiry buckets count from (ms since the epoch). */
  now: number;
  /** Records analysed (in the sample, when sampled) and their value bytes. */
  records: number;
  bytes: number;
  /**
   * Present when the figures come from a sample: how many records it read of how many matching (exact for a
   * whole table, from its kept count; else the sample's own estimate).
   */
  sample: { records: number; of: number } | null;
  keySpace: KeyLevel;
  sizes: SizeBucket[];
  expiry: ExpiryBucket[];
  biggest: BigRecord[];
}

/** Where the pass reads: SQL after SELECT's columns, its parameters, and how many rows it expects. */
interface Source {
  with: string;
  from: string;
  params: unknown[];
  /** About how many rows it reads (for progress). */
  expected: number;
}

interface Sampling {
  first: number;
  runs: number;
  /** Row ids from the first run's start to the next run's. */
  gap: number;
  /** How many row ids the runs cover together, and the id span they are spread over. */
  ids: number;
  span: number;
}

/** The analysis of one table's records that match the filter, read in one transaction (one state of the file). */
export function analyseTable(
  db: Database,
  statements: StatementCache,
  nsId: number | undefined,
  options: AnalysisOptions,
  now: number,
): TableAnalysis {
  const delimiter = options.delimiter ?? '/';
  const level = options.level ?? options.filter.prefix ?? '';
  if (nsId === undefined) return emptyAnalysis(now, level, delimiter);
  const stopIfCancelled = () => {
    if (options.signal?.aborted) throw new AnalysisCancelledError();
  };
  return db.transaction(() => {
    stopIfCancelled();
    const threshold = options.sampleAbove ?? SAMPLE_ABOVE;
    const matching = matchingEstimate(statements, nsId, options.filter, now, threshold);
    const sampling = matching > threshold ? sampleRuns(statements) : undefined;
    stopIfCancelled();
    const source = recordSource(statements, nsId, options.filter, now, sampling, matching);
    options.onProgress?.(0, source.expected);
    // Only keys below the level count in its parts; none can be when the filter's prefix leads elsewhere.
    const partsLevel = narrowToPrefix(options.filter, level) === undefined ? undefined : level;
    const biggest = Math.min(Math.max(0, options.biggest ?? 20), MAX_BIGGEST);
    const tally = new AnalysisTally(now, partsLevel, delimiter, biggest, options.partsInMemory);
    const sql = `${source.with}SELECT key, length(value) AS size, expires_at FROM ${source.from}`;
    let read = 0;
    for (const row of statements.get<TalliedRow>(sql).iterate(...source.params)) {
      tally.add(row);
      if (++read % CHECK_EVERY === 0) {
        // Throwing inside the loop ends the statement: nothing more is read.
        stopIfCancelled();
        options.onProgress?.(read, Math.max(read + 1, source.expected));
      }
    }
    stopIfCancelled();
    let keySpace = tally.keyLevel();
    if (tally.partsOverflowed) keySpace = readKeyLevel(statements, nsId, options.filter, now, level, delimiter);
    options.onProgress?.(read, read);
    const sample =
      sampling === undefined
        ? null
        : {
            records: tally.records,
            of:
              matching === Number.POSITIVE_INFINITY
                ? Math.round((tally.records * sampling.span) / sampling.ids)
                : matching,
          };
    return {
      now,
      records: tally.records,
      bytes: tally.bytes,
      sample,
      keySpace,
      sizes: tally.sizes,
      expiry: tally.expiry(),
      biggest: tally.biggestRecords(),
    };
  })();
}

/**
 * How many records match, exactly when that is cheap, else Infinity for "more than the threshold". A whole
 * table's count is its kept count (less the expired, through the expiry index); a filtered one is counted
 * up to the threshold, unless the table itself keeps no more than that.
 */
function matchingEstimate(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  threshold: number,
): number {
  const kept = keptCount(statements, nsId);
  const expiry = filter.expiry ?? 'live';
  if (matchesAnyKey(filter) && filter.expiringWithinMs === undefined) {
    if (expiry === 'all') return kept;
    if (expiry === 'live') return liveCount(statements, nsId, now);
  }
  if (kept <= threshold) return kept;
  const limit = Number.isFinite(threshold) ? threshold + 1 : undefined;
  const counted = countMatching(statements, nsId, filter, now, limit === undefined ? {} : { limit });
  return limit !== undefined && counted >= limit ? Number.POSITIVE_INFINITY : counted;
}

function emptyAnalysis(now: number, level: string, delimiter: string): TableAnalysis {
  return {
    now,
    records: 0,
    bytes: 0,
    sample: null,
    keySpace: { level, delimiter, parts: [], others: null },
    sizes: emptySizes(),
    expiry: expiryNames().map((bucket) => ({ bucket, records: 0 })),
    biggest: [],
  };
}

/**
 * A systematic sample of runs: SAMPLE_PROBES / SAMPLE_RUN runs of consecutive row ids, evenly spaced from
 * the first id to the last. Ids follow insertion order, so the sample spreads over old and new records
 * alike; ids of other tables or deleted records find nothing.
 */
function sampleRuns(statements: StatementCache): Sampling {
  const bounds = statements
    .get<{ first: number | null; last: number | null }>('SELECT min(id) AS first, max(id) AS last FROM records')
    .get();
  const first = bounds?.first ?? 0;
  const span = (bounds?.last ?? 0) - first + 1;
  const runs = Math.max(1, Math.min(Math.ceil(SAMPLE_PROBES / SAMPLE_RUN), Math.floor(span / SAMPLE_RUN)));
  const gap = Math.max(SAMPLE_RUN, Math.floor(span / runs));
  return { first, runs, gap, ids: Math.min(span, runs * SAMPLE_RUN), span };
}

function recordSource(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  sampling: Sampling | undefined,
  matching: number,
): Source {
  const where = whereClause(filterConditions(nsId, filter, now));
  if (sampling === undefined) {
    const records = readsInRowOrder(statements, filter, matching) ? 'records NOT INDEXED' : 'records';
    return { with: '', from: `${records} WHERE ${where.sql}`, params: where.params, expected: matching };
  }
  const { first, runs, gap } = sampling;
  return {
    with: 'WITH RECURSIVE run (n, start) AS (SELECT 1, ? UNION ALL SELECT n + 1, start + ? FROM run WHERE n < ?) ',
    // Each run is a rowid range. CROSS JOIN keeps SQLite from scanning records and looking each one up in the
    // runs; NOT INDEXED from reading the whole namespace through (ns, key) for every run, which it prefers to
    // a rowid range (rowid lookups stay allowed).
    from: `run CROSS JOIN records NOT INDEXED ON records.id >= run.start AND records.id < run.start + ? WHERE ${where.sql}`,
    params: [first, gap, runs, SAMPLE_RUN, ...where.params],
    expected: sampling.ids,
  };
}

/**
 * Whether an exact pass reads the table in row order (pages one after another) rather than through
 * (ns, key) (a b-tree descent per record): when no key condition narrows the namespace and it holds at
 * least a quarter of the file's row ids, so reading the others' rows too costs less than the descents.
 */
function readsInRowOrder(statements: StatementCache, filter: RecordFilter, matching: number): boolean {
  if ((filter.prefix ?? '') !== '') return false;
  const span = statements.get<number>('SELECT coalesce(max(id) - min(id) + 1, 0) FROM records').pluck().get() ?? 0;
  return matching * 4 >= span;
}

/**
 * A level with more distinct parts than a tally holds, grouped by SQL instead (its sorter spills to disk):
 * keys below `level` grouped by what follows it up to and including the next delimiter, compared as bytes
 * since SQLite's text functions stop at a NUL a key may hold. Only an exact picture of a level of mostly
 * unique keys comes here.
 */
function readKeyLevel(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  level: string,
  delimiter: string,
): KeyLevel {
  const narrowed = narrowToPrefix(filter, level);
  if (narrowed === undefined) return { level, delimiter, parts: [], others: null };
  const where = whereClause(filterConditions(nsId, narrowed, now));
  const start = Buffer.byteLength(level, 'utf8') + 1;
  const width = Buffer.byteLength(delimiter, 'utf8');
  // LIMIT -1 keeps the innermost query from being flattened into the GROUP BY, whose sorter would otherwise
  // copy each whole value to take its length after sorting.
  const grouped =
    'SELECT CASE WHEN at > 0 THEN substr(rest, 1, at + ? - 1) END AS part, size FROM (' +
    'SELECT rest, instr(rest, ?) AS at, size FROM (' +
    `SELECT substr(CAST(key AS BLOB), ?) AS rest, length(value) AS size FROM records WHERE ${where.sql} LIMIT -1))`;
  const sql = `SELECT part, count(*) AS records, coalesce(sum(size), 0) AS bytes FROM (${grouped}) GROUP BY part`;
  const params = [width, Buffer.from(delimiter, 'utf8'), start, ...where.params];
  const totals = { records: 0, bytes: 0 };
  const top: { part: Buffer | null; records: number; bytes: number }[] = [];
  for (const row of statements.get<{ part: Buffer | null; records: number; bytes: number }>(sql).iterate(...params)) {
    totals.records += row.records;
    totals.bytes += row.bytes;
    top.push(row);
    if (top.length > 4 * MAX_PARTS) keepTop(top);
  }
  keepTop(top);
  const parts = top.map((row) => ({
    prefix: row.part === null ? null : level + Buffer.from(row.part).toString('utf8'),
    records: row.records,
    bytes: row.bytes,
  }));
  const shown = parts.reduce((sum, part) => ({ records: sum.records + part.records, bytes: sum.bytes + part.bytes }), {
    records: 0,
    bytes: 0,
  });
  const others =
    shown.records === totals.records
      ? null
      : { records: totals.records - shown.records, bytes: totals.bytes - shown.bytes };
  return { level, delimiter, parts, others };
}

/** Keeps the MAX_PARTS parts with the most records (ties: keys ending here, then by bytes). */
function keepTop(rows: { part: Buffer | null; records: number }[]): void {
  rows.sort(
    (a, b) => b.records - a.records || (a.part === null ? -1 : b.part === null ? 1 : Buffer.compare(a.part, b.part)),
  );
  rows.length = Math.min(rows.length, MAX_PARTS);
}
