/**
 * A picture of one table (docs/analysis.md): its key space one level at a time, its value sizes, when its
 * records expire, and its biggest records. Every figure is a SQL aggregate read on the store's own thread: no
 * record crosses into JavaScript but the few biggest, so memory stays bounded whatever the table holds.
 */
import { keptCount } from './namespace-counts.js';
import { narrowToPrefix } from './prefix-counts.js';
import { filterConditions, type RecordFilter, type SqlCondition, whereClause } from './record-filter.js';
import { countMatching } from './record-page.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

/**
 * Above this many matching records the picture is drawn from a sample (and says so): an exact picture costs
 * three scans of every matching record, a sample three reads of SAMPLE_PROBES records whatever the table holds
 * (docs/analysis.md, "Sampling"; the figures are in docs/benchmarks.md, "analysis").
 */
export const SAMPLE_ABOVE = 250_000;
/** About how many records a sample reads: enough for every share shown to be right to a fraction of a percent. */
export const SAMPLE_PROBES = 100_000;
/** A level shows its biggest parts; the rest are summed into `others`. */
export const MAX_PARTS = 60;
export const MAX_BIGGEST = 100;

/** Value-size buckets' lower bounds in bytes: [0], [1, 16), [16, 64) … [4 MiB, ∞). */
export const SIZE_BOUNDS = [0, 1, 16, 64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304] as const;

/** Expiry buckets: expired (not yet purged), then life left up to each bound, then later, then never. */
export const EXPIRY_BOUNDS = [
  { name: 'minute', ms: 60_000 },
  { name: 'hour', ms: 3_600_000 },
  { name: 'day', ms: 86_400_000 },
] as const;

export type ExpiryBucketName = 'expired' | (typeof EXPIRY_BOUNDS)[number]['name'] | 'later' | 'never';

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
  /** Called between phases (done phases, all phases): a phase can take a second at millions of records. */
  onProgress?: (done: number, total: number) => void;
  /** Read before each phase (an AbortSignal will do): once aborted, the analysis stops with AnalysisCancelledError. */
  signal?: { readonly aborted: boolean };
}

/** The analysis was cancelled (its signal aborted) before it finished; nothing more was read. */
export class AnalysisCancelledError extends Error {
  constructor() {
    super('the analysis was cancelled');
    this.name = 'AnalysisCancelledError';
  }
}

/** One part of a key-space level: a branch (keys continuing past a delimiter) or the keys that end here. */
export interface KeyPart {
  /** The branch's prefix (ending in the delimiter); null for the records whose keys end at this level. */
  prefix: string | null;
  records: number;
  bytes: number;
}

export interface SizeBucket {
  /** Lower bound in bytes (inclusive). */
  from: number;
  /** Upper bound in bytes (exclusive); null for the last. */
  to: number | null;
  records: number;
  bytes: number;
}

export interface ExpiryBucket {
  bucket: ExpiryBucketName;
  records: number;
}

export interface BigRecord {
  key: string;
  size: number;
  expiresAt: number | null;
}

export interface TableAnalysis {
  /** The instant the expiry buckets count from (ms since the epoch). */
  now: number;
  /** Records analysed (in the sample, when sampled) and their value bytes. */
  records: number;
  bytes: number;
  /** Present when the figures come from a sample: how many records it read of about how many matching. */
  sample: { records: number; of: number } | null;
  /** `others`: what the parts past MAX_PARTS hold together; null when every part is listed. */
  keySpace: { level: string; delimiter: string; parts: KeyPart[]; others: Omit<KeyPart, 'prefix'> | null };
  sizes: SizeBucket[];
  expiry: ExpiryBucket[];
  biggest: BigRecord[];
}

/** Where the records come from: a CTE (the sample's probes) and its parameters, then FROM … WHERE and its. */
interface Source {
  with: string;
  withParams: unknown[];
  from: string;
  params: unknown[];
}

const PHASES = 3;

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
  // Each phase is one SQL statement, which cannot be stopped part-way: a cancel is seen between them.
  const stopIfCancelled = () => {
    if (options.signal?.aborted) throw new AnalysisCancelledError();
  };
  const report = (done: number) => {
    stopIfCancelled();
    options.onProgress?.(done, PHASES);
  };
  return db.transaction(() => {
    report(0);
    const threshold = options.sampleAbove ?? SAMPLE_ABOVE;
    const sampling = matchesMoreThan(statements, nsId, options.filter, now, threshold)
      ? sampleSource(statements)
      : undefined;
    stopIfCancelled();
    const source = (filter: RecordFilter) => recordSource(nsId, filter, now, sampling);
    const totals = readTotals(statements, source(options.filter), now);
    report(1);
    const narrowed = narrowToPrefix(options.filter, level);
    const keySpace =
      narrowed === undefined
        ? { level, delimiter, parts: [], others: null }
        : readKeyLevel(statements, source(narrowed), level, delimiter);
    report(2);
    const biggest = readBiggest(statements, source(options.filter), options.biggest ?? 20);
    options.onProgress?.(PHASES, PHASES);
    const sample = sampling === undefined ? null : { records: totals.records, of: totals.records * sampling.stride };
    return { now, ...totals, sample, keySpace, biggest };
  })();
}

