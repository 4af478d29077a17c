import type { SqlCondition } from './record-filter.js';
import type { StatementCache } from './statement-cache.js';

/**
 * A page whose filter no index can serve (a value term shorter than a trigram, a case-sensitive term whose
 * folded trigrams are everywhere, a term each of whose trigrams is common): reading it means checking record
 * after record in key order until a page matches, which for a rare or absent term is every record (seconds at
 * a million). With a time budget the walk goes slice by slice (the next keys of the table, found in the
 * `(ns, key)` index alone) and stops when the budget is spent, answering the matches so far and where it
 * stopped: the caller resumes from there (docs/metadata-queries.md, "Value contains"; docs/benchmarks.md,
 * "value-search").
 */

/** The first slice's keys; later slices grow while a slice takes less than a quarter of the budget. */
const FIRST_SLICE = 1_000;
const MAX_SLICE = 200_000;

export interface SliceScan {
  nsId: number;
  order: 'asc' | 'desc';
  /** The cursor: the walk starts after this key (in the page's order). */
  after: string | undefined;
  /** Key conditions the slices' bounds may use (a prefix's range), so a slice never leaves them. */
  keyRange: SqlCondition[];
  /** How many rows the caller wants (a page and one more, to know there is a next). */
  wanted: number;
  budgetMs: number;
  /** When the budget started (the clock's time): the caller's own work before the walk counts too. */
  started: number;
  clock?: () => number;
}

export interface SlicedRows<Row> {
  rows: Row[];
  /** Set when the budget ran out before `wanted` rows and before the last key: the last key examined. */
  stoppedAt?: string;
}

/**
 * Reads up to `wanted` rows in slices: `readSlice(range, limit)` answers the matching rows of one key range
 * in the page's order. Whatever the budget, at least one slice is read.
 */
export function readInSlices<Row>(
  statements: StatementCache,
  scan: SliceScan,
  readSlice: (range: SqlCondition, limit: number) => Row[],
): SlicedRows<Row> {
  const clock = scan.clock ?? (() => performance.now());
  const started = scan.started;
  const asc = scan.order === 'asc';
  const range = scan.keyRange.map((condition) => condition.sql).join(' AND ');
  const rangeParams = scan.keyRange.flatMap((condition) => condition.params);
  const boundarySql = (from: boolean) =>
    `SELECT key FROM records WHERE ns = ?${from ? ` AND key ${asc ? '>' : '<'} ?` : ''}` +
    `${range === '' ? '' : ` AND ${range}`} ORDER BY key ${asc ? 'ASC' : 'DESC'} LIMIT 1 OFFSET ?`;
  const rows: Row[] = [];
  let from = scan.after;
  let size = FIRST_SLICE;
  for (;;) {
    const sliceStarted = clock();
    const fromParams = from === undefined ? [] : [from];
    // The slice's last key: `size` keys on from the cursor (undefined: fewer are left, the slice runs to the end).
    const last = statements
      .get<string>(boundarySql(from !== undefined))
      .pluck()
      .get(scan.nsId, ...fromParams, ...rangeParams, size - 1);
    const bounds: string[] = [];
    const params: unknown[] = [];
    if (from !== undefined) {
      bounds.push(`key ${asc ? '>' : '<'} ?`);
      params.push(from);
    }
    if (last !== undefined) {
      bounds.push(`key ${asc ? '<=' : '>='} ?`);
      params.push(last);
    }
    rows.push(
      ...readSlice({ sql: bounds.length === 0 ? '1' : bounds.join(' AND '), params }, scan.wanted - rows.length),
    );
    if (last === undefined) return { rows };
    if (rows.length >= scan.wanted) return { rows };
    const now = clock();
    if (now - started >= scan.budgetMs) return { rows, stoppedAt: last };
    from = last;
    const took = now - sliceStarted;
    const left = scan.budgetMs - (now - started);
    const perKey = took / size;
    // Not even the smallest slice fits in what is left (at the last slice's pace): stop now rather than late.
    if (perKey * FIRST_SLICE > left) return { rows, stoppedAt: last };
    // Grow while a slice is cheap; plan for half of what is left, since the pace varies on a busy machine.
    const fits = perKey > 0 ? Math.floor(left / 2 / perKey) : MAX_SLICE;
    size = Math.max(FIRST_SLICE, Math.min(MAX_SLICE, took < scan.budgetMs / 4 ? size * 2 : size, fits));
  }
}
