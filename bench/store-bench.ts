import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type InspectorStore } from '../electron/store/index.js';
import { prefixUpperBound } from '../electron/store/key-order.js';
import type { Database } from '../electron/store/sqlite-driver.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, mix, recordValue } from './dataset.js';
import { median, millis, printTable, type Row, rate, timeAsync, timeIt } from './measure.js';
import { openRaw } from './raw-store.js';

const NS = { database: 'micro', table: 'micro' };
const BATCH = 10_000;

function rawUpsert(db: Database) {
  return db.prepare(
    `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata,
     expires_at = excluded.expires_at, updated_at = excluded.updated_at, version = version + 1`,
  );
}

function batchOf(start: number, count: number) {
  return Array.from({ length: count }, (_, offset) => {
    const index = start + offset;
    return { key: keyOf(index), value: recordValue(index), metadata: metadataOf(index) };
  });
}

async function bulkLoad(store: InspectorStore, raw: Database, records: number) {
  let oursMs = 0;
  let rawMs = 0;
  const insert = rawUpsert(raw);
  const rawBatch = raw.transaction((batch: ReturnType<typeof batchOf>) => {
    const now = Date.now();
    for (const record of batch) insert.run(record.key, record.value, JSON.stringify(record.metadata), null, now);
  });
  for (let start = 0; start < records; start += BATCH) {
    const batch = batchOf(start, Math.min(BATCH, records - start));
    rawMs += timeIt(() => rawBatch.immediate(batch)).ms;
    oursMs += (await timeAsync(() => store.writeMany(NS, batch))).ms;
  }
  return { oursMs, rawMs };
}

/**
 * Alternates blocks of the same work between raw and ours, so WAL checkpoints and cache warmth
 * fall on both sides alike.
 */
async function interleaved(
  count: number,
  block: number,
  raw: (index: number) => void,
  ours: (index: number) => Promise<unknown>,
) {
  let oursMs = 0;
  let rawMs = 0;
  for (let start = 0; start < count; start += block) {
    const end = Math.min(count, start + block);
    rawMs += timeIt(() => {
      for (let index = start; index < end; index++) raw(index);
    }).ms;
    oursMs += (
      await timeAsync(async () => {
        for (let index = start; index < end; index++) await ours(index);
      })
    ).ms;
  }
  return { oursMs, rawMs };
}

async function singleWrites(store: InspectorStore, raw: Database, records: number, count: number) {
  const insert = rawUpsert(raw);
  const batch = batchOf(records, count);
  const rawWrite = (index: number) => {
    const record = batch[index];
    if (record) insert.run(record.key, record.value, JSON.stringify(record.metadata), null, Date.now());
  };
  return interleaved(count, 500, rawWrite, (index) => store.write(batch[index] ?? { key: 'x', value: '' }));
}

async function pointReads(store: InspectorStore, raw: Database, records: number, count: number) {
  const keys = Array.from({ length: count }, (_, index) => keyOf(mix(index) % records));
  const select = raw.prepare('SELECT value, metadata, expires_at FROM records WHERE ns = 1 AND key = ?');
  const rawRead = (index: number) => {
    const row = select.get(keys[index]) as { value: Buffer; metadata: string | null; expires_at: number | null };
    if (row.expires_at !== null && Date.now() > row.expires_at) throw new Error('expired');
    JSON.parse(row.metadata ?? '{}');
  };
  return interleaved(count, 5_000, rawRead, (index) => store.read(keys[index] ?? ''));
}

async function pageTimes(store: InspectorStore, filters: Record<string, string>[]) {
  const times: number[] = [];
  let matched = 0;
  for (const filter of filters) {
    const { ms, result } = await timeAsync(() => store.page(NS, { filter, order: 'asc', limit: 100 }));
    times.push(ms);
    matched += result.records.length;
  }
  return { median: median(times), max: Math.max(...times), averageRows: matched / filters.length };
}

