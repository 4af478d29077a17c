import { loggedRecordIds, type MarkState, markState, marksNeedScan } from './index-coverage.js';
import { MARK_SCAN, NOTED_SEQ, STALE_METADATA, STALE_VALUE, UNLOGGED_CHANGES } from './migrations/007-stale-marks.js';
import { NEXT_ID_RANGE } from './record-sql.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The app's side of the stale marks (docs/file-format.md, "Stale marks"): it turns the marks writers leave on
 * changed records into notes in `index_pending`, which the index upkeep then re-indexes, and clears the marks.
 * The marks of logged changes are found through the log; after a change nobody logged (or a log cut short),
 * by a scan of every record, in chunks of ids, each chunk a short write transaction of the caller's.
 */

const SET_ROW =
  'INSERT INTO store_inspector (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value';
const DELETE_ROW = 'DELETE FROM store_inspector WHERE name = ?';

const METADATA_NOTE = `((stale & ${STALE_METADATA}) != 0 AND id <= :metadata)`;
const VALUE_NOTE = `((stale & ${STALE_VALUE}) != 0 AND id <= :value)`;

/** The marked records of `where`, noted for each index that covers them (an index that does not reads them anew). */
const noteMarked = (where: string) => `
  INSERT INTO index_pending (id, metadata, value)
    SELECT id, ${METADATA_NOTE}, ${VALUE_NOTE} FROM records
    WHERE ${where} AND (${METADATA_NOTE} OR ${VALUE_NOTE})
  ON CONFLICT (id) DO UPDATE SET metadata = metadata OR excluded.metadata, value = value OR excluded.value`;
const clearMarks = (where: string) => `UPDATE records SET stale = 0 WHERE ${where} AND stale != 0`;

const LOGGED = `id IN (${loggedRecordIds(':from')})`;
const IN_RANGE = 'id > :from AND id <= :to';
/**
 * Records a scan looks at per record the upkeep may index in one call: reading a row's mark costs a small part
 * of indexing it, and a scan of a large file in index-sized chunks would hold filters back for many calls.
 */
const SCAN_ROWS_PER_ROW = 5;

/**
 * Notes the marked records the log names since the last call, and those of the next `maxRows` ids while a scan
 * runs (starting one when marks may exist the log does not name). Runs in the caller's write transaction;
 * returns how many records it looked at (0: nothing to do).
 */
export function noteStaleRecords(statements: StatementCache, maxRows: number): number {
  const state = markState(statements);
  if (marksNeedScan(state)) startScan(statements, state);
  let looked = 0;
  if (state.latest > state.noted) {
    looked += moveMarks(statements, state, LOGGED, { from: state.noted });
    statements.get(SET_ROW).run(NOTED_SEQ, state.latest);
  }
  if (state.scanned !== null) looked += scanChunk(statements, state, state.scanned, maxRows * SCAN_ROWS_PER_ROW);
  return looked;
}

/** Whether noteStaleRecords has anything to do, read without a write lock. */
export function staleRecordsToNote(statements: StatementCache): boolean {
  const state = markState(statements);
  return marksNeedScan(state) || state.scanned !== null || state.latest > state.noted;
}

/** A scan from the first id: every change from here on is logged, or flags another scan. */
function startScan(statements: StatementCache, state: MarkState): void {
  statements.get(DELETE_ROW).run(UNLOGGED_CHANGES);
  statements.get(SET_ROW).run(MARK_SCAN, 0);
  statements.get(SET_ROW).run(NOTED_SEQ, state.latest);
  state.scanned = 0;
  state.noted = state.latest;
}

/**
 * The indexes' watermarks as markState read them: nothing this module runs moves them, and the caller's write
 * transaction keeps other writers from moving them.
 */
type Watermarks = Pick<MarkState, 'metadata' | 'value'>;

function scanChunk(statements: StatementCache, watermarks: Watermarks, from: number, maxRows: number): number {
  const range = statements.get<{ upto: number | null; rows: number }>(NEXT_ID_RANGE).get(from, maxRows);
  if (range === undefined || range.upto === null) {
    statements.get(DELETE_ROW).run(MARK_SCAN);
    return 0;
  }
  moveMarks(statements, watermarks, IN_RANGE, { from, to: range.upto });
  statements.get(SET_ROW).run(MARK_SCAN, range.upto);
  return range.rows;
}

/** Notes the marked records of `where` and clears their marks; returns how many it noted. */
function moveMarks(
  statements: StatementCache,
  { metadata, value }: Watermarks,
  where: string,
  params: Record<string, number>,
): number {
  const noted = statements.get(noteMarked(where)).run({ ...params, metadata, value }).changes;
  statements.get(clearMarks(where)).run(params);
  return noted;
}