/**
 * Whether to sample: the table's kept count answers at once for most tables. Unfiltered, a table keeping over
 * twice the threshold is sampled without counting (only expired records not yet purged could bring it under,
 * and the sample's "of about" is its own estimate anyway); otherwise a count stops past the threshold.
 */
function matchesMoreThan(
  statements: StatementCache,
  nsId: number,
  filter: RecordFilter,
  now: number,
  threshold: number,
): boolean {
  const kept = keptCount(statements, nsId);
  if (kept <= threshold) return false;
  const unfiltered = filterConditions(nsId, filter, now).length === filterConditions(nsId, {}, now).length;
  if (unfiltered && kept > 2 * threshold) return true;
  return countMatching(statements, nsId, filter, now, { limit: threshold + 1 }) > threshold;
}

function emptyAnalysis(now: number, level: string, delimiter: string): TableAnalysis {
  return {
    now,
    records: 0,
    bytes: 0,
    sample: null,
    keySpace: { level, delimiter, parts: [], others: null },
    sizes: SIZE_BOUNDS.map((from, index) => ({ from, to: SIZE_BOUNDS[index + 1] ?? null, records: 0, bytes: 0 })),
    expiry: expiryNames().map((bucket) => ({ bucket, records: 0 })),
    biggest: [],
  };
}

interface Sampling {
  first: number;
  last: number;
  stride: number;
}

/**
 * A systematic sample: every `stride`-th row id from the first to the last, each read by its id (a b-tree
 * lookup), so a sample costs the same at 5 M records as at 50 M. Ids follow insertion order, so the sample
 * spreads over old and new records alike. Ids of other tables or deleted records find nothing.
 */
function sampleSource(statements: StatementCache): Sampling {
  const bounds = statements
    .get<{ first: number | null; last: number | null }>('SELECT min(id) AS first, max(id) AS last FROM records')
    .get();
  const first = bounds?.first ?? 0;
  const last = bounds?.last ?? 0;
  return { first, last, stride: Math.max(1, Math.ceil((last - first + 1) / SAMPLE_PROBES)) };
}

function recordSource(nsId: number, filter: RecordFilter, now: number, sampling: Sampling | undefined): Source {
  const where = whereClause(filterConditions(nsId, filter, now));
  if (sampling === undefined)
    return { with: '', withParams: [], from: `records WHERE ${where.sql}`, params: where.params };
  const { first, last, stride } = sampling;
  return {
    with: 'WITH RECURSIVE probe (id) AS (SELECT ? UNION ALL SELECT id + ? FROM probe WHERE id + ? <= ?) ',
    // CROSS JOIN keeps SQLite from scanning records and looking each one up in the probes instead.
    from: `probe CROSS JOIN records ON records.id = probe.id WHERE ${where.sql}`,
    withParams: [first, stride, stride, last],
    params: where.params,
  };
}

function expiryNames(): ExpiryBucketName[] {
  return ['expired', ...EXPIRY_BOUNDS.map((bound) => bound.name), 'later', 'never'];
}

/** One pass: totals, the value-size histogram and the expiry buckets, as conditional sums over one scan. */
function readTotals(statements: StatementCache, source: Source, now: number) {
  const sizeColumns = SIZE_BOUNDS.map((from, index) => {
    const to = SIZE_BOUNDS[index + 1];
    const test = to === undefined ? `size >= ${from}` : `size >= ${from} AND size < ${to}`;
    return `sum(${test}) AS r${index}, sum(CASE WHEN ${test} THEN size END) AS b${index}`;
  });
  const expiry = expiryConditions(now);
  const expiryColumns = expiry.map((condition, index) => `sum(${condition.sql}) AS e${index}`);
  // length() of a blob is read from the record header: no value is loaded, however big. LIMIT -1 takes it
  // once per record, where a flattened subquery would repeat it in every sum.
  const sql =
    `${source.with}SELECT count(*) AS records, coalesce(sum(size), 0) AS bytes, ${[...sizeColumns, ...expiryColumns].join(', ')} ` +
    `FROM (SELECT length(value) AS size, expires_at FROM ${source.from} LIMIT -1)`;
  const params = [...source.withParams, ...expiry.flatMap((condition) => condition.params), ...source.params];
  const row = statements.get<Record<string, number | null>>(sql).get(...params) ?? {};
  const figure = (name: string) => Number(row[name] ?? 0);
  return {
    records: figure('records'),
    bytes: figure('bytes'),
    sizes: SIZE_BOUNDS.map((from, index) => ({
      from,
      to: SIZE_BOUNDS[index + 1] ?? null,
      records: figure(`r${index}`),
      bytes: figure(`b${index}`),
    })),
    expiry: expiryNames().map((bucket, index) => ({ bucket, records: figure(`e${index}`) })),
  };
}

