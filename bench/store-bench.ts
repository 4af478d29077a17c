import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldEqualityOf } from '../electron/common/metadata-query.js';
import { fileBytes } from '../electron/store/file-bytes.js';
import { createSqliteStore, type InspectorStore, type RecordFilter } from '../electron/store/index.js';
import { prefixUpperBound } from '../electron/store/key-order.js';
import type { Database } from '../electron/store/sqlite-driver.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, mix, recordValue } from './dataset.js';
import { median, millis, printTable, type Row, rate, timeAsync, timeIt } from './measure.js';
import { openPlain, PLAIN_UPSERT } from './raw-store.js';
import { fillBySql } from './sql-fill.js';

const NS = { database: 'micro', table: 'micro' };
const BATCH = 10_000;
const HOUR_MS = 3_600_000;
const SINGLE_WRITES = 20_000;
/** Above this many records, the files are filled in SQL and only the writes and reads are measured. */
const SQL_FILL_ABOVE = 2_000_000;
const BATCH_SAMPLE = 500_000;

/** Every 10th record lives an hour, every 100th (offset 5) is already expired: expiry filters have work. */
function expiryOf(index: number): number | undefined {
  if (index % 100 === 5) return -1;
  return index % 10 === 0 ? HOUR_MS : undefined;
}

function recordOf(index: number, value = index) {
  return { key: keyOf(index), value: recordValue(value), metadata: metadataOf(index), expiry: expiryOf(index) };
}

function batchOf(start: number, count: number) {
  return Array.from({ length: count }, (_, offset) => recordOf(start + offset));
}

type BenchRecord = ReturnType<typeof recordOf>;

/** The plain table's upsert of a benchmark record, expiry stored as an absolute time as ours is. */
function plainWriter(plain: Database) {
  const upsert = plain.prepare(PLAIN_UPSERT);
  return (record: BenchRecord) => {
    const now = Date.now();
    const expiry = record.expiry === undefined ? null : record.expiry < 0 ? now - 1 : now + record.expiry;
    upsert.run(record.key, record.value, JSON.stringify(record.metadata), expiry);
  };
}

async function bulkLoad(store: InspectorStore, plain: Database, records: number, from = 0) {
  let oursMs = 0;
  let rawMs = 0;
  const write = plainWriter(plain);
  const plainBatch = plain.transaction((batch: BenchRecord[]) => {
    for (const record of batch) write(record);
  });
  for (let start = from; start < records; start += BATCH) {
    const batch = batchOf(start, Math.min(BATCH, records - start));
    rawMs += timeIt(() => plainBatch.immediate(batch)).ms;
    oursMs += (await timeAsync(() => store.writeMany(NS, batch))).ms;
  }
  return { oursMs, rawMs };
}

/**
 * Alternates blocks of the same work between the plain table and ours, so WAL checkpoints and
 * cache warmth fall on both sides alike. Also the slowest single call of each side: the call that
 * checkpoints pauses for it, and a longer checkpoint interval makes that pause longer.
 */
async function interleaved(
  count: number,
  block: number,
  raw: (index: number) => void,
  ours: (index: number) => Promise<unknown>,
) {
  const timing = { oursMs: 0, rawMs: 0, slowestOursMs: 0, slowestRawMs: 0 };
  for (let start = 0; start < count; start += block) {
    const end = Math.min(count, start + block);
    timing.rawMs += timeIt(() => {
      for (let index = start; index < end; index++) {
        const started = process.hrtime.bigint();
        raw(index);
        const call = Number(process.hrtime.bigint() - started) / 1e6;
        if (call > timing.slowestRawMs) timing.slowestRawMs = call;
      }
    }).ms;
    timing.oursMs += (
      await timeAsync(async () => {
        for (let index = start; index < end; index++) {
          // Timed inline as the plain side is: another async wrapper would cost ours alone.
          const started = process.hrtime.bigint();
          await ours(index);
          const call = Number(process.hrtime.bigint() - started) / 1e6;
          if (call > timing.slowestOursMs) timing.slowestOursMs = call;
        }
      })
    ).ms;
  }
  return timing;
}

