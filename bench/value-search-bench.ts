import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileBytes } from '../electron/store/file-bytes.js';
import { createSqliteStore, type InspectorStore, type RecordFilter } from '../electron/store/index.js';
import { type Database, openDatabase } from '../electron/store/sqlite-driver.js';
import { StatementCache } from '../electron/store/statement-cache.js';
import { indexPendingValues } from '../electron/store/value-index.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, recordValue } from './dataset.js';
import { median, millis, printTable, type Row, rate, timeAsync, timeIt } from './measure.js';
import { openPlain, PLAIN_UPSERT } from './raw-store.js';

/**
 * Value contains (docs/metadata-queries.md) at scale: the first page of 100 and the count for rare,
 * common, case-insensitive and worst-case terms beside raw SQL (`instr` on every value) on the same
 * file; what filling the value index costs (time and file), and what it costs writers (an overwrite
 * of an indexed record notes its id; inserts cost nothing) beside the plain table.
 */

const NS = { database: 'micro', table: 'micro' };
const BATCH = 10_000;
const RUNS = 5;
const OVERWRITES = 10_000;

/** Terms over the dataset's values (`{"id":N,"name":"record N",...,"padding":"xxx"}`). */
const TERMS: { label: string; filter: RecordFilter }[] = [
  { label: 'rare ("record 123457", 1 match)', filter: { valueContains: 'record 123457' } },
  { label: 'few ("record 4242")', filter: { valueContains: 'record 4242' } },
  { label: 'ignoring case ("RECORD 99999")', filter: { valueContains: 'RECORD 99999', valueCase: 'insensitive' } },
  { label: 'common ("record 7")', filter: { valueContains: 'record 7' } },
  { label: 'every value ("tags")', filter: { valueContains: 'tags' } },
  { label: 'absent ("no such text")', filter: { valueContains: 'no such text' } },
  // Every trigram is in every value, the sequence in none: the index cannot narrow, every value is read.
  { label: 'worst: common trigrams, no match', filter: { valueContains: '"b"],"name' } },
];

async function load(store: InspectorStore, records: number): Promise<void> {
  for (let start = 0; start < records; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, records - start) }, (_, offset) => ({
      key: keyOf(start + offset),
      value: recordValue(start + offset),
      metadata: metadataOf(start + offset),
    }));
    await store.writeMany(NS, batch);
  }
}

const VALUE_INDEX_TABLES = `name LIKE 'records_value_trigrams%' OR name IN ('value_unindexed', 'value_pending')`;

