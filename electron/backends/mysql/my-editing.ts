/**
 * Writing a go-micro MySQL table the way go-micro does: its upsert replacing value and expiry. A write from
 * the editor first locks and compares the row with what the editor saw, in the same transaction, so a
 * service's write in between is reported as a conflict instead of being overwritten.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2';
import { ConflictError, type RecordDetail } from '../../store/record-detail.js';
import { NotFoundError, type RecordInput, StoreInputError } from '../../store/types.js';
import { type Connection, inTransaction, type Pool, type Queryable } from './my-connection.js';
import { nowText } from './my-expiry.js';
import { createTableStatements, type MyTable, qualified, type ShapedTable } from './my-names.js';
import { inspectRecord } from './my-reading.js';
import { type MyRecordParams, myRecordParams, rowValues } from './my-record-input.js';
import { keyText, REVISION_SQL } from './my-rows.js';

/** go-micro's write statement, for many rows at once (`VALUES ?` takes a list of rows). */
export function upsertSql(table: MyTable): string {
  return `INSERT INTO ${qualified(table)} (\`key\`, value, expiry) VALUES ?
    ON DUPLICATE KEY UPDATE value = VALUES(value), expiry = VALUES(expiry)`;
}

export interface LockedRow {
  key: string;
  revision: string;
  expired: boolean;
}

/**
 * The rows the column's index calls `key`, locked until commit (a missing key's gap too, so no other writer
 * inserts it meanwhile). Under a case-insensitive collation that may be a row whose key differs from `key`.
 */
export async function lockRow(
  db: Connection,
  table: MyTable,
  key: string,
  now: number,
): Promise<LockedRow | undefined> {
  const sql = `SELECT \`key\`, ${REVISION_SQL} AS revision, expiry < ? AS expired
    FROM ${qualified(table)} WHERE \`key\` = ? FOR UPDATE`;
  const [rows] = await db.query<({ key: string | Buffer; revision: string; expired: number } & RowDataPacket)[]>(sql, [
    nowText(now),
    key,
  ]);
  const row = rows[0];
  return row === undefined ? undefined : { key: keyText(row.key), revision: row.revision, expired: row.expired === 1 };
}

/** go-micro's own write would land on the other key's row: refused rather than overwrite a different record. */
export function sameKeyError(key: string, stored: string): StoreInputError {
  return new StoreInputError(
    `key ${JSON.stringify(key)} is the same key as the stored ${JSON.stringify(stored)} under the key column's collation (go-micro's write would replace that record): nothing was written`,
  );
}

/**
 * Writes when the row is as the editor saw it: `expectedRevision` null means the key must be missing (or
 * expired, which go-micro calls missing). Throws ConflictError with what is there now otherwise.
 */
export async function writeIfUnchanged(
  pool: Pool,
  table: ShapedTable,
  record: RecordInput,
  expectedRevision: string | null,
  now: number,
): Promise<string> {
  const params = myRecordParams(table, record, now);
  return inTransaction(pool, async (db) => {
    const current = await lockRow(db, table, params.key, now);
    if (current !== undefined && current.key !== params.key) throw sameKeyError(params.key, current.key);
    const seen = current === undefined || (current.expired && expectedRevision === null) ? null : current.revision;
    if (seen !== expectedRevision) throw new ConflictError(await currentDetail(db, table, params.key, now));
    await upsert(db, table, [params]);
    return (await lockRow(db, table, params.key, now))?.revision ?? '';
  });
}

export async function upsert(db: Queryable, table: MyTable, rows: MyRecordParams[]): Promise<void> {
  if (rows.length > 0) await db.query(upsertSql(table), [rows.map(rowValues)]);
}

export async function currentDetail(
  db: Queryable,
  table: ShapedTable,
  key: string,
  now: number,
): Promise<RecordDetail | undefined> {
  try {
    return await inspectRecord(db, table, key, 1024 * 1024, now);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** Deletes exactly these keys: the index finds the rows, BINARY keeps `A` from deleting `a`. */
export async function deleteKeys(pool: Pool, table: MyTable, keys: string[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < keys.length; start += CHUNK) {
    const chunk = keys.slice(start, start + CHUNK);
    const [result] = await pool.query<ResultSetHeader>(
      `DELETE FROM ${qualified(table)} WHERE \`key\` IN (?) AND BINARY \`key\` IN (?)`,
      [chunk, chunk],
    );
    deleted += result.affectedRows;
  }
  return deleted;
}

/** Rows per statement: well under max_allowed_packet for go-micro's 64 KiB values. */
const CHUNK = 500;

export async function createTable(pool: Pool, table: MyTable): Promise<void> {
  // DDL commits by itself in MySQL: no transaction would hold these together; both are IF NOT EXISTS.
  for (const statement of createTableStatements(table)) await pool.query(statement);
}