/** A row's label with the slowest single call of each side. */
const withSlowest = (work: string, timing: { slowestOursMs: number; slowestRawMs: number }) =>
  `${work} (slowest ${millis(timing.slowestOursMs)} / ${millis(timing.slowestRawMs)})`;

/** write() of each record on its own (its own transaction), beside the plain table's upsert. */
async function singleWrites(store: InspectorStore, plain: Database, records: BenchRecord[]) {
  const write = plainWriter(plain);
  const fallback = recordOf(0);
  return interleaved(
    records.length,
    500,
    (index) => write(records[index] ?? fallback),
    (index) => store.write(records[index] ?? fallback),
  );
}

async function pointReads(store: InspectorStore, plain: Database, records: number, count: number) {
  const keys = Array.from({ length: count }, (_, index) => keyOf(mix(index) % records));
  const select = plain.prepare('SELECT value, metadata, expiry FROM kv WHERE key = ?');
  const rawRead = (index: number) => {
    const row = select.get(keys[index]) as { value: Buffer; metadata: string | null; expiry: number | null };
    if (row.expiry !== null && Date.now() > row.expiry) return;
    JSON.parse(row.metadata ?? '{}');
  };
  const ours = async (index: number) => store.read(keys[index] ?? '').catch(() => []);
  return interleaved(count, 5_000, rawRead, ours);
}

async function pageTimes(store: InspectorStore, filters: RecordFilter[]) {
  const times: number[] = [];
  let matched = 0;
  for (const filter of filters) {
    const { ms, result } = await timeAsync(() => store.page(NS, { filter, order: 'asc', limit: 100 }));
    times.push(ms);
    matched += result.records.length;
  }
  return { median: median(times), max: Math.max(...times), averageRows: matched / filters.length };
}

/** The plain table's SQL for the same key filter (a scan where no index helps), live records only. */
function plainKeyCondition(filter: RecordFilter): { sql: string; params: unknown[] } {
  const live: { sql: string; params: unknown[] } = { sql: '(expiry IS NULL OR expiry >= ?)', params: [Date.now()] };
  const parts = [live];
  if (filter.prefix)
    parts.push({ sql: 'key >= ? AND key < ?', params: [filter.prefix, prefixUpperBound(filter.prefix)] });
  if (filter.suffix) parts.push({ sql: "key LIKE '%' || ?", params: [filter.suffix] });
  if (filter.contains) parts.push({ sql: 'instr(key, ?) > 0', params: [filter.contains] });
  for (const match of (filter.metadata ?? []).flatMap((each) => fieldEqualityOf(each) ?? [])) {
    parts.push({ sql: 'metadata ->> ? = ?', params: [`$.${JSON.stringify(match.field)}`, match.value] });
  }
  if (filter.expiry === 'has-ttl') parts.splice(0, 1, { sql: 'expiry >= ?', params: [Date.now()] });
  if (filter.expiry === 'expired') parts.splice(0, 1, { sql: 'expiry < ?', params: [Date.now()] });
  if (filter.expiry === 'no-ttl') parts.splice(0, 1, { sql: 'expiry IS NULL', params: [] });
  return { sql: parts.map((part) => part.sql).join(' AND '), params: parts.flatMap((part) => part.params) };
}

function plainPageTime(plain: Database, filters: RecordFilter[]) {
  return median(
    filters.map((filter) => {
      const where = plainKeyCondition(filter);
      const sql = `SELECT key, length(value), metadata, expiry FROM kv WHERE ${where.sql} ORDER BY key LIMIT 101`;
      return timeIt(() => plain.prepare(sql).all(...where.params)).ms;
    }),
  );
}

