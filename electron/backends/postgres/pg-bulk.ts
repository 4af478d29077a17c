/**
 * The editor's many-record writes on a go-micro table, each all-or-nothing in one transaction: import and
 * copy (writeMany, also inside a caller's transaction: pg-transaction.ts), delete by filter, set expiry,
 * rename and duplicate. An expired row counts as missing, as go-micro treats it.
 */
import type { Pool, PoolClient } from 'pg';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { ExpiryChange } from '../../store/inspector-store.js';
import type { RecordFilter } from '../../store/record-filter.js';
import { checkWritableKey } from '../../store/record-input.js';
import { NotFoundError, type RecordInput, StoreInputError } from '../../store/types.js';
import { type ChunkLimits, writeChunks } from '../sql-tables/write-chunks.js';
import { inTransaction, upsertSql } from './pg-editing.js';
import { filterConditions, Params, whereClause } from './pg-filter.js';
import { orderedKey, type PgTable, qualified } from './pg-names.js';
import { type PgRecordParams, paramList, pgRecordParams } from './pg-record-input.js';

/** 1,000 rows, or 8 MiB of values, per statement: a 20,000-record import is 20 round trips, not 20,000. */
const CHUNK: ChunkLimits = { rows: 1_000, bytes: 8 * 1024 * 1024 };

export async function writeMany(
  pool: Pool,
  target: PgTable,
  records: RecordInput[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  return inTransaction(pool, (client) => writeManyOn(client, target, records, policy, now));
}

/** writeMany on a client whose transaction the caller holds (BackendEditing.transaction too). */
export async function writeManyOn(
  client: PoolClient,
  target: PgTable,
  records: RecordInput[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  // Every record is checked before anything is sent.
  const rows = records.map((record) => pgRecordParams(record, now));
  const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  for (const chunk of writeChunks(rows, CHUNK)) {
    const distinct = new Set(chunk.map((row) => row.key)).size === chunk.length;
    const done = distinct
      ? await writeAtOnce(client, target, chunk, policy, now)
      : await writeEach(client, target, chunk, policy, now);
    report.written += done.written;
    report.overwritten += done.overwritten;
    report.skipped += done.skipped;
  }
  return report;
}

/**
 * Distinct keys in one statement (unnest). An existing live row is kept under skip and fail; an expired one
 * is missing to go-micro, so replaced.
 */
async function writeAtOnce(
  client: PoolClient,
  target: PgTable,
  rows: PgRecordParams[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  const name = qualified(target);
  const sql = `INSERT INTO ${name} (key, value, metadata, expiry)
    SELECT * FROM unnest($1::text[], $2::bytea[], $3::jsonb[], $4::timestamptz[])
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, metadata = EXCLUDED.metadata, expiry = EXCLUDED.expiry
    ${policy === 'overwrite' ? '' : `WHERE ${name}.expiry < $5`}
    RETURNING key, (xmax = 0) AS inserted`;
  const params: unknown[] = [
    rows.map((row) => row.key),
    rows.map((row) => row.value),
    rows.map((row) => row.metadata),
    rows.map((row) => row.expiry),
    ...(policy === 'overwrite' ? [] : [new Date(now)]),
  ];
  const { rows: done } = await client.query<{ key: string; inserted: boolean }>(sql, params);
  const written = done.filter((row) => row.inserted).length;
  const skipped = rows.length - done.length;
  if (skipped > 0 && policy === 'fail') {
    const kept = new Set(done.map((row) => row.key));
    throw alreadyThere(rows.find((row) => !kept.has(row.key))?.key ?? '');
  }
  return { written, overwritten: done.length - written, skipped };
}

/** A batch naming a key twice: row by row, so the later record wins as it would written one at a time. */
async function writeEach(
  client: PoolClient,
  target: PgTable,
  rows: PgRecordParams[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  const sql = upsertSql(target, policy !== 'overwrite');
  const asOf = policy === 'overwrite' ? [] : [new Date(now)];
  const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  for (const params of rows) {
    const { rows: done } = await client.query<{ inserted: boolean }>(sql, [...paramList(params), ...asOf]);
    const row = done[0];
    if (row === undefined && policy === 'fail') throw alreadyThere(params.key);
    if (row === undefined) report.skipped++;
    else if (row.inserted) report.written++;
    else report.overwritten++;
  }
  return report;
}

function alreadyThere(key: string): StoreInputError {
  return new StoreInputError(`key ${JSON.stringify(key)} already exists; nothing was written`);
}

export async function deleteMatching(pool: Pool, target: PgTable, filter: RecordFilter, now: number): Promise<number> {
  const params = new Params();
  const sql = `DELETE FROM ${qualified(target)} ${whereClause(filterConditions(filter, now, params, orderedKey(target)))}`;
  const { rowCount } = await pool.query(sql, params.values);
  return rowCount ?? 0;
}

/** The new expiry column value for a change; go-micro stores only an instant, so a TTL is now + TTL. */
function expiryFor(change: ExpiryChange, now: number): Date | null {
  if ('none' in change) return null;
  return new Date('ttl' in change ? now + change.ttl : change.at);
}

export async function setExpiry(
  pool: Pool,
  target: PgTable,
  keys: string[],
  change: ExpiryChange,
  now: number,
): Promise<number> {
  const sql = `UPDATE ${qualified(target)} SET expiry = $2
    WHERE key = ANY($1::text[]) AND (expiry IS NULL OR expiry >= $3)`;
  const { rowCount } = await pool.query(sql, [keys, expiryFor(change, now), new Date(now)]);
  return rowCount ?? 0;
}

/** Copies a live record to a new key, keeping its value, metadata and expiry instant. */
async function copyLive(client: PoolClient, target: PgTable, from: string, to: string, now: number): Promise<void> {
  const table = qualified(target);
  const taken = await client.query(`SELECT 1 FROM ${table} WHERE key = $1 AND (expiry IS NULL OR expiry >= $2)`, [
    to,
    new Date(now),
  ]);
  if (taken.rowCount) throw new StoreInputError(`key ${JSON.stringify(to)} already exists`);
  const copied = await client.query(
    `INSERT INTO ${table} (key, value, metadata, expiry)
     SELECT $2, value, metadata, expiry FROM ${table} WHERE key = $1 AND (expiry IS NULL OR expiry >= $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, metadata = EXCLUDED.metadata, expiry = EXCLUDED.expiry`,
    [from, to, new Date(now)],
  );
  if (!copied.rowCount) throw new NotFoundError();
}

export async function duplicate(pool: Pool, target: PgTable, from: string, to: string, now: number): Promise<void> {
  const key = checkWritableKey(to);
  await inTransaction(pool, (client) => copyLive(client, target, from, key, now));
}

export async function rename(pool: Pool, target: PgTable, from: string, to: string, now: number): Promise<void> {
  const key = checkWritableKey(to);
  await inTransaction(pool, async (client) => {
    await copyLive(client, target, from, key, now);
    await client.query(`DELETE FROM ${qualified(target)} WHERE key = $1`, [from]);
  });
}
