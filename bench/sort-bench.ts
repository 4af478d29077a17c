/**
 * Sorting by size, expiry and updated time (docs/benchmarks.md, "Sorting"): what the sort indexes of
 * migration 005 cost a writer, measured on raw better-sqlite3 beside the same schema without them (and
 * beside a stored size column, the alternative not taken), and the first page of every sort, both ways,
 * on a store of `--records` records (default 1M) with sizes, expiries and write times that vary.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatch } from '../electron/api/dispatch.js';
import { FileGrants } from '../electron/api/file-grants.js';
import { createHandlers } from '../electron/api/handlers.js';
import { StoreSession } from '../electron/api/store-session.js';
import type { SortColumn } from '../electron/common/sort-columns.js';
import { createSqliteStore, type InspectorStore } from '../electron/store/index.js';
import type { RecordFilter } from '../electron/store/record-filter.js';
import type { PageQuery } from '../electron/store/record-page.js';
import { MIGRATIONS } from '../electron/store/schema.js';
import { type Database, openDatabase } from '../electron/store/sqlite-driver.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, mix } from './dataset.js';
import { median, millis, rate, timeAsync, timeIt } from './measure.js';

const NS = { database: 'micro', table: 'micro' };
const PAGE = 200;
const PREFILL = 100_000;
const SINGLE_WRITES = 5_000;
const RUNS = 7;
/** Migrations up to format 3, and the sort indexes (the last one) apart. */
const BEFORE_SORT = MIGRATIONS.slice(0, -1);
const SORT_INDEXES = MIGRATIONS.at(-1) ?? '';

/** 10 to 509 bytes (a million of them load in minutes); two in three with an expiry within a day. */
function sizeOf(index: number): number {
  return 10 + (mix(index * 3 + 1) % 500);
}
function lifeOf(index: number): number {
  return index % 3 === 0 ? 0 : 60_000 + (mix(index * 5 + 2) % 86_400_000);
}

interface Variant {
  name: string;
  schema: string;
  /** The stored size column is the writer's to keep. */
  storedSize?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'format 3 (no sort index)', schema: '' },
  { name: '+ size expression index', schema: 'CREATE INDEX by_size ON records (ns, length(value), key);' },
  {
    name: '+ stored size column and its index',
    schema: 'ALTER TABLE records ADD COLUMN size INTEGER; CREATE INDEX by_size ON records (ns, size, key);',
    storedSize: true,
  },
  {
    name: '+ size, updated and one ifnull(expiry) index',
    schema: `CREATE INDEX by_size ON records (ns, length(value), key);
      CREATE INDEX by_updated ON records (ns, updated_at, key);
      CREATE INDEX by_expiry ON records (ns, ifnull(expires_at, 9223372036854775807), key);`,
  },
  { name: '+ migration 4 (shipped: records_expiry widened with the key)', schema: SORT_INDEXES },
  {
    name: '+ every sort index built (after a user sorted by size, updated and expiry)',
    schema: `${SORT_INDEXES}
      CREATE INDEX records_by_size ON records (ns, length(value), key);
      CREATE INDEX records_by_updated ON records (ns, updated_at, key);
      CREATE INDEX records_never_expire ON records (ns, key) WHERE expires_at IS NULL;`,
  },
];

function openVariant(path: string, variant: Variant): Database {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const migration of BEFORE_SORT) db.exec(migration);
  db.exec(variant.schema);
  db.prepare("INSERT INTO namespaces (database, \"table\", created_at) VALUES ('micro', 'micro', 0)").run();
  return db;
}

function writerFor(db: Database, variant: Variant) {
  const columns = variant.storedSize ? ', size' : '';
  const values = variant.storedSize ? ', ?' : '';
  const insert = db.prepare(
    `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at${columns}) VALUES (1, ?, ?, ?, ?, ?${values})`,
  );
  return (index: number, now: number) => {
    const value = Buffer.alloc(sizeOf(index), 120);
    const life = lifeOf(index);
    const params = [keyOf(index), value, JSON.stringify(metadataOf(index)), life === 0 ? null : now + life, now];
    insert.run(...params, ...(variant.storedSize ? [value.length] : []));
  };
}