async function countTimes(store: InspectorStore, plain: Database, filters: RecordFilter[]) {
  const ours: number[] = [];
  const raw: number[] = [];
  let matched = 0;
  for (const filter of filters) {
    const counted = await timeAsync(() => store.count(NS, filter));
    ours.push(counted.ms);
    matched += counted.result;
    const where = plainKeyCondition(filter);
    const plainCount = timeIt(() =>
      plain
        .prepare(`SELECT count(*) FROM kv WHERE ${where.sql}`)
        .pluck()
        .get(...where.params),
    );
    raw.push(plainCount.ms);
    if (plainCount.result !== counted.result) {
      throw new Error(`count of ${JSON.stringify(filter)}: ours ${counted.result}, plain ${String(plainCount.result)}`);
    }
  }
  return { ours: median(ours), max: Math.max(...ours), raw: median(raw), averageRows: matched / filters.length };
}

function keyFilters(records: number) {
  // The plain table scans for most of these: fewer samples on big files keep the run within an hour.
  const samples = Array.from({ length: records > 2_000_000 ? 7 : 21 }, (_, index) => keyOf(mix(index + 7) % records));
  return {
    prefix: samples.map((key) => ({ prefix: key.slice(0, key.indexOf('/') + 3) })),
    suffix: samples.map((key) => ({ suffix: key.slice(-3) })),
    contains: samples.map((key) => ({ contains: key.slice(key.indexOf('/') + 2, key.indexOf('/') + 6) })),
    kind: [{ prefix: 'order/' }, { prefix: 'job/' }, { prefix: 'user/' }],
  };
}

const ratio = (raw: number, ours: number) => (raw / ours).toFixed(2);
const count = (value: number) => Math.round(value).toLocaleString('en-US');

