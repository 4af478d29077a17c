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

/**
 * ANALYSIS_BENCH_STORE=<file> reuses a store an earlier `--keep` run loaded with the same --records (loading a
 * million records takes minutes on a shared machine); the file is opened read-only and left in place.
 */
export async function runAnalysisBench(args: BenchArgs): Promise<void> {
  const reused = process.env.ANALYSIS_BENCH_STORE;
  const dir = reused === undefined ? mkdtempSync(join(tmpdir(), 'si-analysis-bench-')) : undefined;
  const path = reused ?? join(dir ?? '', 'store.db');
  try {
    if (dir !== undefined) {
      const writer = createSqliteStore({ path });
      const loading = await timeAsync(() => load(writer, args.records));
      await writer.close();
      console.log(`loaded ${args.records.toLocaleString('en-US')} records in ${millis(loading.ms)}`);
    }
    const store = createSqliteStore({ path, readOnly: true });
    const raw = rawAggregates(path);
    const ours: number[] = [];
    const exact: number[] = [];
    const plain: number[] = [];
    const filtered: number[] = [];
    const sampledPrefix: number[] = [];
    const gaps: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      plain.push(timeIt(raw.run).ms);
      // The longest wait between two progress reports: how late a cancel can be seen.
      let last = performance.now();
      let gap = 0;
      const onProgress = () => {
        const at = performance.now();
        gap = Math.max(gap, at - last);
        last = at;
      };
      // CPU time beside wall time: on a machine shared by many, the wall time is mostly waiting for a core.
      const cpuBefore = process.cpuUsage();
      ours.push((await timeAsync(() => store.analyse(NS, { filter: {}, onProgress }))).ms);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      gaps.push(gap);
      exact.push((await timeAsync(() => store.analyse(NS, { filter: {}, sampleAbove: Infinity }))).ms);
      filtered.push((await timeAsync(() => store.analyse(NS, { filter: { prefix: 'order/' } }))).ms);
      sampledPrefix.push(
        (await timeAsync(() => store.analyse(NS, { filter: { prefix: 'order/' }, sampleAbove: 100_000 }))).ms,
      );
    }
    const picture = await store.analyse(NS, { filter: {} });
    raw.close();
    await store.close();
    console.log(
      `default picture: ${picture.records.toLocaleString('en-US')} records read` +
        (picture.sample === null ? ' (exact)' : ` (sample of ${picture.sample.of.toLocaleString('en-US')})`) +
        `; its CPU time ${millis(median(cpu))}; longest gap between progress reports ${millis(median(gaps))}`,
    );
    const sampled = args.records > SAMPLE_ABOVE ? `sampled above ${SAMPLE_ABOVE.toLocaleString('en-US')}` : 'exact';
    const rows: Row[] = [
      row(`analysis, whole table (default: ${sampled})`, median(ours), median(plain), '< 3 s at 1M'),
      row('analysis, whole table (exact, forced)', median(exact), median(plain), ''),
      row("analysis, prefix 'order/' (1/8, exact)", median(filtered), median(plain), ''),
      row("analysis, prefix 'order/' (1/8, sampled above 100,000)", median(sampledPrefix), median(plain), ''),
    ];
    printTable(`Analysis (${args.records.toLocaleString('en-US')} records; median of ${RUNS})`, rows);
  } finally {
    if (dir !== undefined && !args.keep) rmSync(dir, { recursive: true, force: true });
    else if (dir !== undefined) console.log(`kept ${path}`);
  }
}

function row(work: string, oursMs: number, rawMs: number, target: string): Row {
  return { work, ours: millis(oursMs), raw: millis(rawMs), ratio: `${(oursMs / rawMs).toFixed(2)}x`, target };
}
