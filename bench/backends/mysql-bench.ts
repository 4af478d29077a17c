/**
 * go-micro's MySQL table at N records (default 1,000,000) through MysqlBackend, each figure beside the same SQL
 * sent by a bare mysql2 connection in the same run: first page, a prefix page, a middle keyset page, counts and
 * the live view's change token. Measured twice: on go-micro's table as it creates it (the server's language
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
import { median, millis, timeAsync } from '../measure.js';

const URL_TEXT = process.env.MYSQL_BENCH_URL ?? 'mysql://root@127.0.0.1:3306/test';
const RUNS = 5;
const PAGE = 100;

interface Figure {
  work: string;
  ours: number;
  raw: number;
  target: string;
}

export async function runMysqlBench(args: BenchArgs): Promise<void> {
  const target = parseConnectionString(URL_TEXT);
  if (target.kind !== 'mysql') throw new Error('MYSQL_BENCH_URL must be a mysql:// URL');
  const raw = await mysql.createConnection({ uri: target.secretUrl, dateStrings: true, charset: 'utf8mb4' });
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
    printFigures("go-micro's table (server collation, no byte-order index)", await measure(backend, raw, ns, middle));
    const indexing = await timeAsync(async () => backend.editing.indexForPaging?.(ns));
    console.log(`\nbyte-order index added in ${millis(indexing.ms)}`);
    printFigures('with the opt-in byte-order index (key_bytes)', await measure(backend, raw, ns, middle));
  } finally {
    await backend.close();
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

async function measure(backend: MysqlBackend, raw: mysql.Connection, ns: Namespace, middle: string): Promise<Figure[]> {
  const shaped = await shapedTable(raw, ns);
  if (shaped === undefined) throw new Error('the bench table lost its shape');
  const page = (filter: RecordFilter, after?: string) => ({ filter, order: 'asc' as const, after, limit: PAGE });
  const rawPage = (filter: RecordFilter, after?: string) => rawPageSql(raw, shaped, filter, after);
  const prefix = { prefix: 'user/8/' };
  return [
    await pair(
      'first page (100)',
      '< 50 ms',
      () => backend.reading.page(ns, page({})),
      () => rawPage({}),
    ),
    await pair(
      'prefix page user/8/ (1/16)',
      '< 100 ms',
      () => backend.reading.page(ns, page(prefix)),
      () => rawPage(prefix),
    ),
    await pair(
      'middle keyset page',
      '< 100 ms',
      () => backend.reading.page(ns, page({}, middle)),
      () => rawPage({}, middle),
    ),
    await pair(
      'count, live, whole table',
      '-',
      () => backend.reading.count(ns, {}),
      () => rawCount(raw, shaped, {}),
    ),
    await pair(
      'count, prefix user/8/',
      '-',
      () => backend.reading.count(ns, prefix),
      () => rawCount(raw, shaped, prefix),
    ),
    await pair(
      'change token (one poll)',
      '-',
      () => backend.watching.changeToken(ns),
      () => changeToken(raw, ns),
    ),
  ];
}

async function rawPageSql(raw: mysql.Connection, table: ShapedTable, filter: RecordFilter, after?: string) {
  const where = filterWhere(table, filter, Date.now());
  if (after !== undefined) where.add(`${orderedKey(table)} > ?`, after);
  const sql = `SELECT ${summaryColumns()} FROM ${qualified(table)} ${where.sql} ORDER BY ${orderedKey(table)} LIMIT ?`;
  return raw.query(sql, [...where.params, PAGE + 1]);
}

async function rawCount(raw: mysql.Connection, table: ShapedTable, filter: RecordFilter) {
  const where = filterWhere(table, filter, Date.now());
  return raw.query(`SELECT COUNT(*) FROM ${qualified(table)} ${where.sql}`, where.params);
}

async function pair(
  work: string,
  target: string,
  ours: () => Promise<unknown>,
  raw: () => Promise<unknown>,
): Promise<Figure> {
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  // Warm both (shape check, buffer pool), then alternate so load on the shared machine falls on both alike.
  await ours();
  await raw();
  for (let run = 0; run < RUNS; run++) {
    oursMs.push((await timeAsync(ours)).ms);
    rawMs.push((await timeAsync(raw)).ms);
  }
  return { work, ours: median(oursMs), raw: median(rawMs), target };
}

function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}, median of ${RUNS}\n`);
  console.log('| work | MysqlBackend | raw mysql2 | ratio | target |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const { work, ours, raw, target } of figures) {
    console.log(`| ${work} | ${millis(ours)} | ${millis(raw)} | ${(ours / raw).toFixed(2)}x | ${target} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const records = Number(process.argv[2] ?? 1_000_000);
  await runMysqlBench({ suite: 'mysql', records, keep: false, only: undefined });
}
