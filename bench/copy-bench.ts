/**
 * `copy` speed (`npm run bench -- copy`): 100,000 records (or --records, when fewer) from a SQLite store into
 * Postgres through copyBetween (read in batches, one transaction), beside the same records sent by a plain pg
 * client from memory in the same run: go-micro's DDL, then 1,000-row INSERT … SELECT unnest batches in one
 * transaction, so the ratio is what reading the source, counting it and our layers cost. The schemas and the file are removed after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openBackend } from '../electron/api/open-backend.js';
import { parseConnectionString } from '../electron/backends/connection-string.js';
import { createTableStatements } from '../electron/backends/postgres/pg-names.js';
import { createSqliteStore } from '../electron/store/index.js';
import type { RecordInput } from '../electron/store/types.js';
import { copyBetween } from '../electron/transfer/copy-between.js';
import { POSTGRES, serverAvailable } from '../tests/backends/server-available.js';
import type { BenchArgs } from './bench-args.js';
import { millis, rate } from './measure.js';

const URL_TEXT = process.env.STORE_INSPECTOR_PG_URL ?? 'postgresql://root@127.0.0.1:5432/test?sslmode=disable';
const MAX_RECORDS = 100_000;
const BATCH = 1_000;

export async function runCopyBench(args: BenchArgs): Promise<void> {
  if (!(await serverAvailable(POSTGRES))) return;
  const count = Math.min(args.records, MAX_RECORDS);
  const records = makeRecords(count);
  const dir = mkdtempSync(join(tmpdir(), 'si-copy-bench-'));
  const path = join(dir, 'source.db');
  const schemas = [`si_bench_${randomBytes(4).toString('hex')}`, `si_bench_${randomBytes(4).toString('hex')}`];
  const raw = new pg.Client({ connectionString: URL_TEXT });
  await raw.connect();
  try {
    await fillSqlite(path, records);
    const ours = await copyIntoPostgres(path, schemas[0] ?? '');
    const baseline = await rawInsert(raw, schemas[1] ?? '', records);
    console.log(
      `\ncopy: ${count.toLocaleString('en-US')} records (100-byte values, metadata, every 5th a TTL), SQLite → Postgres\n`,
    );
    console.log('| work | ms | records/s |');
    console.log('| --- | --- | --- |');
    console.log(`| store-inspector copy (copyBetween, one transaction) | ${millis(ours)} | ${rate(count, ours)} |`);
    console.log(
      `| raw pg: INSERT … unnest, 1,000 rows a statement, one transaction, from memory | ${millis(baseline)} | ${rate(count, baseline)} |`,
    );
    console.log(`\nratio: ${(ours / baseline).toFixed(2)}× the raw insert`);
  } finally {
    for (const schema of schemas) await raw.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await raw.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

function makeRecords(count: number): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `user/${String(i).padStart(8, '0')}`,
    value: Buffer.from(`${`{"id":${i},"name":"record ${i}","padding":"`.padEnd(98, 'x')}"}`),
    metadata: { kind: 'user', v: i % 10 },
    ...(i % 5 === 0 ? { expiry: 86_400_000 } : {}),
  }));
}

async function fillSqlite(path: string, records: RecordInput[]): Promise<void> {
  const store = createSqliteStore({ path });
  await store.init();
  const bulk = store.beginBulk();
  bulk.write({ database: 'micro', table: 'micro' }, records, 'overwrite');
  bulk.commit();
  await store.close();
}

async function copyIntoPostgres(path: string, schema: string): Promise<number> {
  const { backend: source } = await openBackend(parseConnectionString(path, {}), { readOnly: true, threads: 'main' });
  const { backend: target } = await openBackend(parseConnectionString(URL_TEXT), { readOnly: false, threads: 'main' });
  try {
    const started = performance.now();
    await copyBetween({ source, target, scope: { kind: 'all' }, to: { database: schema } });
    return performance.now() - started;
  } finally {
    await target.close();
    await source.close();
  }
}

async function rawInsert(raw: pg.Client, schema: string, records: RecordInput[]): Promise<number> {
  const table = `"${schema}"."micro"`;
  const started = performance.now();
  await raw.query('BEGIN');
  // go-micro's own DDL, as the copy makes it: the primary key, a key index and a GIN index on metadata.
  for (const statement of createTableStatements({ schema, table: 'micro' })) await raw.query(statement);
  const now = Date.now();
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    await raw.query(
      `INSERT INTO ${table} (key, value, metadata, expiry)
       SELECT * FROM unnest($1::text[], $2::bytea[], $3::jsonb[], $4::timestamptz[])`,
      [
        batch.map((record) => record.key),
        batch.map((record) => record.value),
        batch.map((record) => JSON.stringify(record.metadata)),
        batch.map((record) => (record.expiry ? new Date(now + record.expiry) : null)),
      ],
    );
  }
  await raw.query('COMMIT');
  return performance.now() - started;
}
