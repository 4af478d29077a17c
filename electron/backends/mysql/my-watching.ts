/**
 * A cheap token that moves when a go-micro table was written, for the live view's polling (the session then
 * re-reads what is on screen). InnoDB keeps each table's UPDATE_TIME in memory: one indexed lookup in
 * information_schema, no scan (CHECKSUM TABLE or a count would read the table). It has whole-second
 * resolution and, on MariaDB, is the writing transaction's start, so a token taken in the same second as a
 * write could miss a second write in that second: while the last write is that recent, the token also
 * carries the poll's instant and so moves every poll, settling once the table has been quiet for SETTLE_S
 * (docs/backend-mysql.md, "Live view").
 */
import type { RowDataPacket } from 'mysql2';
import { namespaceKey } from '../../common/namespace-key.js';
import type { Queryable } from './my-connection.js';
import type { MyTable } from './my-names.js';

/** go-micro's writes are single autocommit statements: this covers any that takes under a second. */
const SETTLE_S = 2;

interface StampRow extends RowDataPacket {
  updated: string | null;
  recent: number | null;
  instant: string;
}

const STAMP = `
  SELECT UPDATE_TIME AS updated, UPDATE_TIME >= NOW() - INTERVAL ${SETTLE_S} SECOND AS recent, NOW(6) AS instant
  FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`;

export async function changeToken(db: Queryable, table: MyTable): Promise<string> {
  const [rows] = await db.query<StampRow[]>(STAMP, [table.database, table.table]);
  const row = rows[0];
  if (row === undefined) return 'missing';
  const stamp = row.updated ?? 'unwritten since the server started';
  return row.recent === 1 ? `${stamp}@${row.instant}` : stamp;
}

interface EstimateRow extends RowDataPacket {
  db: string;
  tbl: string;
  rows: number | null;
}

const ESTIMATES = 'SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, TABLE_ROWS AS `rows` FROM information_schema.TABLES';

/** InnoDB's row estimate (expired rows included): instant, unlike COUNT(*), which reads the whole table. */
export async function estimatedCount(db: Queryable, table: MyTable): Promise<number> {
  const [rows] = await db.query<EstimateRow[]>(`${ESTIMATES} WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`, [
    table.database,
    table.table,
  ]);
  return Number(rows[0]?.rows ?? 0);
}

/**
 * Every listed table's estimate in one query (the table list), asked by name: go-micro's shape is judged from
 * the columns (my-shape.ts), so the catalog's row figures are read for those tables only, not every table on
 * the server. A table the catalog no longer holds counts 0, as in estimatedCount.
 */
export async function estimatedCounts(db: Queryable, tables: readonly MyTable[]): Promise<(table: MyTable) => number> {
  if (tables.length === 0) return () => 0;
  const [rows] = await db.query<EstimateRow[]>(
    `${ESTIMATES} WHERE (TABLE_SCHEMA, TABLE_NAME) IN (${tables.map(() => '(?, ?)').join(', ')})`,
    tables.flatMap((table) => [table.database, table.table]),
  );
  const estimates = new Map(rows.map((row) => [idOf({ database: row.db, table: row.tbl }), Number(row.rows ?? 0)]));
  return (table) => estimates.get(idOf(table)) ?? 0;
}

function idOf(table: MyTable): string {
  return namespaceKey(table.database, table.table);
}
