/**
 * A copy or import in one Postgres transaction on one client (BackendEditing.transaction): the tables it makes
 * and every batch it writes commit together, or roll back together when anything fails, the user cancels or
 * the connection is lost. A batch of distinct keys goes in one statement (unnest), not a row at a time.
 */
import type { PoolClient } from 'pg';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { Namespace } from '../../store/namespaces.js';
import { StoreInputError } from '../../store/types.js';
import type { TransactionWriting } from '../backend.js';
import { upsertSql } from './pg-editing.js';
import { createTableStatements, type PgTable, pgTableOf, qualified } from './pg-names.js';
import { type PgRecordParams, paramList, pgRecordParams } from './pg-record-input.js';
import { hasGoMicroShape } from './pg-shape.js';

/** The transaction's writing part on `client`, which the caller has begun a transaction on. */
export function transactionWriting(client: PoolClient, now: () => number): TransactionWriting {
  const shaped = new Set<string>();
  // Checked on the transaction's own client: a table it created is not visible to the pool until the commit.
  const tableOf = async (namespace: Namespace): Promise<PgTable> => {
    const table = pgTableOf(namespace);
    const name = qualified(table);
    if (shaped.has(name)) return table;
    if (!(await hasGoMicroShape(client, table))) {
      throw new StoreInputError(`${name} is not a go-micro table (key, value, metadata, expiry): nothing was written`);
    }
    shaped.add(name);
    return table;
  };
  return {
    createTable: async (namespace) => {
      for (const statement of createTableStatements(pgTableOf(namespace))) await client.query(statement);
    },
    writeMany: async (namespace, records, policy) => {
      const at = now();
      const rows = records.map((record) => pgRecordParams(record, at));
      const table = await tableOf(namespace);
      const distinct = new Set(rows.map((row) => row.key)).size === rows.length;
      return distinct ? writeAtOnce(client, table, rows, policy, at) : writeEach(client, table, rows, policy, at);
    },
  };
}

async function writeAtOnce(
  client: PoolClient,
  table: PgTable,
  rows: PgRecordParams[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  if (rows.length === 0) return { written: 0, overwritten: 0, skipped: 0 };
  const name = qualified(table);
  // An existing live row is kept under skip and fail; an expired one is missing to go-micro, so replaced.
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
    const key = rows.find((row) => !kept.has(row.key))?.key ?? '';
    throw new StoreInputError(`key ${JSON.stringify(key)} already exists; nothing was written`);
  }
  return { written, overwritten: done.length - written, skipped };
}

/** A batch naming a key twice: row by row, so the later record wins as it would written one at a time. */
async function writeEach(
  client: PoolClient,
  table: PgTable,
  rows: PgRecordParams[],
  policy: ConflictPolicy,
  now: number,
): Promise<BulkWriteReport> {
  const sql = upsertSql(table, policy !== 'overwrite');
  const asOf = policy === 'overwrite' ? [] : [new Date(now)];
  const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  for (const params of rows) {
    const { rows: done } = await client.query<{ inserted: boolean }>(sql, [...paramList(params), ...asOf]);
    const row = done[0];
    if (row === undefined && policy === 'fail') {
      throw new StoreInputError(`key ${JSON.stringify(params.key)} already exists; nothing was written`);
    }
    if (row === undefined) report.skipped++;
    else if (row.inserted) report.written++;
    else report.overwritten++;
  }
  return report;
}