/**
 * Batched inserts of PREFILL records, then SINGLE_WRITES new keys each in its own transaction, in
 * blocks that alternate between the variants, so checkpoints and the machine's other load fall on
 * each alike.
 */
function writeCosts() {
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-sort-writes-'));
  const files = VARIANTS.map((variant) => {
    const db = openVariant(join(dir, `${variant.name.replace(/\W+/g, '-')}.db`), variant);
    const write = writerFor(db, variant);
    const batch = db.transaction((from: number, to: number) => {
      for (let index = from; index < to; index++) write(index, Date.now());
    });
    return { variant, db, write, batch, batched: 0, single: 0 };
  });
  for (let from = 0; from < PREFILL; from += 10_000) {
    for (const file of files) file.batched += timeIt(() => file.batch.immediate(from, from + 10_000)).ms;
  }
  for (let from = PREFILL; from < PREFILL + SINGLE_WRITES; from += 250) {
    for (const file of files) {
      file.single += timeIt(() => {
        for (let index = from; index < from + 250; index++) file.write(index, Date.now());
      }).ms;
    }
  }
  for (const file of files) file.db.close();
  rmSync(dir, { recursive: true, force: true });
  return files;
}

async function load(store: InspectorStore, records: number) {
  for (let start = 0; start < records; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, records - start) }, (_, offset) => {
      const index = start + offset;
      return {
        key: keyOf(index),
        value: Buffer.alloc(sizeOf(index), 120),
        metadata: metadataOf(index),
        expiry: lifeOf(index),
      };
    });
    await store.writeMany(NS, batch);
  }
  while ((await store.indexKeys(100_000)) > 0);
}

async function pageTime(store: InspectorStore, query: PageQuery) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) times.push((await timeAsync(() => store.page(NS, query))).ms);
  return median(times);
}

/** The cursor of the page at the middle of the order: (sort value, key) read from a page there. */
async function middleCursor(store: InspectorStore, sort: SortColumn, order: 'asc' | 'desc', filter: RecordFilter) {
  let query: PageQuery = { filter, order, sort, limit: 1_000 };
  for (let step = 0; step < 5; step++) {
    const page = await store.page(NS, query);
    if (page.next === null) break;
    query = { ...query, after: page.next, afterSort: page.nextSort ?? null };
  }
  return { after: query.after, afterSort: query.afterSort };
}

/** Runs of each API row: the two ways alternate, so the machine's other load falls on both alike. */
const API_RUNS = 15;

/**
 * The first page of each sort as the app asks for it: `records.page` through the handlers, on the store's
 * threads, beside `store.page` on a connection in this thread (the baseline), in the same run. "Asking each
 * page" is how the handler was before the adapter remembered the sort indexes: every sorted page also sent
 * the writer thread a call asking for its index (not awaited); it alternates with the page as shipped.
 */
async function apiPages(store: InspectorStore, path: string) {
  const session = new StoreSession();
  const grants = new FileGrants();
  const dispatch = createDispatch(createHandlers(session, { grants }));
  const opened = await dispatch('store.open', { file: grants.grant(path, 'store').id, readOnly: false });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const threaded = session.store;
  if (threaded === undefined || !('indexForSort' in threaded)) throw new Error('the store did not open writable');
  let writerCalls = 0;
  const indexForSort = threaded.indexForSort.bind(threaded);
  threaded.indexForSort = (column) => {
    writerCalls++;
    return indexForSort(column);
  };
  const apiPage = async (query: PageQuery) => {
    const answer = await dispatch('records.page', { ...NS, ...query });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  };
  console.log(`\nFirst sorted page of ${PAGE} through the API (records.page, store threads), median of ${API_RUNS}\n`);
  console.log(
    '| sort | records.page (shipped) | writer calls per page | asking each page (before) | writer calls per page | store.page in-thread (baseline) | target |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  try {
    for (const sort of ['size', 'expiry', 'updated'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const query: PageQuery = { filter: {}, order, sort, limit: PAGE };
        // The first page ever sorted by the column is the one that asks for its index: not timed.
        await apiPage(query);
        const shipped = { times: [] as number[], calls: 0 };
        const asking = { times: [] as number[], calls: 0 };
        for (let run = 0; run < API_RUNS; run++) {
          let before = writerCalls;
          shipped.times.push((await timeAsync(() => apiPage(query))).ms);
          shipped.calls += writerCalls - before;
          before = writerCalls;
          const page = timeAsync(() => {
            void threaded.indexForSort(sort).catch(() => {});
            return apiPage(query);
          });
          asking.times.push((await page).ms);
          asking.calls += writerCalls - before;
        }
        const raw = await pageTime(store, query);
        const row = [
          `${sort} ${order}`,
          millis(median(shipped.times)),
          shipped.calls / API_RUNS,
          millis(median(asking.times)),
          asking.calls / API_RUNS,
          millis(raw),
          '< 100 ms',
        ];
        console.log(`| ${row.join(' | ')} |`);
      }
    }
  } finally {
    await session.close();
  }
}

