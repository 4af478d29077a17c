import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type InspectorStore } from '../electron/store/index.js';
import { openDatabase } from '../electron/store/sqlite-driver.js';
import { SAMPLE_ABOVE } from '../electron/store/store-analysis.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, mix, recordValue } from './dataset.js';
import { median, millis, printTable, type Row, timeAsync, timeIt } from './measure.js';

const NS = { database: 'micro', table: 'micro' };
const BATCH = 10_000;
const RUNS = 3;

/** Values from empty to 64 KiB (most near 100 bytes), a third with a TTL from a minute to two days. */
function recordOf(index: number) {
  const roll = mix(index * 7 + 1);
  const value = roll % 50 === 0 ? Buffer.alloc(roll % 65_536, 1) : recordValue(index);
  const expiry = roll % 3 === 0 ? 60_000 + (roll % 172_800_000) : undefined;
  return { key: keyOf(index), value, metadata: metadataOf(index), expiry };
}

async function load(store: InspectorStore, records: number) {
  for (let start = 0; start < records; start += BATCH) {
    const size = Math.min(BATCH, records - start);
    await store.writeMany(
      NS,
      Array.from({ length: size }, (_, offset) => recordOf(start + offset)),
    );
  }
  while ((await store.indexKeys(100_000)) > 0);
}

/**
 * The same figures a person would get with plain SQL on the file: one aggregate per chart (no sampling, no
 * filter but the table and "live"), so the ratio is what the analysis costs beyond the scans themselves.
 */
function rawAggregates(path: string) {
  const db = openDatabase(path, { readonly: true });
  const now = Date.now();
  const live = 'ns = 1 AND (expires_at IS NULL OR expires_at >= ?)';
  const queries = [
    `SELECT CASE WHEN length(value) < 16 THEN 0 WHEN length(value) < 256 THEN 1 WHEN length(value) < 4096 THEN 2 ELSE 3 END AS bucket, count(*) FROM records WHERE ${live} GROUP BY bucket`,
    `SELECT CASE WHEN expires_at IS NULL THEN 'never' WHEN expires_at <= ? + 3600000 THEN 'hour' ELSE 'later' END AS bucket, count(*) FROM records WHERE ${live} GROUP BY bucket`,
    `SELECT substr(key, 1, instr(key, '/')) AS part, count(*), sum(length(value)) FROM records WHERE ${live} GROUP BY part`,
    `SELECT key, length(value) AS size FROM records WHERE ${live} ORDER BY size DESC LIMIT 20`,
  ].map((sql) => db.prepare(sql));
  const run = () => {
    queries[0]?.all(now);
    queries[1]?.all(now, now);
    queries[2]?.all(now);
    queries[3]?.all(now);
  };
  return { run, close: () => db.close() };
}

export async function runAnalysisBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-analysis-bench-'));
  const path = join(dir, 'store.db');
  try {
    const writer = createSqliteStore({ path });
    const loading = await timeAsync(() => load(writer, args.records));
    await writer.close();
    console.log(`loaded ${args.records.toLocaleString('en-US')} records in ${millis(loading.ms)}`);
    const store = createSqliteStore({ path, readOnly: true });
    const raw = rawAggregates(path);
    const ours: number[] = [];
    const exact: number[] = [];
    const plain: number[] = [];
    const phases: number[][] = [];
    for (let run = 0; run < RUNS; run++) {
      plain.push(timeIt(raw.run).ms);
      ours.push((await timeAsync(() => store.analyse(NS, { filter: {} }))).ms);
      const marks: number[] = [];
      const onProgress = () => marks.push(performance.now());
      exact.push((await timeAsync(() => store.analyse(NS, { filter: {}, sampleAbove: Infinity, onProgress }))).ms);
      phases.push(marks.slice(1).map((mark, index) => mark - (marks[index] ?? mark)));
    }
    const filtered = await timeAsync(() => store.analyse(NS, { filter: { prefix: 'order/' } }));
    raw.close();
    await store.close();
    const phase = (index: number) => millis(median(phases.map((times) => times[index] ?? 0)));
    console.log(`exact phases (median): totals ${phase(0)}, key level ${phase(1)}, biggest ${phase(2)}`);
    const sampled = args.records > SAMPLE_ABOVE ? `sampled above ${SAMPLE_ABOVE.toLocaleString('en-US')}` : 'exact';
    const rows: Row[] = [
      row(`analysis, whole table (default: ${sampled})`, median(ours), median(plain), '< 3 s at 1M'),
      row('analysis, whole table (exact, forced)', median(exact), median(plain), ''),
      row("analysis, prefix 'order/' (1/8)", filtered.ms, median(plain), ''),
    ];
    printTable(`Analysis (${args.records.toLocaleString('en-US')} records; median of ${RUNS})`, rows);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${path}`);
  }
}

function row(work: string, oursMs: number, rawMs: number, target: string): Row {
  return { work, ours: millis(oursMs), raw: millis(rawMs), ratio: `${(oursMs / rawMs).toFixed(2)}x`, target };
}
