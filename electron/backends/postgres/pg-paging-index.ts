/**
 * The opt-in index that lets a language-collated go-micro table page in key byte order (docs/backend-postgres.md,
 * "Paging index"). Pages compare `key COLLATE "C"` there (pg-names.ts orderedKey), which go-micro's key index
 * (the column's collation) cannot answer, so every page sorts all matching rows. An index on
 * `(key COLLATE "C")` answers them; it is built CONCURRENTLY, so go-micro's writes go on meanwhile, and an
 * index changes no row go-micro reads. It is the user's to add: the app shows this statement and runs it on
 * confirmation.
 */
import type { PagingIndexPlan } from '../backend.js';
import type { Queryable } from './pg-errors.js';
import { type PgTable, qualified, quoteIdent } from './pg-names.js';

const MAX_IDENTIFIER = 63;

/** Valid btree indexes whose first column is `key` in a bytewise collation: they answer `key COLLATE "C"` order. */
const BYTEWISE_KEY_INDEX = `
  SELECT ic.relname AS name, i.indisvalid AS valid
  FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] AND a.attname = 'key'
    JOIN pg_collation c ON c.oid = i.indcollation[0] AND c.collname IN ('C', 'POSIX')
    JOIN pg_opclass oc ON oc.oid = i.indclass[0] AND oc.opcname = 'text_ops'
  WHERE i.indrelid = $1::regclass AND i.indexprs IS NULL AND i.indpred IS NULL`;

function pagingIndexName(target: PgTable): string {
  return `key_bytes_index_${target.table}`.slice(0, MAX_IDENTIFIER);
}

export function pagingIndexStatement(target: PgTable): string {
  return `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(pagingIndexName(target))} ON ${qualified(target)} (key COLLATE "C")`;
}

/** The table's indexes that put its keys in byte order, each with whether it is valid (a failed build's is not). */
async function bytewiseKeyIndexes(db: Queryable, target: PgTable): Promise<{ name: string; valid: boolean }[]> {
  return (await db.query<{ name: string; valid: boolean }>(BYTEWISE_KEY_INDEX, [qualified(target)])).rows;
}

/** Null where the key column sorts by bytes (its own key index pages) or such an index is there. */
export async function pagingIndexPlan(db: Queryable, target: PgTable): Promise<PagingIndexPlan> {
  const paged = target.keySortsByBytes === true || (await bytewiseKeyIndexes(db, target)).some((row) => row.valid);
  return { statement: paged ? null : pagingIndexStatement(target) };
}

/** Builds the index where none pages the table; false when one already does. */
export async function indexForPaging(db: Queryable, target: PgTable): Promise<boolean> {
  if (target.keySortsByBytes === true) return false;
  return createPagingIndex(db, target);
}

/**
 * Builds the index. A CONCURRENTLY build that failed (a cancel, a lost connection) leaves an invalid index of
 * that name, which IF NOT EXISTS would then keep: it is dropped first.
 */
async function createPagingIndex(db: Queryable, target: PgTable): Promise<boolean> {
  const rows = await bytewiseKeyIndexes(db, target);
  if (rows.some((row) => row.valid)) return false;
  if (rows.some((row) => row.name === pagingIndexName(target) && !row.valid)) {
    await db.query(
      `DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(target.schema)}.${quoteIdent(pagingIndexName(target))}`,
    );
  }
  await db.query(pagingIndexStatement(target));
  return true;
}
