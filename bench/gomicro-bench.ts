/**
 * go-micro file stores through the inspector's adapter (electron/gomicro/gomicro-inspector.ts): opening the
 * fixture folder, and on a table of `--records` records (1M by default, built with the test bbolt writer,
 * 10% expired) the first pages by prefix, descending pages, filtered pages, counts and the change token.
 * Each figure is the median of a few runs unless it says "cold" (a fresh adapter, nothing cached).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyGoMicroToSqlite } from '../electron/api/copy-to-sqlite.js';
import { createGoMicroInspector, type GoMicroInspector } from '../electron/gomicro/gomicro-inspector.js';
import type { PageQuery } from '../electron/store/record-page.js';
import { goMicroValue, writeBbolt } from '../tests/gomicro/bbolt-writer.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, recordValue } from './dataset.js';
import { median, millis, timeAsync } from './measure.js';

const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures', 'gomicro-file-store');
const NS = { database: 'micro', table: 'big' };
const RUNS = 5;
/** Records the copy into SQLite is measured on (a slice of the big table would not be a go-micro store). */
const COPY_LIMIT = 1_000_000;

interface Figure {
  work: string;
  ms: number;
  target?: number;
  note?: string;
}

export async function runGoMicroBench(args: BenchArgs): Promise<void> {
  const figures: Figure[] = [...(await fixtureFigures())];
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-gomicro-'));
  try {
    const built = await timeAsync(async () => buildTable(dir, args.records));
    figures.push({ work: `build a ${count(args.records)}-record bbolt file (test writer)`, ms: built.ms });
    figures.push(...(await bigTableFigures(dir, args.records)));
    if (args.records <= COPY_LIMIT) figures.push(await copyFigure(dir, args.records));
  } finally {
    if (args.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  printFigures(`go-micro file store, ${count(args.records)} records`, figures);
}

async function fixtureFigures(): Promise<Figure[]> {
  const openAndList = async () => {
    const store = createGoMicroInspector({ path: FIXTURES });
    await store.init();
    const page = await store.page({ database: 'service', table: 'orders' }, { filter: {}, order: 'asc', limit: 100 });
    const keys = await store.list({ database: 'service', table: 'orders', limit: 100 });
    if (page.records.length !== 100 || keys.length !== 100) throw new Error('the fixture table has fewer records');
  };
  const cold = await timeAsync(openAndList);
  return [
    { work: 'fixture folder: open + list a table (cold)', ms: cold.ms, target: 50 },
    { work: 'fixture folder: open + list a table', ms: await medianOf(openAndList), target: 50 },
  ];
}

async function bigTableFigures(dir: string, records: number): Promise<Figure[]> {
  const store = await openBig(dir);
  const page = (query: Partial<PageQuery>) => async () => {
    const result = await store.page(NS, { filter: {}, order: 'asc', limit: 100, ...query });
    if (result.records.length === 0) throw new Error(`empty page for ${JSON.stringify(query)}`);
  };
  const deepKey = keyOf(Math.floor(records / 2));
  const figures: Figure[] = [
    { work: 'first page of 100 by prefix (cold)', ms: (await timeAsync(page({ filter: { prefix: 'order/3f' } }))).ms },
    { work: 'first page of 100 by prefix', ms: await medianOf(page({ filter: { prefix: 'order/3f' } })), target: 20 },
    {
      work: 'first page of 100 by prefix, descending',
      ms: await medianOf(page({ filter: { prefix: 'order/3f' }, order: 'desc' })),
      target: 20,
    },
    { work: 'first page of 100, descending (no filter)', ms: await medianOf(page({ order: 'desc' })) },
    {
      work: 'a page of 100 after a key mid-table, descending',
      ms: await medianOf(page({ after: deepKey, order: 'desc' })),
    },
    {
      work: 'page of 100 by prefix + metadata kind=order',
      ms: await medianOf(page({ filter: { prefix: 'order/', metadata: [{ field: 'kind', value: 'order' }] } })),
    },
    {
      work: 'page of 100 by metadata v=3 (parses what it skips)',
      ms: await medianOf(page({ filter: { metadata: [{ field: 'v', value: '3' }] } })),
    },
    { work: 'page of 100 by contains "ab" (key bytes only)', ms: await medianOf(page({ filter: { contains: 'ab' } })) },
  ];
  figures.push(...(await countFigures(dir, store)));
  figures.push({
    work: 'change token (stat + meta read per table)',
    ms: await medianOf(async () => void store.changeToken()),
  });
  await store.close();
  return figures;
}

async function countFigures(dir: string, warm: GoMicroInspector): Promise<Figure[]> {
  const coldCount = await timeAsync(async () => {
    const store = await openBig(dir);
    await store.count(NS, {});
    await store.close();
  });
  return [
    { work: 'count every live record (cold)', ms: coldCount.ms, target: 2000 },
    { work: 'count every live record (cached, file unchanged)', ms: await medianOf(() => warm.count(NS, {})) },
    { work: 'count has-ttl records (a full walk)', ms: await medianOf(() => warm.count(NS, { expiry: 'has-ttl' })) },
    {
      work: 'count by metadata kind=user (parses every record)',
      ms: (await timeAsync(() => warm.count(NS, { metadata: [{ field: 'kind', value: 'user' }] }))).ms,
    },
    { work: 'store.databases for the sidebar (cached)', ms: await medianOf(() => warm.databases()) },
  ];
}

async function copyFigure(dir: string, records: number): Promise<Figure> {
  const path = join(dir, 'copy.db');
  const copied = await timeAsync(() => copyGoMicroToSqlite({ sourcePath: join(dir, 'store'), path }));
  return {
    work: `copy into a new SQLite store (${count(copied.result.records)} live records)`,
    ms: copied.ms,
    note: rateOf(records, copied.ms),
  };
}

/** A go-micro folder `<dir>/store/micro/big.db`: keys from bench/dataset.ts, every tenth record expired. */
function buildTable(dir: string, records: number): void {
  const entries: [string, string][] = new Array(records);
  for (let index = 0; index < records; index++) {
    const key = keyOf(index);
    const expiresAt = index % 10 === 0 ? '2020-01-01T00:00:00Z' : index % 10 === 1 ? '2099-01-01T00:00:00Z' : undefined;
    entries[index] = [key, goMicroValue({ key, value: recordValue(index), metadata: metadataOf(index), expiresAt })];
  }
  mkdirSync(join(dir, 'store', NS.database), { recursive: true });
  writeFileSync(join(dir, 'store', NS.database, `${NS.table}.db`), writeBbolt({ data: { entries } }).bytes);
}

async function openBig(dir: string): Promise<GoMicroInspector> {
  const store = createGoMicroInspector({ path: join(dir, 'store') });
  await store.init();
  return store;
}

async function medianOf(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push((await timeAsync(work)).ms);
  return median(times);
}

const count = (n: number) => n.toLocaleString('en-US');
const rateOf = (records: number, ms: number) => `${count(Math.round((records / ms) * 1000))} records/s`;

function printFigures(title: string, figures: Figure[]): void {
  const rows = [
    ['work', 'time', 'target', ''],
    ...figures.map((figure) => [
      figure.work,
      millis(figure.ms),
      figure.target === undefined ? '' : `< ${figure.target} ms`,
      figure.target === undefined ? (figure.note ?? '') : figure.ms < figure.target ? 'ok' : 'OVER',
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(rows[0] ?? []));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));
}
