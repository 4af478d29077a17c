/**
 * go-micro's MySQL table at N records (default 1,000,000) through MysqlBackend, each figure beside the same SQL
 * sent by a plain mysql2 pool in the same run (what an app on mysql2 writes: `pool.query(sql, params)`, a pool
 * of ours's size; one line sends it on a bare connection too): first page, a prefix page, a middle keyset
 * page, counts and the live view's change token. Measured twice: on go-micro's table as it creates it (the server's language
 * collation: BINARY order, the server sorts every match) and after our opt-in byte-order index
 * (docs/backend-mysql.md, "Key order"). Fills with one INSERT … SELECT over MariaDB's sequence engine, or
 * multi-row INSERTs where there is none. Its database is dropped after unless --keep.
 *
 *   npm run bench -- backends --records 1000000   (through bench/backends-bench.ts), or import runMysqlBench
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { wallText } from '../../electron/backends/mysql/my-expiry.js';
import { filterWhere } from '../../electron/backends/mysql/my-filter.js';
import { orderedKey, qualified, type ShapedTable } from '../../electron/backends/mysql/my-names.js';
import { summaryColumns } from '../../electron/backends/mysql/my-rows.js';
import { shapedTable } from '../../electron/backends/mysql/my-shape.js';
import { changeToken } from '../../electron/backends/mysql/my-watching.js';
import { type MysqlBackend, openMysqlBackend } from '../../electron/backends/mysql/mysql-backend.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import type { BenchArgs } from '../bench-args.js';
import { millis, timeAsync } from '../measure.js';
import { type PairedLine, type PairedRuns, pairedRuns, printPaired } from './paired-runs.js';

const URL_TEXT = process.env.MYSQL_BENCH_URL ?? 'mysql://root@127.0.0.1:3306/test';
/** Pages take 1-10 ms on 2 shared cores, where one run's noise is as large: 41-401 alternating runs each. */
const RUNS: PairedRuns = { runs: 41, maxRuns: 401, budgetMs: 4_000, slowRuns: 5, slowFromMs: 200 };
const PAGE = 100;

export async function runMysqlBench(args: BenchArgs): Promise<void> {
  const target = parseConnectionString(URL_TEXT);
  if (target.kind !== 'mysql') throw new Error('MYSQL_BENCH_URL must be a mysql:// URL');
  const raw = await mysql.createConnection({ uri: target.secretUrl, dateStrings: true, charset: 'utf8mb4' });
  // The baseline (module comment): the options that change what comes back are ours (my-connection.ts).
  const rawPool = mysql.createPool({
    uri: target.secretUrl,
    dateStrings: true,
    charset: 'utf8mb4',
    connectionLimit: 4,
  });
  const ns: Namespace = {
    database: `sibench${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`,
    table: 'micro',
  };
  const backend = await openMysqlBackend(target);
  try {
    await backend.editing.createTable(ns);
    const fill = await timeAsync(() => fillTable(raw, ns, args.records));
    console.log(`\nMySQL backend: filled ${args.records.toLocaleString('en-US')} rows in ${millis(fill.ms)}`);
    const middle = `user/8/${String(Math.floor(args.records / 2)).padStart(8, '0')}`;
    const sorted = await measure(backend, { pool: rawPool, bare: raw }, ns, middle);
    printFigures("go-micro's table (server collation, no byte-order index)", sorted);
    const indexing = await timeAsync(async () => backend.editing.indexForPaging?.(ns));
    console.log(`\nbyte-order index added in ${millis(indexing.ms)}`);
    printFigures(
      'with the opt-in byte-order index (key_bytes)',
      await measure(backend, { pool: rawPool, bare: raw }, ns, middle),
    );
  } finally {
    await backend.close();
    await rawPool.end();
    if (!args.keep) await raw.query(`DROP DATABASE IF EXISTS \`${ns.database}\``);
    await raw.end();
  }
}

