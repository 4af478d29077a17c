/**
 * A page sorted by size or expiry (go-micro's table keeps no write time, so not by updated time), with
 * the same (value, key) keyset cursor as the SQLite store. Expiry sorts as whole ms since the epoch, the
 * precision the cursor carries, with "never" as the largest bigint: last ascending, first descending.
 * go-micro's table has no index on either, so a first page is a full sort of the matching rows;
 * docs/benchmarks.md ("Sorting") measures it and names the expression index that makes it a page read.
 */
import { NEVER_EXPIRES, type SortColumn } from '../../common/sort-columns.js';
import type { PageQuery } from '../../store/record-page.js';
import { StoreInputError } from '../../store/types.js';
import type { Queryable } from './pg-errors.js';
import { filterConditions, Params, whereClause } from './pg-filter.js';
import { orderedKey, type PgTable, qualified } from './pg-names.js';
import { type SummaryRow, summaryColumns } from './pg-rows.js';

export type PgSort = 'size' | 'expiry';
export const PG_SORTABLE: readonly SortColumn[] = ['key', 'size', 'expiry'];

const SORT_SQL: Record<PgSort, string> = {
  size: 'octet_length(value)',
  expiry: `coalesce(floor(extract(epoch FROM expiry) * 1000)::bigint, ${NEVER_EXPIRES})`,
};

export function isPgSort(sort: SortColumn | undefined): sort is PgSort {
  return sort === 'size' || sort === 'expiry';
}

export async function sortedPageRows(
  db: Queryable,
  target: PgTable,
  query: PageQuery,
  sort: PgSort,
  now: number,
): Promise<SummaryRow[]> {
  const params = new Params();
  const key = orderedKey(target);
  const conditions = filterConditions(query.filter, now, params, key);
  const way = query.order === 'desc' ? 'DESC' : 'ASC';
  if (query.after !== undefined) {
    const value = params.add(cursorValue(sort, query.afterSort).toString());
    conditions.push(
      `(${SORT_SQL[sort]}, ${key}) ${way === 'ASC' ? '>' : '<'} (${value}::bigint, ${params.add(query.after)})`,
    );
  }
  const sql = `SELECT ${summaryColumns()} FROM ${qualified(target)} ${whereClause(conditions)}
    ORDER BY ${SORT_SQL[sort]} ${way}, ${key} ${way} LIMIT ${params.add(query.limit + 1)}`;
  return (await db.query<SummaryRow>(sql, params.values)).rows;
}

function cursorValue(sort: PgSort, afterSort: number | null | undefined): bigint {
  if (afterSort === null || afterSort === undefined) {
    if (sort === 'expiry') return NEVER_EXPIRES;
    throw new StoreInputError('a page sorted by size after a key needs the size it sorted after (afterSort)');
  }
  if (!Number.isSafeInteger(afterSort)) throw new StoreInputError('afterSort must be an integer');
  return BigInt(afterSort);
}
