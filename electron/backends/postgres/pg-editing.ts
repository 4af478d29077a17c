/**
 * Writing a go-micro table the way go-micro does: its upsert replacing value, metadata and expiry. A write
 * from the editor first compares the row with what the editor saw, in the same transaction, so a service's
 * write in between is reported as a conflict instead of being overwritten.
 */
import type { Pool, PoolClient } from 'pg';
import { ConflictError, type RecordDetail } from '../../store/record-detail.js';
import { NotFoundError, type RecordInput } from '../../store/types.js';
import { createTableStatements, type PgTable, qualified } from './pg-names.js';
import { inspectRecord } from './pg-reading.js';
import { paramList, pgRecordParams } from './pg-record-input.js';

/**
 * go-micro v5's `write` statement, with RETURNING so the caller learns the new revision and whether the key
 * was new. `onlyMissing`: an existing live row is left alone (no row returned); only an expired one, which
 * go-micro calls missing, is replaced; the cut-off instant is then parameter $5.
 */
export function upsertSql(target: PgTable, onlyMissing = false): string {
  const table = qualified(target);
  return `INSERT INTO ${table} (key, value, metadata, expiry) VALUES ($1, $2::bytea, $3, $4)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, metadata = EXCLUDED.metadata, expiry = EXCLUDED.expiry
    ${onlyMissing ? `WHERE ${table}.expiry < $5` : ''}
    RETURNING xmin::text AS revision, (xmax = 0) AS inserted`;
}

export async function upsertRecord(
  db: Pool | PoolClient,
  target: PgTable,
  record: RecordInput,
  now: number,
): Promise<string> {
  const { rows } = await db.query<{ revision: string }>(upsertSql(target), paramList(pgRecordParams(record, now)));
  return rows[0]?.revision ?? '';
}

/**
 * Writes when the row is as the editor saw it: `expectedRevision` null means the key must be missing (or
 * expired, which go-micro calls missing). Throws ConflictError with what is there now otherwise.
 */
export async function writeIfUnchanged(
  pool: Pool,
  target: PgTable,
  record: RecordInput,
  expectedRevision: string | null,
  now: number,
): Promise<string> {
  const params = pgRecordParams(record, now);
  return inTransaction(pool, async (client) => {
    const current = await lockedRow(client, target, params.key, now);
    const seen = current === undefined || (current.expired && expectedRevision === null) ? null : current.revision;
    if (seen !== expectedRevision) throw new ConflictError(await currentDetail(client, target, params.key, now));
    if (expectedRevision !== null) return upsertRecord(client, target, record, now);
    // A missing key has no row to lock: a key another writer inserted since the check is not overwritten.
    const { rows } = await client.query<{ revision: string }>(upsertSql(target, true), [
      ...paramList(params),
      new Date(now),
    ]);
    const written = rows[0];
    if (written === undefined) throw new ConflictError(await currentDetail(client, target, params.key, now));
    return written.revision;
  });
}

async function lockedRow(
  client: PoolClient,
  target: PgTable,
  key: string,
  now: number,
): Promise<{ revision: string; expired: boolean } | undefined> {
  // FOR UPDATE holds the row until commit; a missing key is guarded by the insert itself (writeIfUnchanged).
  const sql = `SELECT xmin::text AS revision, coalesce(expiry < $2, false) AS expired
    FROM ${qualified(target)} WHERE key = $1 FOR UPDATE`;
  const { rows } = await client.query<{ revision: string; expired: boolean }>(sql, [key, new Date(now)]);
  return rows[0];
}

async function currentDetail(
  client: PoolClient,
  target: PgTable,
  key: string,
  now: number,
): Promise<RecordDetail | undefined> {
  try {
    return await inspectRecord(client, target, key, 1024 * 1024, now);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export async function deleteKeys(db: Pool, target: PgTable, keys: string[]): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM ${qualified(target)} WHERE key = ANY($1::text[])`, [keys]);
  return rowCount ?? 0;
}

export async function createTable(pool: Pool, target: PgTable): Promise<void> {
  await inTransaction(pool, async (client) => {
    for (const statement of createTableStatements(target)) await client.query(statement);
  });
}

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client whose connection dies emits 'error' besides failing the query; unheard, it would
  // crash the process. The failing query reports it.
  let lost: Error | undefined;
  const heard = (error: Error) => {
    lost = error;
  };
  client.on('error', heard);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped from the pool rather than reused.
    await client.query('ROLLBACK').catch((rollback: Error) => {
      broken = rollback;
    });
    // After a lost connection pg fails later queries with "not queryable": the cause is what it lost with.
    throw lost ?? error;
  } finally {
    client.off('error', heard);
    client.release(lost ?? broken);
  }
}