export async function runStoreBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-store-'));
  // Removed however the run ends: a 10M run leaves gigabytes behind.
  try {
    await measureStore(dir, args);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function measureStore(dir: string, args: BenchArgs): Promise<void> {
  const store = createSqliteStore({ path: join(dir, 'ours.db') });
  const plain = openPlain(join(dir, 'plain.db'));
  const records = args.records;
  const rows: Row[] = [];
  const push = (work: string, ours: string, rawFigure: string, ratioFigure: string, target: string) => {
    rows.push({ work, ours, raw: rawFigure, ratio: ratioFigure, target });
    // Each row as it is measured too: a 10M run takes most of an hour.
    console.log(`  ${work}: ${ours} vs plain ${rawFigure} (${ratioFigure}; target ${target})`);
  };
  const pushRate = (work: string, n: number, timing: { oursMs: number; rawMs: number }, target: string) =>
    push(work, rate(n, timing.oursMs), rate(n, timing.rawMs), ratio(timing.rawMs, timing.oursMs), target);
  try {
    console.log(`Loading ${records.toLocaleString('en-US')} records into each file in ${dir} …`);
    if (records > SQL_FILL_ABOVE) {
      // Loading 10,000,000 records batch by batch takes most of an hour on a loaded machine: the files are
      // filled in SQL up to the last BATCH_SAMPLE records, and the batched writes measured on those.
      const from = records - BATCH_SAMPLE;
      await store.createTable(NS);
      const filled = timeIt(() => fillBySql(join(dir, 'ours.db'), plain, NS, { from: 0, to: from }, expiryOf));
      console.log(`  ${count(from)} records filled by SQL into both files in ${millis(filled.ms)}`);
      const work = `batched write, the last ${count(BATCH_SAMPLE)} of ${count(records)} records`;
      pushRate(work, BATCH_SAMPLE, await bulkLoad(store, plain, records, from), '>= 0.90');
    } else {
      pushRate(`batched write, ${count(records)} records`, records, await bulkLoad(store, plain, records), '>= 0.90');
    }
    const fresh = batchOf(records, SINGLE_WRITES);
    const created = await singleWrites(store, plain, fresh);
    pushRate(withSlowest('single write, new keys', created), SINGLE_WRITES, created, '>= 0.70');
    const overwrites = fresh.map((record, index) => ({ ...record, value: recordValue(records + index + 1) }));
    const overwritten = await singleWrites(store, plain, overwrites);
    pushRate(withSlowest('single write, overwrites', overwritten), SINGLE_WRITES, overwritten, '>= 0.70');
    if (records > SQL_FILL_ABOVE) {
      // Indexing 10,000,000 records behind the writers takes longer than the rest of the run.
      pushRate('read(key), 200,000 random keys', 200_000, await pointReads(store, plain, records, 200_000), '>= 0.90');
      return printTable(`Store benchmark (writes and reads, not indexed), ${count(records)} records`, rows);
    }
    const indexing = await timeAsync(async () => {
      while ((await store.indexKeys(50_000)) > 0);
    });
    console.log(`Key and metadata values indexes filled behind the writers in ${millis(indexing.ms)}`);
    // Now the metadata values index covers every record: an overwrite that changes metadata marks it stale.
    const changed = fresh.map((record, index) => ({ ...record, metadata: { ...record.metadata, v: index % 7 } }));
    pushRate(
      'single write, overwrites changing metadata (indexed)',
      SINGLE_WRITES,
      await singleWrites(store, plain, changed),
      '>= 0.70',
    );
    // The row above follows a minute of indexing on the same connection, which left our page cache full of
    // index pages (the plain table's is still warm): the same writes again, with both caches warm, tell the
    // write path's cost from the cache's (docs/file-format.md, "Where a write's time goes", format 7).
    const changedAgain = changed.map((record, index) => ({
      ...record,
      metadata: { ...record.metadata, v: index % 5 },
    }));
    pushRate(
      'single write, the same records changing metadata again (both caches warm)',
      SINGLE_WRITES,
      await singleWrites(store, plain, changedAgain),
      '',
    );
    // The app notes the marks (a scan: nobody watched) and re-indexes the changed records while idle; the
    // filters below run after it has.
    const catchUp = await timeAsync(async () => {
      while ((await store.indexKeys(50_000)) > 0);
    });
    console.log(`${count(SINGLE_WRITES)} changed records re-indexed in ${millis(catchUp.ms)}`);
    pushRate('read(key), 200,000 random keys', 200_000, await pointReads(store, plain, records, 200_000), '>= 0.90');
    if (args.only === 'writes') {
      // The filter the writers' notes are for, on the same file: its values index is caught up above.
      await metadataFilterRows(store, plain, 'metadata kind=job, values index', push);
      return printTable(`Store benchmark (writes and reads), ${count(records)} records`, rows);
    }
    await filterRows(store, plain, records, push);
    await metadataRows(store, plain, records, push, pushRate);
    const list = await timeAsync(() => store.list());
    const rawList = timeIt(() =>
      plain.prepare('SELECT key FROM kv WHERE expiry IS NULL OR expiry >= ? ORDER BY key').pluck().all(Date.now()),
    );
    push(
      `list() of all ${count(list.result.length)} live keys`,
      millis(list.ms),
      millis(rawList.ms),
      ratio(rawList.ms, list.ms),
      '< 2 s',
    );
    const counts = await timeAsync(() => store.databases());
    const rawCounts = timeIt(() =>
      plain.prepare('SELECT count(*) FROM kv WHERE expiry IS NULL OR expiry >= ?').get(Date.now()),
    );
    push(
      'databases/tables with counts',
      millis(counts.ms),
      millis(rawCounts.ms),
      ratio(rawCounts.ms, counts.ms),
      '< 50 ms',
    );
    printTable(`Store benchmark, ${count(records)} records, Node ${process.version}`, rows);
  } finally {
    await store.close();
    plain.close();
  }
  // The same million overwrites whatever --records says: run once, beside the 1M table.
  if (records <= 2_000_000 && args.only !== 'writes' && args.only !== 'targets') await boundedBookkeeping(dir);
}

type Push = (work: string, ours: string, raw: string, ratio: string, target: string) => void;

async function filterRows(store: InspectorStore, plain: Database, records: number, push: Push) {
  const filters = keyFilters(records);
  for (const [label, sample, target] of [
    ['prefix', filters.prefix, '< 1 ms'],
    ['suffix', filters.suffix, '< 5 ms'],
    ['key substring', filters.contains, '< 10 ms'],
  ] as const) {
    const ours = await pageTimes(store, sample);
    const raw = plainPageTime(plain, sample);
    const work = `page of 100 by ${label} (median), ~${Math.round(ours.averageRows)} rows, max ${millis(ours.max)}`;
    push(work, millis(ours.median), millis(raw), ratio(raw, ours.median), target);
  }
  const expiry: RecordFilter[][] = [[{ expiry: 'has-ttl' }], [{ expiry: 'expired' }], [{ expiry: 'no-ttl' }]];
  for (const [label, sample] of [
    ['prefix (2 letters)', filters.prefix],
    ['prefix (kind/, 1/8 of all)', filters.kind],
    ['suffix', filters.suffix],
    ['key substring', filters.contains],
    ['expiry has-ttl', expiry[0] ?? []],
    ['expiry expired', expiry[1] ?? []],
    ['expiry no-ttl', expiry[2] ?? []],
  ] as const) {
    const timing = await countTimes(store, plain, [...sample]);
    const work = `count by ${label} (median), ~${count(timing.averageRows)} matches, max ${millis(timing.max)}`;
    push(work, millis(timing.ours), millis(timing.raw), ratio(timing.raw, timing.ours), '< 200 ms');
  }
}

/**
 * The first page and the count of `kind=job` (one record in 8), beside the plain table's scan: ours the
 * median of 5 (the first of them cold) with the slowest named, the plain table's scans once.
 */
async function metadataFilterRows(store: InspectorStore, plain: Database, label: string, push: Push) {
  const filter: RecordFilter = { metadata: [{ field: 'kind', value: 'job' }] };
  const page = await pageTimes(
    store,
    Array.from({ length: 5 }, () => filter),
  );
  const rawPage = plainPageTime(plain, [filter]);
  const work = `${label}: first page of 100 (median of 5, max ${millis(page.max)})`;
  push(work, millis(page.median), millis(rawPage), ratio(rawPage, page.median), '< 50 ms');
  const counted = await countTimes(store, plain, [filter]);
  const again = await timeAsync(() => store.count(NS, filter));
  const countMs = median([counted.ours, again.ms, (await timeAsync(() => store.count(NS, filter))).ms]);
  push(
    `${label}: count (${count(counted.averageRows)}) (median of 3, first ${millis(counted.ours)})`,
    millis(countMs),
    millis(counted.raw),
    ratio(counted.raw, countMs),
    '< 500 ms',
  );
}

async function metadataRows(
  store: InspectorStore,
  plain: Database,
  records: number,
  push: Push,
  pushRate: (work: string, n: number, timing: { oursMs: number; rawMs: number }, target: string) => void,
) {
  const measure = (label: string) => metadataFilterRows(store, plain, label, push);
  // Every field's values are indexed behind the writers (filled above, as the app does while idle).
  await measure('metadata kind=job, values index');
  const built = await timeAsync(() => store.indexMetadata('kind'));
  push('indexMetadata("kind"), once', millis(built.ms), '', '', '');
  await measure('metadata kind=job, expression index');
  const fresh = batchOf(records + SINGLE_WRITES, SINGLE_WRITES);
  pushRate('single write, new keys, kind indexed', SINGLE_WRITES, await singleWrites(store, plain, fresh), '');
  await store.dropMetadataIndex('kind');
}

/**
 * A service overwriting 1,000 keys 1,000,000 times with no inspector open: the file and its WAL,
 * sampled as it runs, stay within the bound the format promises.
 */
async function boundedBookkeeping(dir: string) {
  const path = join(dir, 'service.db');
  const store = createSqliteStore({ path });
  const writes = 1_000_000;
  let largest = 0;
  try {
    const timing = await timeAsync(async () => {
      for (let index = 0; index < writes; index++) {
        await store.write({ key: `service/${index % 1_000}`, value: recordValue(index), metadata: { n: index } });
        if (index % 10_000 === 9_999) largest = Math.max(largest, fileBytes(path));
      }
    });
    const changes = (await store.changes(0, 1_000_000)).length;
    console.log(
      `\n1,000,000 single overwrites of 1,000 keys, no inspector open: ${rate(writes, timing.ms)}; ` +
        `file + WAL at most ${(largest / 1_048_576).toFixed(2)} MiB (target < 4 MB); change rows left: ${changes}`,
    );
  } finally {
    await store.close();
  }
}
