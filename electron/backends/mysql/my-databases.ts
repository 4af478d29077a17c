/**
 * The databases and tables a MySQL server holds in go-micro's layout, with each table's counts: exact for a
 * small table, InnoDB's estimate for a large one (sql-tables/listed-counts.ts). The tables and their
 * estimates take two queries however many tables there are; only a small table costs a query of its own (its
 * exact count).
 */
import type { RowDataPacket } from 'mysql2';
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import { listedCount } from '../sql-tables/listed-counts.js';
import type { Queryable } from './my-connection.js';
import { nowText } from './my-expiry.js';
import { qualified } from './my-names.js';
import { findShapedTables } from './my-shape.js';
import { estimatedCounts } from './my-watching.js';

export async function listDatabases(db: Queryable, now: number): Promise<DatabaseInfo[]> {
  const databases = new Map<string, DatabaseInfo>();
  const shaped = await findShapedTables(db);
  const estimateOf = await estimatedCounts(db, shaped);
  for (const found of shaped) {
    const counted = await listedCount(found.table, estimateOf(found), async () => {
      const [rows] = await db.query<({ live: number | null; expired: number | null } & RowDataPacket)[]>(
        `SELECT SUM(expiry >= ?) AS live, SUM(expiry < ?) AS expired FROM ${qualified(found)}`,
        [nowText(now), nowText(now)],
      );
      return { live: Number(rows[0]?.live ?? 0), expired: Number(rows[0]?.expired ?? 0) };
    });
    const database = databases.get(found.database) ?? { database: found.database, tables: [] };
    database.tables.push(counted);
    databases.set(found.database, database);
  }
  return [...databases.values()];
}