export async function runSortBench(args: BenchArgs): Promise<void> {
  // `--keep`: the loaded store stays in a folder of its own, and the next run with --keep reads it again.
  const kept = join(tmpdir(), `si-bench-sort-${args.records}`);
  const reuse = args.keep && existsSync(join(kept, 'sorted.db'));
  if (args.keep) mkdirSync(kept, { recursive: true });
  const dir = args.keep ? kept : mkdtempSync(join(tmpdir(), 'si-bench-sort-'));
  try {
    console.log(
      `\nSort indexes: write cost (${PREFILL.toLocaleString('en-US')} batched, then ${SINGLE_WRITES} single writes)\n`,
    );
    // `--only pages`: the sorted pages alone; `--only api`: the pages through the API alone.
    const costs = args.only === 'pages' || args.only === 'api' ? [] : writeCosts();
    const base = costs[0];
    console.log('| schema | batched | vs format 3 | single writes | vs format 3 |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const { variant, batched, single } of costs) {
      const vs = (ms: number, baseMs = 0) => (baseMs === 0 ? '' : (baseMs / ms).toFixed(2));
      console.log(
        `| ${variant.name} | ${rate(PREFILL, batched)} | ${vs(batched, base?.batched)} | ${rate(SINGLE_WRITES, single)} | ${vs(single, base?.single)} |`,
      );
    }

    const store = createSqliteStore({ path: join(dir, 'sorted.db') });
    if (reuse) console.log(`\nReading the store kept in ${kept}`);
    else {
      const loaded = await timeAsync(() => load(store, args.records));
      console.log(`\nLoaded ${args.records.toLocaleString('en-US')} records in ${(loaded.ms / 1000).toFixed(1)} s`);
    }
    // What the first sort by each column costs once: the app builds its index behind that first page.
    for (const column of ['size', 'updated', 'expiry'] as const) {
      const built = await timeAsync(() => store.indexForSort(column));
      console.log(`Index for sorting by ${column} built in ${(built.ms / 1000).toFixed(1)} s`);
    }
    console.log(`\nSorted pages of ${PAGE} at ${args.records.toLocaleString('en-US')} records (median of ${RUNS})\n`);
    console.log('| sort | filter | first page | page at the 5,000th record | target |');
    console.log('| --- | --- | --- | --- | --- |');
    const filters: [string, RecordFilter][] = [
      ['none', {}],
      ['prefix order/ (1 in 8)', { prefix: 'order/' }],
      ['prefix job/ff (1 in 2,048)', { prefix: 'job/ff' }],
      ['kind = user (1 in 8)', { metadata: [{ field: 'kind', value: 'user' }] }],
    ];
    for (const [label, filter] of args.only === 'api' ? [] : filters) {
      for (const sort of ['key', 'size', 'expiry', 'updated'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const first = await pageTime(store, { filter, order, sort, limit: PAGE });
          const cursor = await middleCursor(store, sort, order, filter);
          const later = await pageTime(store, { filter, order, sort, limit: PAGE, ...cursor });
          console.log(`| ${sort} ${order} | ${label} | ${millis(first)} | ${millis(later)} | < 100 ms |`);
        }
      }
    }
    await apiPages(store, join(dir, 'sorted.db'));
    await store.close();
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}
