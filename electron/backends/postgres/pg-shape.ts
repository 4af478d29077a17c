/**
 * go-micro keeps no registry of its databases and tables in Postgres, so they are found by shape: a table
 * whose columns are exactly key text (the primary key), value bytea, metadata jsonb and expiry timestamptz.
 */
import type { Queryable } from './pg-errors.js';
import { PLANNER_ESTIMATE, roundedEstimate } from './pg-estimate.js';
import type { PgTable } from './pg-names.js';

const SHAPED_FROM = `
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
    AND (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attname COLLATE "C")
         FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
      = 'expiry timestamp with time zone,key text,metadata jsonb,value bytea'
    AND EXISTS (
      SELECT 1 FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = i.indkey[0]
      WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnatts = 1 AND k.attname = 'key')
  ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`;

const SHAPED_TABLES = `SELECT n.nspname AS schema, c.relname AS table ${SHAPED_FROM}`;

/** The listing reads each table's estimate from the same catalog row: one query for any number of tables. */
const SHAPED_TABLES_ESTIMATED = `SELECT n.nspname AS schema, c.relname AS table, ${PLANNER_ESTIMATE} AS estimate ${SHAPED_FROM}`;

/** A table in go-micro's shape with the planner's estimate of its rows (pg-estimate.ts). */
export interface EstimatedTable extends PgTable {
  estimate: number | null;
}

export async function findShapedTables(db: Queryable): Promise<PgTable[]> {
  const { rows } = await db.query<PgTable>(SHAPED_TABLES);
  return rows;
}

/** Every table in go-micro's shape with its estimate, for the table list. */
export async function findEstimatedTables(db: Queryable): Promise<EstimatedTable[]> {
  const { rows } = await db.query<PgTable & { estimate: number | null }>(SHAPED_TABLES_ESTIMATED);
  return rows.map((row) => ({ schema: row.schema, table: row.table, estimate: roundedEstimate(row.estimate) }));
}

/** Whether one table has go-micro's shape: opening a table of another shape is refused, not guessed at. */
export async function hasGoMicroShape(db: Queryable, target: PgTable): Promise<boolean> {
  const tables = await findShapedTables(db);
  return tables.some((found) => found.schema === target.schema && found.table === target.table);
}