/** Keys user/<hex digit>/<8 digits>, 100-byte values; 1 in 10 with a one-hour expiry, the rest never. */
async function fillTable(raw: mysql.Connection, ns: Namespace, records: number): Promise<void> {
  const table = qualified(ns);
  const hour = wallText(Date.now() + 3_600_000);
  const select = `SELECT CONCAT('user/', LOWER(HEX(seq % 16)), '/', LPAD(seq, 8, '0')), REPEAT('v', 100),
    IF(seq % 10 = 0, '${hour}', FROM_UNIXTIME(2147483647)) FROM seq_1_to_${records}`;
  try {
    await raw.query(`INSERT INTO ${table} (\`key\`, value, expiry) ${select}`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_NO_SUCH_TABLE') throw error;
  }
  for (let start = 1; start <= records; start += 5_000) {
    const rows = [];
    for (let seq = start; seq < Math.min(records + 1, start + 5_000); seq++) {
      rows.push([`user/${(seq % 16).toString(16)}/${String(seq).padStart(8, '0')}`, 'v'.repeat(100), hour]);
    }
    await raw.query(`INSERT INTO ${table} (\`key\`, value, expiry) VALUES ?`, [rows]);
  }
}

interface RawClients {
  pool: mysql.Pool;
  bare: mysql.Connection;
}

async function measure(backend: MysqlBackend, raw: RawClients, ns: Namespace, middle: string): Promise<PairedLine[]> {
  const shaped = await shapedTable(raw.bare, ns);
  if (shaped === undefined) throw new Error('the bench table lost its shape');
  const page = (filter: RecordFilter, after?: string) => ({ filter, order: 'asc' as const, after, limit: PAGE });
  const rawPage = (filter: RecordFilter, after?: string, db: mysql.Pool | mysql.Connection = raw.pool) => {
    const { sql, params } = rawPageSql(shaped, filter, after);
    return () => db.query(sql, params);
  };
  const prefix = { prefix: 'user/8/' };
  const pair = (
    work: string,
    target: string,
    ours: () => Promise<unknown>,
    rawCall: () => Promise<unknown>,
    note?: string,
  ) => pairedRuns(work, ours, rawCall, RUNS, { target, note });
  return [
    await pair('first page (100)', '< 50 ms', () => backend.reading.page(ns, page({})), rawPage({})),
    await pair(
      'first page (100), raw on a bare connection',
      '< 50 ms',
      () => backend.reading.page(ns, page({})),
      rawPage({}, undefined, raw.bare),
      'raw without a pool: no checkout',
    ),
    await pair('prefix page user/8/ (1/16)', '< 100 ms', () => backend.reading.page(ns, page(prefix)), rawPage(prefix)),
    await pair('middle keyset page', '< 100 ms', () => backend.reading.page(ns, page({}, middle)), rawPage({}, middle)),
    await pair('count, live, whole table', '-', () => backend.reading.count(ns, {}), rawCount(raw.pool, shaped, {})),
    await pair(
      'count, prefix user/8/',
      '-',
      () => backend.reading.count(ns, prefix),
      rawCount(raw.pool, shaped, prefix),
    ),
    await pair(
      'change token (one poll)',
      '-',
      () => backend.watching.changeToken(ns),
      () => changeToken(raw.pool, ns),
    ),
  ];
}

/** What MysqlBackend sends for a page (my-reading.ts), built once: the raw side times the query alone. */
function rawPageSql(table: ShapedTable, filter: RecordFilter, after?: string): { sql: string; params: unknown[] } {
  const where = filterWhere(table, filter, Date.now());
  if (after !== undefined) where.add(`${orderedKey(table)} > ?`, after);
  const sql = `SELECT ${summaryColumns()} FROM ${qualified(table)} ${where.sql} ORDER BY ${orderedKey(table)} LIMIT ?`;
  return { sql, params: [...where.params, PAGE + 1] };
}

function rawCount(raw: mysql.Pool, table: ShapedTable, filter: RecordFilter): () => Promise<unknown> {
  const where = filterWhere(table, filter, Date.now());
  const sql = `SELECT COUNT(*) FROM ${qualified(table)} ${where.sql}`;
  return () => raw.query(sql, where.params);
}

function printFigures(title: string, lines: PairedLine[]): void {
  printPaired(
    `MySQL: ${title}, ${RUNS.runs}-${RUNS.maxRuns} runs a side alternating (${RUNS.slowRuns} for lines over ${RUNS.slowFromMs} ms)`,
    { ours: 'MysqlBackend', raw: 'raw mysql2 pool' },
    lines,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const records = Number(process.argv[2] ?? 1_000_000);
  await runMysqlBench({ suite: 'mysql', records, keep: false, only: undefined });
}
