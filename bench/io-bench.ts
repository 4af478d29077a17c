/**
 * Import and export throughput and memory: `npm run bench -- io` (`--records N` sets the 1M figure, the big
 * file scales with it; `--keep` leaves the temp dir).
 *
 * Each import or export runs in a child process of its own (`node --import tsx bench/io-bench.ts --io-child …`)
 * that prints its figures and its peak RSS (process.resourceUsage().maxRSS) as one JSON line, so that no
 * measurement mixes with the generation of files or with another measurement. Beside them: the raw
 * better-sqlite3 rate of the same work on the same schema (a plain prepared INSERT in one transaction, and a
 * plain SELECT in key order), also in a child.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordsWriter } from '../electron/records-json/index.js';
import { openDatabase } from '../electron/store/sqlite-driver.js';
import { exportRecords } from '../electron/transfer/export-records.js';
import { importRecords } from '../electron/transfer/import-records.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, recordValue } from './dataset.js';
import { printTable, type Row, rate } from './measure.js';
import { openRaw } from './raw-store.js';

const NS = { database: 'micro', table: 'micro' };
const SELF = fileURLToPath(import.meta.url);
const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD_FLAG = '--io-child';
/** The big lines file: 1 GB at the default 1M records (about 4.7M records of ~212 bytes each). */
const BIG_FILE_BYTES_PER_MILLION = 1_000_000_000;

/** What a child prints: its own timing of the work, the record count, and its peak RSS. */
interface ChildResult {
  records: number;
  ms: number;
  maxRssKiB: number;
}

// ---- the child side ------------------------------------------------------------------------------------

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function childImport(storePath: string, file: string): Promise<Omit<ChildResult, 'maxRssKiB'>> {
  const start = process.hrtime.bigint();
  const report = await importRecords({
    storePath,
    input: createReadStream(file),
    totalBytes: statSync(file).size,
    namespace: NS,
  });
  const ms = elapsedMs(start);
  if (report.written !== report.records) throw new Error(`imported ${report.written} of ${report.records} records`);
  return { records: report.written, ms };
}

async function childExport(storePath: string, file: string): Promise<Omit<ChildResult, 'maxRssKiB'>> {
  const start = process.hrtime.bigint();
  const report = await exportRecords({
    storePath,
    scope: { kind: 'table', namespace: NS },
    format: 'lines',
    out: createWriteStream(file),
  });
  return { records: report.records, ms: elapsedMs(start) };
}

/** The same records as the files hold, straight into the same schema: one transaction, one prepared INSERT. */
function childRawInsert(path: string, count: number): Omit<ChildResult, 'maxRssKiB'> {
  const db = openRaw(path);
  const insert = db.prepare(
    'INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (1, ?, ?, ?, NULL, ?)',
  );
  const start = process.hrtime.bigint();
  db.transaction(() => {
    const now = Date.now();
    for (let index = 0; index < count; index++) {
      insert.run(keyOf(index), recordValue(index), JSON.stringify(metadataOf(index)), now);
    }
  }).immediate();
  const ms = elapsedMs(start);
  db.close();
  return { records: count, ms };
}

/** Every row of a store's table in key order, through one plain prepared SELECT. */
function childRawRead(path: string): Omit<ChildResult, 'maxRssKiB'> {
  const db = openDatabase(path, { readonly: true });
  const start = process.hrtime.bigint();
  let records = 0;
  const rows = db.prepare(
    `SELECT key, value, metadata, expires_at FROM records
     WHERE ns = (SELECT id FROM namespaces WHERE database = 'micro' AND "table" = 'micro') ORDER BY key`,
  );
  for (const _ of rows.iterate()) records++;
  const ms = elapsedMs(start);
  db.close();
  return { records, ms };
}

async function childMain(argv: string[]): Promise<void> {
  const [mode, first = '', second = ''] = argv;
  let result: Omit<ChildResult, 'maxRssKiB'>;
  if (mode === 'import') result = await childImport(first, second);
  else if (mode === 'export') result = await childExport(first, second);
  else if (mode === 'raw-insert') result = childRawInsert(first, Number(second));
  else if (mode === 'raw-read') result = childRawRead(first);
  else throw new Error(`unknown child mode ${String(mode)}`);
  const line: ChildResult = { ...result, maxRssKiB: process.resourceUsage().maxRSS };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// ---- the parent side -----------------------------------------------------------------------------------

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, CHILD_FLAG, ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || last === '') {
        fail(new Error(`child ${args[0]} failed (${code ?? signal}): ${stdout}`));
        return;
      }
      done(JSON.parse(last) as ChildResult);
    });
  });
}

/** Writes records 0… of the benchmark dataset with the project's own writer until `count` records or `bytes`. */
async function writeDataset(
  path: string,
  format: 'array' | 'lines',
  limit: { count?: number; bytes?: number },
): Promise<{ records: number; bytes: number }> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const writer = new RecordsWriter(out, { format });
  let written = 0;
  let approxBytes = 0;
  for (let index = 0; ; index++) {
    if (limit.count !== undefined && index >= limit.count) break;
    if (limit.bytes !== undefined && approxBytes >= limit.bytes) break;
    const value = recordValue(index);
    const key = keyOf(index);
    await writer.write({ key, value, metadata: metadataOf(index) });
    written++;
    // Key, base64 value, metadata and the JSON around them (ASCII throughout).
    approxBytes += key.length + Math.ceil(value.length / 3) * 4 + 56;
  }
  const summary = await writer.end();
  return { records: written, bytes: summary.bytes };
}

