/**
 * How fast the command line answers, as a script calling it in a loop sees it: a whole process,
 * `node bin/store-inspector.js read KEY`, beside the least any Node program can do for the same answer,
 * `node -e` that opens the file with better-sqlite3 and reads one row. Both are timed in the same run,
 * interleaved, on one store file. For reference, a few runs of the CLI as it ran before (TypeScript
 * compiled at run time by tsx). Target (issue #13): the CLI's median within 3x of the bare read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '../electron/store/index.js';
import { bindingPackageFor } from '../electron/store/sqlite-driver.js';
import ensureLibBuilt from '../scripts/lib-build.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, loadDataset } from './dataset.js';
import { median, millis, percentile, printTable, type Row } from './measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'store-inspector.js');
/** A process start is what is measured: the store's size barely matters, so it stays small. */
const MAX_RECORDS = 100_000;
const RUNS = 40;
const WARMUP = 3;
const TSX_RUNS = 5;
const TARGET_RATIO = 3;
const READ_ROW =
  "SELECT value FROM records WHERE ns = (SELECT id FROM namespaces WHERE database = 'micro' AND \"table\" = 'micro') AND key = ?";

export async function runCliBench(args: BenchArgs): Promise<void> {
  ensureLibBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-cli-'));
  try {
    const path = join(dir, 'cli.db');
    const records = Math.min(args.records, MAX_RECORDS);
    const store = createSqliteStore({ path });
    await store.init();
    await loadDataset(store, records);
    await store.close();
    const key = keyOf(Math.floor(records / 2));
    printFigures(records, measure(path, key));
  } finally {
    if (args.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

interface Timings {
  cli: number[];
  raw: number[];
  tsx: number[];
}

function measure(path: string, key: string): Timings {
  const cli = () => run([BIN, 'read', key, '--store', path]);
  const raw = () => run(['-e', bareRead(path, key)]);
  const expected = cli().stdout;
  if (expected !== raw().stdout) throw new Error('the CLI and the bare read printed different values');
  for (let index = 0; index < WARMUP; index++) {
    cli();
    raw();
  }
  const timings: Timings = { cli: [], raw: [], tsx: [] };
  // Interleaved, so both sides meet the same load on a shared machine.
  for (let index = 0; index < RUNS; index++) {
    timings.cli.push(cli().ms);
    timings.raw.push(raw().ms);
  }
  const throughTsx = ['--import', 'tsx', join(ROOT, 'electron', 'cli', 'index.ts'), 'read', key, '--store', path];
  for (let index = 0; index < TSX_RUNS; index++) timings.tsx.push(run(throughTsx).ms);
  return timings;
}

/** The least a Node program does to print one value: load better-sqlite3 (the binding this Node loads), open, read. */
function bareRead(path: string, key: string): string {
  const binding = bindingPackageFor(process.versions);
  return [
    `const Database = require(${JSON.stringify(binding)});`,
    `const db = new Database(${JSON.stringify(path)}, { readonly: true });`,
    // The (ns, key) index, as the Store itself reads a key.
    `const row = db.prepare(${JSON.stringify(READ_ROW)}).get(${JSON.stringify(key)});`,
    `process.stdout.write(Buffer.concat([row.value, Buffer.from('\\n')]));`,
  ].join('\n');
}

function run(args: string[]): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function printFigures(records: number, { cli, raw, tsx }: Timings): void {
  const ratio = (ours: number, bare: number) => (ours / bare).toFixed(2);
  const rows: Row[] = [
    {
      work: `read KEY, median of ${RUNS} processes`,
      ours: millis(median(cli)),
      raw: millis(median(raw)),
      ratio: ratio(median(cli), median(raw)),
      target: `<= ${TARGET_RATIO}`,
    },
    {
      work: `read KEY, p95 of ${RUNS} processes`,
      ours: millis(percentile(cli, 95)),
      raw: millis(percentile(raw, 95)),
      ratio: ratio(percentile(cli, 95), percentile(raw, 95)),
      target: '',
    },
    {
      work: `read KEY through tsx (before), median of ${TSX_RUNS}`,
      ours: millis(median(tsx)),
      raw: millis(median(raw)),
      ratio: ratio(median(tsx), median(raw)),
      target: '',
    },
  ];
  printTable(
    `cli: store-inspector read KEY as a whole process, on a ${records.toLocaleString('en-US')}-record store`,
    rows,
  );
}
