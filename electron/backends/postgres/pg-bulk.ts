/**
 * The editor's many-record writes on a go-micro table, each all-or-nothing in one transaction: import and
 * copy (writeMany), delete by filter, set expiry, rename and duplicate. An expired row counts as missing,
 * as go-micro treats it.
 */
import type { Pool, PoolClient } from 'pg';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { ExpiryChange } from '../../store/inspector-store.js';
import type { RecordFilter } from '../../store/record-filter.js';
import { checkWritableKey } from '../../store/record-input.js';
import { NotFoundError, type RecordInput, StoreInputError } from '../../store/types.js';
import { inTransaction, upsertSql } from './pg-editing.js';
import { filterConditions, Params, whereClause } from './pg-filter.js';
import { orderedKey, type PgTable, qualified } from './pg-names.js';
import { paramList, pgRecordParams } from './pg-record-input.js';

export async function writeMany(
  pool: Pool,
  target: PgTable,
  records: RecordInput[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  const checked = records.map((record) => pgRecordParams(record, now));
  const sql = upsertSql(target, policy !== 'overwrite');
  const asOf = policy === 'overwrite' ? [] : [new Date(now)];
  return inTransaction(pool, async (client) => {
    const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
    for (const params of checked) {
      const { rows } = await client.query<{ inserted: boolean }>(sql, [...paramList(params), ...asOf]);
      const row = rows[0];
      if (row === undefined && policy === 'fail') {
        throw new StoreInputError(`key ${JSON.stringify(params.key)} already exists; nothing was written`);
      }
      if (row === undefined) report.skipped++;
      else if (row.inserted) report.written++;
      else report.overwritten++;
    }
    return report;
  });
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