function rawPageTimes(raw: Database, filters: Record<string, string>[], kind: 'prefix' | 'suffix' | 'contains') {
  const times = filters.map((filter) => {
    const term = filter[kind] ?? '';
    const sql =
      kind === 'prefix'
        ? 'SELECT key, length(value), metadata FROM records WHERE ns = 1 AND key >= ? AND key < ? ORDER BY key LIMIT 100'
        : kind === 'suffix'
          ? "SELECT key, length(value), metadata FROM records WHERE ns = 1 AND key LIKE '%' || ? ORDER BY key LIMIT 100"
          : 'SELECT key, length(value), metadata FROM records WHERE ns = 1 AND instr(key, ?) > 0 ORDER BY key LIMIT 100';
    const params = kind === 'prefix' ? [term, prefixUpperBound(term)] : [term];
    return timeIt(() => raw.prepare(sql).all(...params)).ms;
  });
  return median(times);
}

export async function runStoreBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-store-'));
  const store = createSqliteStore({ path: join(dir, 'ours.db') });
  const raw = openRaw(join(dir, 'raw.db'));
  const records = args.records;
  const rows: Row[] = [];
  const push = (work: string, ours: string, rawFigure: string, ratio: string, target: string) =>
    rows.push({ work, ours, raw: rawFigure, ratio, target });
  try {
    console.log(`Loading ${records.toLocaleString('en-US')} records into each file in ${dir} …`);
    const load = await bulkLoad(store, raw, records);
    push(
      `batched write, ${records.toLocaleString('en-US')} records`,
      rate(records, load.oursMs),
      rate(records, load.rawMs),
      (load.rawMs / load.oursMs).toFixed(2),
      '>= 0.70',
    );
    const single = await singleWrites(store, raw, records, 20_000);
    push(
      'single write (own transaction), 20,000',
      rate(20_000, single.oursMs),
      rate(20_000, single.rawMs),
      (single.rawMs / single.oursMs).toFixed(2),
      '>= 0.70',
    );
    const indexing = await timeAsync(async () => {
      while ((await store.indexKeys(50_000)) > 0);
    });
    console.log(`Key index filled behind the writers in ${millis(indexing.ms)}`);
    const reads = await pointReads(store, raw, records, 200_000);
    push(
      'read(key), 200,000 random keys',
      rate(200_000, reads.oursMs),
      rate(200_000, reads.rawMs),
      (reads.rawMs / reads.oursMs).toFixed(2),
      '>= 0.70',
    );
    const samples = Array.from({ length: 101 }, (_, index) => keyOf(mix(index + 7) % records));
    const prefixes = samples.map((key) => ({ prefix: key.slice(0, key.indexOf('/') + 3) }));
    const suffixes = samples.map((key) => ({ suffix: key.slice(-3) }));
    const substrings = samples.map((key) => ({ contains: key.slice(key.indexOf('/') + 2, key.indexOf('/') + 6) }));
    for (const [label, filters, kind, target] of [
      ['page of 100 by prefix (median)', prefixes, 'prefix', '< 1 ms'],
      ['page of 100 by suffix (median)', suffixes, 'suffix', '< 5 ms'],
      ['page of 100 by key substring (median)', substrings, 'contains', '< 10 ms'],
    ] as const) {
      const ours = await pageTimes(store, filters);
      const rawMedian = rawPageTimes(raw, filters, kind);
      push(
        `${label}, ~${Math.round(ours.averageRows)} rows, max ${millis(ours.max)}`,
        millis(ours.median),
        millis(rawMedian),
        (rawMedian / ours.median).toFixed(2),
        target,
      );
    }
    const list = await timeAsync(() => store.list());
    const rawList = timeIt(() =>
      raw
        .prepare(
          'SELECT key FROM records WHERE ns = 1 AND key NOT IN (SELECT key FROM records WHERE ns = 1 AND expires_at < ?) ORDER BY key',
        )
        .pluck()
        .all(Date.now()),
    );
    push(
      `list() of all ${list.result.length.toLocaleString('en-US')} keys`,
      millis(list.ms),
      millis(rawList.ms),
      (rawList.ms / list.ms).toFixed(2),
      '< 2 s',
    );
    const counts = await timeAsync(() => store.databases());
    const rawCounts = timeIt(() => raw.prepare('SELECT ns, count(*) FROM records GROUP BY ns').all());
    push(
      'databases/tables with counts',
      millis(counts.ms),
      millis(rawCounts.ms),
      (rawCounts.ms / counts.ms).toFixed(2),
      '< 50 ms',
    );
    printTable(`Store benchmark, ${records.toLocaleString('en-US')} records, Node ${process.version}`, rows);
  } finally {
    await store.close();
    raw.close();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}
