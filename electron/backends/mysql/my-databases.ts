/**
 * The databases and tables a MySQL server holds in go-micro's layout, with each table's live and expired
 * counts (exact: one scan per table, acceptable for the sidebar, not for every poll).
 */
import type { RowDataPacket } from 'mysql2';
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import type { Queryable } from './my-connection.js';
import { nowText } from './my-expiry.js';
import { qualified } from './my-names.js';
import { findShapedTables } from './my-shape.js';

export async function listDatabases(db: Queryable, now: number): Promise<DatabaseInfo[]> {
  const databases = new Map<string, DatabaseInfo>();
  for (const found of await findShapedTables(db)) {
    const [rows] = await db.query<({ live: number | null; expired: number | null } & RowDataPacket)[]>(
      `SELECT SUM(expiry >= ?) AS live, SUM(expiry < ?) AS expired FROM ${qualified(found)}`,
      [nowText(now), nowText(now)],
    );
    const database = databases.get(found.database) ?? { database: found.database, tables: [] };
    database.tables.push({
      table: found.table,
      count: Number(rows[0]?.live ?? 0),
      expired: Number(rows[0]?.expired ?? 0),
    });
    databases.set(found.database, database);
  }
  return [...databases.values()];
}