/** The buckets' conditions, in expiryNames() order; they are disjoint and cover every record. */
function expiryConditions(now: number): SqlCondition[] {
  const conditions: SqlCondition[] = [{ sql: 'expires_at < ?', params: [now] }];
  let from = now;
  let inclusive = true;
  for (const bound of EXPIRY_BOUNDS) {
    // Matches the grid's "expiring within" filter: expires_at from now up to now + ms, both inclusive.
    conditions.push({
      sql: `expires_at ${inclusive ? '>=' : '>'} ? AND expires_at <= ?`,
      params: [from, now + bound.ms],
    });
    from = now + bound.ms;
    inclusive = false;
  }
  conditions.push({ sql: 'expires_at > ?', params: [from] }, { sql: 'expires_at IS NULL', params: [] });
  return conditions;
}

/**
 * The parts of one level: keys below `level` grouped by what follows it up to and including the next
 * delimiter. Compared as bytes, since SQLite's text functions stop at a NUL a key may hold; a UTF-8
 * delimiter never cuts a character in two, so each part decodes whole.
 */
function readKeyLevel(statements: StatementCache, source: Source, level: string, delimiter: string) {
  const start = Buffer.byteLength(level, 'utf8') + 1;
  const width = Buffer.byteLength(delimiter, 'utf8');
  // LIMIT -1 keeps the innermost query from being flattened into the GROUP BY, whose sorter would otherwise
  // copy each whole value to take its length after sorting (four times slower at 100-byte values).
  const sql =
    `${source.with}SELECT part, count(*) AS records, coalesce(sum(size), 0) AS bytes FROM (` +
    'SELECT CASE WHEN at > 0 THEN substr(rest, 1, at + ? - 1) END AS part, size FROM (' +
    'SELECT rest, instr(rest, ?) AS at, size FROM (' +
    `SELECT substr(CAST(key AS BLOB), ?) AS rest, length(value) AS size FROM ${source.from} LIMIT -1))) ` +
    'GROUP BY part ORDER BY records DESC, part LIMIT ?';
  const params = [...source.withParams, width, Buffer.from(delimiter, 'utf8'), start, ...source.params, MAX_PARTS + 1];
  const rows = statements.get<{ part: Buffer | null; records: number; bytes: number }>(sql).all(...params);
  const parts = rows.slice(0, MAX_PARTS).map((row) => ({
    prefix: row.part === null ? null : level + Buffer.from(row.part).toString('utf8'),
    records: row.records,
    bytes: row.bytes,
  }));
  return { level, delimiter, parts, others: rows.length > MAX_PARTS ? othersOf(statements, source, parts) : null };
}

/** What the shown parts leave over: the level's totals less theirs. */
function othersOf(statements: StatementCache, source: Source, parts: KeyPart[]): Omit<KeyPart, 'prefix'> {
  const sql = `${source.with}SELECT count(*) AS records, coalesce(sum(length(value)), 0) AS bytes FROM ${source.from}`;
  const all = statements.get<{ records: number; bytes: number }>(sql).get(...source.withParams, ...source.params);
  const shown = parts.reduce((sum, part) => ({ records: sum.records + part.records, bytes: sum.bytes + part.bytes }), {
    records: 0,
    bytes: 0,
  });
  return { records: (all?.records ?? 0) - shown.records, bytes: (all?.bytes ?? 0) - shown.bytes };
}

function readBiggest(statements: StatementCache, source: Source, limit: number): BigRecord[] {
  const sql = `${source.with}SELECT key, length(value) AS size, expires_at AS expiresAt FROM ${source.from} ORDER BY size DESC, key LIMIT ?`;
  return statements
    .get<BigRecord>(sql)
    .all(...source.withParams, ...source.params, Math.min(Math.max(0, limit), MAX_BIGGEST));
}
