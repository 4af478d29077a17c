/**
 * A table's row count as the planner estimates it, without reading the table: pg_class.reltuples (set by
 * VACUUM, ANALYZE and CREATE INDEX) scaled by how the table's size moved since, as the planner itself does.
 * Includes expired rows; null when the table was never analysed (reltuples -1), where only a count can tell.
 */
import type { Queryable } from './pg-errors.js';
import { type PgTable, qualified } from './pg-names.js';

/** The estimate over pg_class row `c`: one table's here, every listed table's in the listing (pg-shape.ts). */
export const PLANNER_ESTIMATE = `CASE
    WHEN c.reltuples < 0 THEN NULL
    WHEN c.relpages = 0 THEN c.reltuples
    ELSE c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int)
  END`;

export const ESTIMATE_SQL = `SELECT ${PLANNER_ESTIMATE} AS estimate FROM pg_class c WHERE c.oid = $1::regclass`;

export async function estimatedCount(db: Queryable, target: PgTable): Promise<number | null> {
  const { rows } = await db.query<{ estimate: number | null }>(ESTIMATE_SQL, [qualified(target)]);
  return roundedEstimate(rows[0]?.estimate);
}

/** The catalog's figure as a whole count of rows, or null where the table was never analysed. */
export function roundedEstimate(estimate: number | null | undefined): number | null {
  return estimate === null || estimate === undefined ? null : Math.round(Number(estimate));
}
