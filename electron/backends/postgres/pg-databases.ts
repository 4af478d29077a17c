/**
 * The databases and tables a Postgres server holds in go-micro's layout, with each table's live and expired
 * counts (exact: one scan per table, acceptable for the sidebar, not for every poll).
 */
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import type { Queryable } from './pg-errors.js';
import { qualified } from './pg-names.js';
import { findShapedTables } from './pg-shape.js';

export async function listDatabases(db: Queryable, now: number): Promise<DatabaseInfo[]> {
  const databases = new Map<string, DatabaseInfo>();
  for (const found of await findShapedTables(db)) {
    const { rows } = await db.query<{ live: number; expired: number }>(
      `SELECT count(*) FILTER (WHERE expiry IS NULL OR expiry >= $1)::int AS live,
              count(*) FILTER (WHERE expiry < $1)::int AS expired FROM ${qualified(found)}`,
      [new Date(now)],
    );
    const database = databases.get(found.schema) ?? { database: found.schema, tables: [] };
    database.tables.push({ table: found.table, count: rows[0]?.live ?? 0, expired: rows[0]?.expired ?? 0 });
    databases.set(found.schema, database);
  }
  return [...databases.values()];
}
