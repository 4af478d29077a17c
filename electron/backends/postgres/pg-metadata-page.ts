/**
 * A page filtered by metadata, in key order. Postgres has two ways to it and often picks the wrong one: walk
 * go-micro's key index and test each row (fast when matches are spread through the key order), or ask the
 * metadata GIN index for every match and sort them (fast when they are few). Services often put the same
 * fact in the key and the metadata (`user/…` with kind "user"), and the planner, assuming the two independent,
 * walks the key index through every non-matching key: measured 8 s for a first page at 1M rows
 * (docs/backend-postgres.md). So we decide by bounded work instead: the first WINDOW keys in order are
 * tested; if they hold the page it is done, otherwise the GIN index finds the matches beyond them and the
 * page's keys are picked from those.
 */
import type { PageQuery } from '../../store/record-page.js';
import type { Queryable } from './pg-errors.js';
import { filterConditions, Params, whereClause } from './pg-filter.js';
import { orderedKey, type PgTable, qualified } from './pg-names.js';
import { SOURCE_COLUMNS, SOURCE_SUMMARY_COLUMNS, type SummaryRow, summaryColumns } from './pg-rows.js';

/** Keys tested through the key index before the GIN index is asked: ~20 ms of random heap reads at 1M rows. */
const WINDOW = 2_000;

export async function metadataPageRows(
  db: Queryable,
  target: PgTable,
  query: PageQuery,
  now: number,
): Promise<SummaryRow[]> {
  const wanted = query.limit + 1;
  const inWindow = await windowRows(db, target, query, now, wanted);
  if (inWindow.length >= wanted) return inWindow;
  const end = await windowEnd(db, target, query);
  if (end === undefined) return inWindow;
  const beyond = await matchingBeyond(db, target, query, now, end, wanted - inWindow.length);
  return [...inWindow, ...beyond];
}

/** The prefix and the cursor: the conditions the key index answers. */
function keyConditions(target: PgTable, query: PageQuery, params: Params, after: string | undefined): string[] {
  const key = orderedKey(target);
  const conditions = filterConditions({ prefix: query.filter.prefix, expiry: 'all' }, 0, params, key);
  if (after !== undefined) conditions.push(`${key} ${query.order === 'desc' ? '<' : '>'} ${params.add(after)}`);
  return conditions;
}

/** Everything else: metadata, suffix, contains, expiry. */
function otherConditions(query: PageQuery, now: number, params: Params, key: string): string[] {
  return filterConditions({ ...query.filter, prefix: undefined }, now, params, key);
}

function direction(query: PageQuery): string {
  return query.order === 'desc' ? 'DESC' : 'ASC';
}

async function windowRows(
  db: Queryable,
  target: PgTable,
  query: PageQuery,
  now: number,
  wanted: number,
): Promise<SummaryRow[]> {
  const params = new Params();
  const key = orderedKey(target);
  const window = `SELECT ${SOURCE_COLUMNS} FROM ${qualified(target)}
    ${whereClause(keyConditions(target, query, params, query.after))}
    ORDER BY ${key} ${direction(query)} LIMIT ${WINDOW}`;
  const sql = `SELECT ${SOURCE_SUMMARY_COLUMNS} FROM (${window}) AS w
    ${whereClause(otherConditions(query, now, params, key))} ORDER BY ${key} ${direction(query)} LIMIT ${params.add(wanted)}`;
  return (await db.query<SummaryRow>(sql, params.values)).rows;
}

/** The last key the window covered, or undefined when it covered every key there is. */
async function windowEnd(db: Queryable, target: PgTable, query: PageQuery): Promise<string | undefined> {
  const params = new Params();
  const key = orderedKey(target);
  const sql = `SELECT key FROM ${qualified(target)} ${whereClause(keyConditions(target, query, params, query.after))}
    ORDER BY ${key} ${direction(query)} OFFSET ${WINDOW - 1} LIMIT 1`;
  return (await db.query<{ key: string }>(sql, params.values)).rows[0]?.key;
}

/**
 * The page's matches beyond the window. The inner query orders by `key || ''`, the same order as the key but
 * an expression no index answers: so the planner cannot walk the key index again, and instead finds every
 * match first (the GIN index, or the key index over a prefix's range) and keeps the page's keys in a top-N
 * sort; only then are those rows read whole, by key. Measured at 1M rows with 125,000 matches at the end of
 * the key order: 330-530 ms, where the matching rows materialised whole and sorted took 670-720 ms (the
 * heap pages holding the matches are the floor: docs/backend-postgres.md).
 */
async function matchingBeyond(
  db: Queryable,
  target: PgTable,
  query: PageQuery,
  now: number,
  end: string,
  wanted: number,
): Promise<SummaryRow[]> {
  const params = new Params();
  const key = orderedKey(target);
  const conditions = [...keyConditions(target, query, params, end), ...otherConditions(query, now, params, key)];
  const matches = `SELECT key FROM ${qualified(target)} ${whereClause(conditions)}
    ORDER BY (${key}) || '' ${direction(query)} LIMIT ${params.add(wanted)}`;
  const sql = `SELECT ${summaryColumns()} FROM ${qualified(target)} WHERE key = ANY(ARRAY(${matches}))
    ORDER BY ${key} ${direction(query)}`;
  return (await db.query<SummaryRow>(sql, params.values)).rows;
}