/** Fills only the value index, on a connection of its own, so its time and its pages are its own. */
function fillValueIndex(path: string): { ms: number; indexBytes: number } {
  const db = openDatabase(path);
  const statements = new StatementCache(db);
  const filled = timeIt(() => {
    while (db.transaction(() => indexPendingValues(statements, 50_000)).immediate() > 0);
  });
  const indexBytes = db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE ${VALUE_INDEX_TABLES}`).pluck().get() as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ms: filled.ms, indexBytes };
}

async function searchRows(store: InspectorStore, raw: Database, label: string, filter: RecordFilter): Promise<Row[]> {
  const caseless = filter.valueCase === 'insensitive';
  const test = caseless ? 'instr(CAST(lower(value) AS BLOB), ?) > 0' : 'instr(CAST(value AS BLOB), ?) > 0';
  const needle = Buffer.from(caseless ? (filter.valueContains ?? '').toLowerCase() : (filter.valueContains ?? ''));
  const rawPage = raw.prepare(`SELECT key, length(value) FROM records WHERE ns = 1 AND ${test} ORDER BY key LIMIT 100`);
  const rawCount = raw.prepare(`SELECT count(*) FROM records WHERE ns = 1 AND ${test}`).pluck();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push((await timeAsync(() => store.page(NS, { filter, order: 'asc', limit: 100 }))).ms);
    theirs.push(timeIt(() => rawPage.all(needle)).ms);
  }
  const counted = await timeAsync(() => store.count(NS, filter));
  const rawCounted = timeIt(() => rawCount.get(needle));
  return [
    row(`${label}: first page of 100`, median(ours), median(theirs), '< 200 ms'),
    row(`${label}: count (${counted.result.toLocaleString('en-US')})`, counted.ms, rawCounted.ms, ''),
  ];
}

function row(work: string, ours: number, raw: number, target: string): Row {
  return { work, ours: millis(ours), raw: millis(raw), ratio: (raw / ours).toFixed(2), target };
}

/** Overwrites of indexed records with new values, one commit each and in batches, beside the plain table. */
async function writerRows(store: InspectorStore, plain: Database, path: string, records: number): Promise<Row[]> {
  const upsert = plain.prepare(PLAIN_UPSERT);
  const indices = Array.from({ length: OVERWRITES }, (_, n) => (n * 7919) % records);
  const recordAt = (index: number, round: number) => ({
    key: keyOf(index),
    value: recordValue(index + round * records),
    metadata: metadataOf(index),
  });
  const plainOne = (index: number, round: number) => {
    const record = recordAt(index, round);
    upsert.run(record.key, record.value, JSON.stringify(record.metadata), null);
  };
  const plainBatch = plain.transaction((round: number) => {
    for (const index of indices) plainOne(index, round);
  });
  // As if the upkeep had just run: every overwrite meets an id not noted yet, the dearer case.
  const measure = async (round: number, reset: () => void) => {
    reset();
    const single = await timeAsync(async () => {
      for (const index of indices) await store.write({ ...recordAt(index, round) }, NS);
    });
    reset();
    const batched = await timeAsync(() =>
      store.writeMany(
        NS,
        indices.map((index) => recordAt(index, round + 1)),
      ),
    );
    return { single: single.ms, batched: batched.ms };
  };
  const rawSingle = timeIt(() => {
    for (const index of indices) plainOne(index, 1);
  }).ms;
  const rawBatched = timeIt(() => plainBatch.immediate(2)).ms;
  // Alternates with and without the value trigger (the file as format 3 wrote it), so WAL checkpoints and
  // cache warmth fall on both alike; the better of two rounds each.
  const db = openDatabase(path);
  const trigger = db
    .prepare("SELECT sql FROM sqlite_master WHERE name = 'records_value_changed'")
    .pluck()
    .get() as string;
  const withTrigger = { single: Infinity, batched: Infinity };
  const without = { single: Infinity, batched: Infinity };
  for (let round = 0; round < 2; round++) {
    const kept = await measure(round * 4 + 1, () => db.exec('DELETE FROM value_pending'));
    db.exec('DROP TRIGGER records_value_changed');
    const dropped = await measure(round * 4 + 3, () => undefined);
    db.exec(trigger);
    for (const [best, got] of [
      [withTrigger, kept],
      [without, dropped],
    ] as const) {
      best.single = Math.min(best.single, got.single);
      best.batched = Math.min(best.batched, got.batched);
    }
  }
  db.close();
  const n = OVERWRITES;
  return [
    {
      work: `${n} single overwrites, value index kept`,
      ours: rate(n, withTrigger.single),
      raw: rate(n, rawSingle),
      ratio: (rawSingle / withTrigger.single).toFixed(2),
      target: '',
    },
    {
      work: `${n} single overwrites, no value trigger (format 3)`,
      ours: rate(n, without.single),
      raw: rate(n, rawSingle),
      ratio: (rawSingle / without.single).toFixed(2),
      target: '',
    },
    {
      work: `${n} overwrites in one batch, value index kept`,
      ours: rate(n, withTrigger.batched),
      raw: rate(n, rawBatched),
      ratio: (rawBatched / withTrigger.batched).toFixed(2),
      target: '',
    },
    {
      work: `${n} overwrites in one batch, no value trigger (format 3)`,
      ours: rate(n, without.batched),
      raw: rate(n, rawBatched),
      ratio: (rawBatched / without.batched).toFixed(2),
      target: '',
    },
  ];
}

export async function runValueSearchBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-value-bench-'));
  const path = join(dir, 'store.db');
  const plain = openPlain(join(dir, 'plain.db'));
  try {
    const loader = createSqliteStore({ path });
    await loader.init();
    const loaded = await timeAsync(() => load(loader, args.records));
    await loader.close();
    const before = fileBytes(path);
    const filled = fillValueIndex(path);
    const after = fileBytes(path);
    const store = createSqliteStore({ path });
    while ((await store.indexKeys(100_000)) > 0);
    const n = args.records.toLocaleString('en-US');
    console.log(`loaded ${n} records in ${millis(loaded.ms)}`);
    console.log(
      `value index filled in ${millis(filled.ms)} (${rate(args.records, filled.ms)}); its tables ${mib(filled.indexBytes)}, ` +
        `file ${mib(before)} -> ${mib(after)} (+${(((after - before) / before) * 100).toFixed(0)}%)`,
    );
    const raw = openDatabase(path, { readonly: true });
    const rows: Row[] = [];
    for (const { label, filter } of TERMS) rows.push(...(await searchRows(store, raw, label, filter)));
    raw.close();
    printTable(`value contains (${n} records, 100-byte JSON values; raw = instr() over every value)`, rows);
    const plainLoad = plain.prepare(PLAIN_UPSERT);
    plain.transaction(() => {
      for (let index = 0; index < args.records; index++)
        plainLoad.run(keyOf(index), recordValue(index), JSON.stringify(metadataOf(index)), null);
    })();
    printTable(
      'writers and the value index (overwrites of indexed records; raw = plain table)',
      await writerRows(store, plain, path, args.records),
    );
    await store.close();
  } finally {
    plain.close();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
