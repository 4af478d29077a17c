/**
 * The editor's many-record writes on a go-micro MySQL table, each all-or-nothing in one transaction: import
 * and copy (writeMany), delete by filter, set expiry, rename and duplicate. An expired row counts as missing,
 * as go-micro treats it.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { ExpiryChange } from '../../store/inspector-store.js';
import type { RecordFilter } from '../../store/record-filter.js';
import { checkWritableKey } from '../../store/record-input.js';
import { NotFoundError, type RecordInput, StoreInputError } from '../../store/types.js';
import { type ChunkLimits, writeChunks } from '../sql-tables/write-chunks.js';
import { type Connection, inTransaction, type Pool } from './my-connection.js';
import { lockRow, sameKeyError, upsert } from './my-editing.js';
import { expiryParam, nowText, wallText } from './my-expiry.js';
import { filterWhere } from './my-filter.js';
import { type MyTable, qualified, type ShapedTable } from './my-names.js';
import { expiryValue, type MyRecordParams, myRecordParams } from './my-record-input.js';
import { keyText } from './my-rows.js';

/** 500 rows, or 4 MiB of values, per statement: well under max_allowed_packet (16 MiB on MariaDB, 64 MiB on MySQL 8). */
const CHUNK: ChunkLimits = { rows: 500, bytes: 4 * 1024 * 1024 };

export async function writeMany(
  pool: Pool,
  table: ShapedTable,
  records: RecordInput[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  return inTransaction(pool, (db) => writeManyOn(db, table, records, policy, now));
}

/** writeMany on a connection whose transaction the caller holds (BackendEditing.transaction). */
export async function writeManyOn(
  db: Connection,
  table: ShapedTable,
  records: RecordInput[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  // Every record is checked before anything is sent; a key given twice keeps its last record, as upserts would.
  const checked = new Map(records.map((record) => [record.key, myRecordParams(table, record, now)]));
  const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  for (const chunk of writeChunks([...checked.values()], CHUNK))
    await writeChunk(db, table, chunk, policy, now, report);
  return report;
}

async function writeChunk(
  db: Connection,
  table: ShapedTable,
  chunk: MyRecordParams[],
  policy: ConflictPolicy,
  now: number,
  report: BulkWriteReport,
): Promise<void> {
  const existing = await lockKeys(
    db,
    table,
    chunk.map((row) => row.key),
    now,
  );
  const kept = chunk.filter((row) => {
    const expired = existing.get(row.key);
    if (expired === undefined) report.written++;
    else if (expired || policy === 'overwrite') report.overwritten++;
    else if (policy === 'fail')
      throw new StoreInputError(`key ${JSON.stringify(row.key)} already exists; nothing was written`);
    else report.skipped++;
    return expired === undefined || expired || policy === 'overwrite';
  });
  await upsert(db, table, kept);
  await checkEachKeyKept(db, table, kept);
}

/** The existing rows among `keys` (byte-equal ones), locked, with whether each is expired. */
async function lockKeys(db: Connection, table: MyTable, keys: string[], now: number): Promise<Map<string, boolean>> {
  const [rows] = await db.query<({ key: string | Buffer; expired: number } & RowDataPacket)[]>(
    `SELECT \`key\`, expiry < ? AS expired FROM ${qualified(table)} WHERE \`key\` IN (?) FOR UPDATE`,
    [nowText(now), keys],
  );
  return new Map(rows.map((row) => [keyText(row.key), row.expired === 1]));
}

/**
 * Under a case-insensitive key collation, `A` written beside a stored `a` (or beside `a` in the same import)
 * replaces that row instead of adding one. Every key must be there byte for byte afterwards, or the whole
 * write is undone.
 */
async function checkEachKeyKept(db: Connection, table: MyTable, rows: MyRecordParams[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = rows.map((row) => row.key);
  const [found] = await db.query<({ key: string | Buffer } & RowDataPacket)[]>(
    `SELECT \`key\` FROM ${qualified(table)} WHERE \`key\` IN (?)`,
    [keys],
  );
  const stored = new Set(found.map((row) => keyText(row.key)));
  const lost = keys.find((key) => !stored.has(key));
  if (lost === undefined) return;
  const twin = found.map((row) => keyText(row.key)).find((key) => key.toLowerCase() === lost.toLowerCase());
  throw sameKeyError(lost, twin ?? 'another key');
}

export async function deleteMatching(
  pool: Pool,
  table: ShapedTable,
  filter: RecordFilter,
  now: number,
): Promise<number> {
  const where = filterWhere(table, filter, now);
  const [result] = await pool.query<ResultSetHeader>(`DELETE FROM ${qualified(table)} ${where.sql}`, where.params);
  return result.affectedRows;
}

/** The new expiry column value for a change; go-micro stores only an instant, so a TTL is now + TTL. */
function expiryFor(change: ExpiryChange, now: number): string | null {
  if ('none' in change) return null;
  if ('ttl' in change) return expiryParam(change.ttl, now);
  return wallText(change.at);
}

export async function setExpiry(
  pool: Pool,
  table: MyTable,
  keys: string[],
  change: ExpiryChange,
  now: number,
): Promise<number> {
  if (keys.length === 0) return 0;
  const sql = `UPDATE ${qualified(table)} SET expiry = ?
    WHERE \`key\` IN (?) AND BINARY \`key\` IN (?) AND expiry >= ?`;
  const [result] = await pool.query<ResultSetHeader>(sql, [
    expiryValue(expiryFor(change, now)),
    keys,
    keys,
    nowText(now),
  ]);
  return result.affectedRows;
}

/** Copies a live record to a new key, keeping its value and expiry instant. */
async function copyLive(db: Connection, table: ShapedTable, from: string, to: string, now: number): Promise<void> {
  const source = await lockRow(db, table, from, now);
  if (source === undefined || source.key !== from || source.expired) throw new NotFoundError();
  const target = await lockRow(db, table, to, now);
  if (target !== undefined && target.key !== to) throw sameKeyError(to, target.key);
  if (target !== undefined && !target.expired) throw new StoreInputError(`key ${JSON.stringify(to)} already exists`);
  const name = qualified(table);
  await db.query(
    `INSERT INTO ${name} (\`key\`, value, expiry) SELECT ?, value, expiry FROM ${name} WHERE \`key\` = ?
     ON DUPLICATE KEY UPDATE value = VALUES(value), expiry = VALUES(expiry)`,
    [to, from],
  );
}

export async function duplicate(pool: Pool, table: ShapedTable, from: string, to: string, now: number): Promise<void> {
  const key = checkWritableKey(to);
  myRecordParams(table, { key, value: '' }, now);
  await inTransaction(pool, (db) => copyLive(db, table, from, key, now));
}

export async function rename(pool: Pool, table: ShapedTable, from: string, to: string, now: number): Promise<void> {
  const key = checkWritableKey(to);
  myRecordParams(table, { key, value: '' }, now);
  await inTransaction(pool, async (db) => {
    await copyLive(db, table, from, key, now);
    await db.query(`DELETE FROM ${qualified(table)} WHERE \`key\` = ? AND BINARY \`key\` = ?`, [from, from]);
  });
}
