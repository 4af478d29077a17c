import { METADATA_WATERMARK } from './migrations/003-metadata-values.js';
import { VALUE_WATERMARK } from './migrations/005-value-index.js';
import { MARK_SCAN, NOTED_SEQ, STALE_METADATA, STALE_VALUE, UNLOGGED_CHANGES } from './migrations/007-stale-marks.js';
import type { SqlCondition } from './record-filter.js';
import type { StatementCache } from './statement-cache.js';

/**
 * What a reader may trust of the indexes filled behind the writers (docs/file-format.md, "Stale marks"), read
 * from the file at each query, so any process reads exactly whoever wrote: a record is vouched for when its id
 * is at or below the index's watermark and it is neither noted in `index_pending` nor marked stale and named
 * by the change log since the app last noted marks. After a change nobody logged (or a log cut short), no
 * mark can be found without a scan, so nothing is vouched for until the app's scan for marks has passed it.
 */

/** The index a note or a mark is for: a flag of `index_pending`, a bit of `records.stale`. */
export type BehindIndex = 'metadata' | 'value';

const WATERMARK_ROW = { metadata: METADATA_WATERMARK, value: VALUE_WATERMARK } as const;
const STALE_BIT = { metadata: STALE_METADATA, value: STALE_VALUE } as const;

export interface Coverage {
  /** The highest id whose index entries can be trusted (unless pending); 0 when none can be. */
  upTo: number;
  /** The change log's entries after this seq may name marked records not noted yet. */
  notedSeq: number;
}

/** The marks' bookkeeping: where the notes have caught up with the log, and whether they can. */
export interface MarkState {
  unlogged: number;
  /** How far the scan for marks has come (records.id), or null when none runs. */
  scanned: number | null;
  noted: number;
  oldest: number | null;
  latest: number;
  /** Each index's watermark, read in the same statement (a filtered query needs both the state and one). */
  metadata: number;
  value: number;
}

const MARK_STATE = `SELECT
  EXISTS (SELECT 1 FROM store_inspector WHERE name = '${UNLOGGED_CHANGES}') AS unlogged,
  (SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${MARK_SCAN}') AS scanned,
  coalesce((SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${NOTED_SEQ}'), 0) AS noted,
  (SELECT min(seq) FROM changes) AS oldest,
  coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0) AS latest,
  coalesce((SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${METADATA_WATERMARK}'), 0) AS metadata,
  coalesce((SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = '${VALUE_WATERMARK}'), 0) AS value`;

export function markState(statements: StatementCache): MarkState {
  return statements.get<MarkState>(MARK_STATE).get() as MarkState;
}

/** True when marks may exist that neither the log names nor a scan has passed: a scan must find them. */
export function marksNeedScan(state: MarkState): boolean {
  return state.unlogged === 1 || logCutShort(state);
}

/** The log capped itself past entries the notes had not caught up with: the marks they named are lost. */
function logCutShort({ noted, oldest, latest }: MarkState): boolean {
  return latest > noted && (oldest === null || oldest > noted + 1);
}

const WATERMARK = `coalesce((SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = ?), 0)`;

export function indexWatermark(statements: StatementCache, index: BehindIndex): number {
  return statements.get<number>(`SELECT ${WATERMARK}`).pluck().get(WATERMARK_ROW[index]) ?? 0;
}

/** Whether an index's upkeep has work: notes to rebuild, or records above its watermark (one statement). */
export function upkeepDue(statements: StatementCache, index: BehindIndex): boolean {
  const sql = `SELECT EXISTS (SELECT 1 FROM index_pending WHERE ${index})
    OR EXISTS (SELECT 1 FROM records WHERE id > ${WATERMARK})`;
  return statements.get<number>(sql).pluck().get(WATERMARK_ROW[index]) === 1;
}

/** The ids of the records the change log names after seq `from` (a placeholder: `?` or `:from`). */
export function loggedRecordIds(from: string): string {
  return `SELECT records.id FROM changes CROSS JOIN records ON records.ns = changes.ns AND records.key = changes.key
    WHERE changes.seq > ${from}`;
}

export function coverage(statements: StatementCache, index: BehindIndex): Coverage {
  const state = markState(statements);
  const watermark = state[index];
  const upTo = marksNeedScan(state) ? 0 : Math.min(watermark, state.scanned ?? watermark);
  return { upTo, notedSeq: state.noted };
}

/**
 * The covered records an index cannot vouch for although their ids are covered: noted, or marked and named by
 * the log since the notes caught up. (Ids above `upTo` are not vouched for either: see uncoveredIds.)
 */
export function pendingIds(index: BehindIndex, { notedSeq }: Coverage): SqlCondition {
  return {
    sql: `SELECT id FROM index_pending WHERE ${index}
      UNION ${loggedRecordIds('?')} AND records.stale & ${STALE_BIT[index]}`,
    params: [notedSeq],
  };
}

/** Every record the index cannot vouch for, each id once, in a column named `as`: above its coverage, or pending. */
export function uncoveredIds(index: BehindIndex, covered: Coverage, as = 'id'): SqlCondition {
  const pending = pendingIds(index, covered);
  return {
    sql: `SELECT id AS ${as} FROM records WHERE id > ? UNION ${pending.sql}`,
    params: [covered.upTo, ...pending.params],
  };
}

/** How many records the index cannot vouch for, counted up to `cap`. */
export function uncoveredCount(statements: StatementCache, index: BehindIndex, covered: Coverage, cap: number) {
  const uncovered = uncoveredIds(index, covered);
  const sql = `SELECT count(*) FROM (${uncovered.sql} LIMIT ?)`;
  return (
    statements
      .get<number>(sql)
      .pluck()
      .get(...uncovered.params, cap) ?? 0
  );
}