const megabytes = (kib: number) => `${Math.round((kib * 1024) / 1e6).toLocaleString('en-US')} MB`;
const count = (n: number) => n.toLocaleString('en-US');
const ratio = (ours: ChildResult, raw: ChildResult) => (ours.records / ours.ms / (raw.records / raw.ms)).toFixed(2);

function remove(...paths: string[]): void {
  for (const path of paths) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}

export async function runIoBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-io-'));
  const records = args.records;
  const bigBytes = Math.round((BIG_FILE_BYTES_PER_MILLION * records) / 1_000_000);
  const rows: Row[] = [];
  const checks: { what: string; ok: boolean }[] = [];
  const push = (work: string, ours: string, raw: string, ratioText: string, target: string) =>
    rows.push({ work, ours, raw, ratio: ratioText, target });
  const path = (name: string) => join(dir, name);
  try {
    console.log(`Writing a ${count(records)}-record array file and lines file into ${dir} …`);
    const arrayFile = await writeDataset(path('records.json'), 'array', { count: records });
    const linesFile = await writeDataset(path('records.ndjson'), 'lines', { count: records });
    console.log(
      `  array ${megabytes(arrayFile.bytes / 1024)}, lines ${megabytes(linesFile.bytes / 1024)} (${Math.round(linesFile.bytes / records)} bytes per record)`,
    );

    console.log('Raw better-sqlite3 INSERT of the same records …');
    const rawInsert = await runChild(['raw-insert', path('raw.db'), String(records)]);
    remove(path('raw.db'));

    for (const [label, file, store] of [
      ['record array (.json)', path('records.json'), path('from-array.db')],
      ['record lines (.ndjson)', path('records.ndjson'), path('from-lines.db')],
    ] as const) {
      console.log(`Importing the ${label} …`);
      const result = await runChild(['import', store, file]);
      if (result.records !== records) throw new Error(`imported ${result.records} records, expected ${records}`);
      const perSecond = result.records / (result.ms / 1000);
      const rssMb = (result.maxRssKiB * 1024) / 1e6;
      push(
        `import ${label}, ${count(records)} records`,
        rate(result.records, result.ms),
        rate(rawInsert.records, rawInsert.ms),
        ratio(result, rawInsert),
        '>= 100,000/s',
      );
      push(
        `  peak RSS of the importing process`,
        megabytes(result.maxRssKiB),
        megabytes(rawInsert.maxRssKiB),
        '',
        '< 400 MB',
      );
      checks.push({ what: `import ${label} >= 100,000 records/s`, ok: perSecond >= 100_000 });
      checks.push({ what: `import ${label} peak RSS < 400 MB`, ok: rssMb < 400 });
      if (file === path('records.json')) remove(store);
      rmSync(file, { force: true });
    }

    console.log(`Exporting ${count(records)} records as record lines …`);
    const exported = await runChild(['export', path('from-lines.db'), path('export.ndjson')]);
    const rawRead = await runChild(['raw-read', path('from-lines.db')]);
    const exportBytes = statSync(path('export.ndjson')).size;
    if (exportBytes !== linesFile.bytes)
      console.log(`  note: the export is ${exportBytes} bytes, the import file was ${linesFile.bytes}`);
    push(
      `export record lines, ${count(exported.records)} records (raw: SELECT in key order)`,
      rate(exported.records, exported.ms),
      rate(rawRead.records, rawRead.ms),
      ratio(exported, rawRead),
      '>= 200,000/s',
    );
    push(
      '  peak RSS of the exporting process',
      megabytes(exported.maxRssKiB),
      megabytes(rawRead.maxRssKiB),
      '',
      '< 300 MB',
    );
    checks.push({ what: 'export >= 200,000 records/s', ok: exported.records / (exported.ms / 1000) >= 200_000 });
    checks.push({ what: 'export peak RSS < 300 MB', ok: (exported.maxRssKiB * 1024) / 1e6 < 300 });
    remove(path('from-lines.db'));
    rmSync(path('export.ndjson'), { force: true });

    console.log(`Writing a ${megabytes(bigBytes / 1024)} record lines file …`);
    const big = await writeDataset(path('big.ndjson'), 'lines', { bytes: bigBytes });
    console.log(`  ${count(big.records)} records, ${megabytes(big.bytes / 1024)}`);
    const rawBig = await runChild(['raw-insert', path('raw-big.db'), String(big.records)]);
    remove(path('raw-big.db'));
    console.log('Importing it …');
    const bigImport = await runChild(['import', path('big.db'), path('big.ndjson')]);
    push(
      `import a ${megabytes(big.bytes / 1024)} lines file, ${count(big.records)} records`,
      rate(bigImport.records, bigImport.ms),
      rate(rawBig.records, rawBig.ms),
      ratio(bigImport, rawBig),
      '',
    );
    push(
      '  peak RSS of the importing process',
      megabytes(bigImport.maxRssKiB),
      megabytes(rawBig.maxRssKiB),
      '',
      '< 500 MB',
    );
    checks.push({ what: '1 GB lines import peak RSS < 500 MB', ok: (bigImport.maxRssKiB * 1024) / 1e6 < 500 });
    remove(path('big.db'));
    rmSync(path('big.ndjson'), { force: true });

    printTable(
      `Import/export benchmark, Node ${process.version} (each figure from a child process of its own; raw = better-sqlite3 on the same schema, one transaction)`,
      rows,
    );
    console.log('');
    for (const check of checks) console.log(`${check.ok ? 'met   ' : 'MISSED'}  ${check.what}`);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`Kept ${dir}`);
  }
}

if (process.argv[2] === CHILD_FLAG && resolve(process.argv[1] ?? '') === SELF) {
  await childMain(process.argv.slice(3));
}
