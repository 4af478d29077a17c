/**
 * The databases and tables a Postgres server holds in go-micro's layout, with each table's counts: exact
 * for a small table, the planner's estimate for a large one (sql-tables/listed-counts.ts). The estimates come
 * with the tables, in one catalog query; only a small table costs a query of its own (its exact count).
 */
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import { listedCount } from '../sql-tables/listed-counts.js';
import type { Queryable } from './pg-errors.js';
import { qualified } from './pg-names.js';
import { findEstimatedTables } from './pg-shape.js';

export async function listDatabases(db: Queryable, now: number): Promise<DatabaseInfo[]> {
  const databases = new Map<string, DatabaseInfo>();
  for (const found of await findEstimatedTables(db)) {
    const counted = await listedCount(found.table, found.estimate, async () => {
      const { rows } = await db.query<{ live: number; expired: number }>(
        `SELECT count(*) FILTER (WHERE expiry IS NULL OR expiry >= $1)::int AS live,
                count(*) FILTER (WHERE expiry < $1)::int AS expired FROM ${qualified(found)}`,
        [new Date(now)],
      );
      return { live: rows[0]?.live ?? 0, expired: rows[0]?.expired ?? 0 };
    });
    const database = databases.get(found.schema) ?? { database: found.schema, tables: [] };
    database.tables.push(counted);
    databases.set(found.schema, database);
  }
  return [...databases.values()];
}
