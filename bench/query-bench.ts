import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMetadataQuery } from '../electron/common/metadata-query.js';
import { createSqliteStore, type InspectorStore, type RecordFilter } from '../electron/store/index.js';
import type { Database } from '../electron/store/sqlite-driver.js';
import type { BenchArgs } from './bench-args.js';
import { keyOf, metadataOf, recordValue } from './dataset.js';
import { median, millis, printTable, type Row, timeAsync, timeIt } from './measure.js';
import { openPlain, PLAIN_UPSERT } from './raw-store.js';

/**
 * Metadata queries (docs/metadata-queries.md) at scale: first page of 100 and count for a nested equality, a
 * numeric comparison and an existence test, beside the plain table's SQL for the same question.
 */

const NS = { database: 'micro', table: 'micro' };
const BATCH = 10_000;
const TEAMS = ['auth', 'billing', 'search', 'mail', 'infra'];
const RUNS = 5;

function queryMetadata(index: number): Record<string, unknown> {
  const base = { ...metadataOf(index), owner: { team: TEAMS[index % TEAMS.length] } };
  return index % 20 === 3 ? { ...base, tier: 'gold' } : base;
}

/** The plain table's SQL for each query: what a program would write by hand. */
const QUERIES: { text: string; raw: string }[] = [
  { text: 'owner.team=auth', raw: `metadata -> '$.owner.team' = '"auth"'` },
  { text: 'v>3', raw: "json_type(metadata, '$.v') IN ('integer', 'real') AND metadata ->> '$.v' > 3" },
  { text: 'tier?', raw: "json_type(metadata, '$.tier') IS NOT NULL" },
  { text: 'kind=job', raw: `metadata ->> '$.kind' = 'job'` },
];

async function load(store: InspectorStore, plain: Database, records: number): Promise<void> {
  const upsert = plain.prepare(PLAIN_UPSERT);
  const plainBatch = plain.transaction((batch: { key: string; value: Buffer; metadata: unknown }[]) => {
    for (const record of batch) upsert.run(record.key, record.value, JSON.stringify(record.metadata), null);
  });
  for (let start = 0; start < records; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, records - start) }, (_, offset) => ({
      key: keyOf(start + offset),
      value: recordValue(start + offset),
      metadata: queryMetadata(start + offset),
    }));
    plainBatch.immediate(batch);
    await store.writeMany(NS, batch);
  }
  while ((await store.indexKeys(100_000)) > 0);
}

function filterOf(text: string): RecordFilter {
  const parsed = parseMetadataQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { metadata: parsed.conditions };
}

async function rowsFor(store: InspectorStore, plain: Database, text: string, raw: string, label = text) {
  const filter = filterOf(text);
  const rawPage = plain.prepare(`SELECT key, length(value), metadata FROM kv WHERE ${raw} ORDER BY key LIMIT 100`);
  const rawCount = plain.prepare(`SELECT count(*) FROM kv WHERE ${raw}`).pluck();
  const page: number[] = [];
  const rawPageMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    page.push((await timeAsync(() => store.page(NS, { filter, order: 'asc', limit: 100 }))).ms);
    rawPageMs.push(timeIt(() => rawPage.all()).ms);
  }
  const counted = await timeAsync(() => store.count(NS, filter));
  const rawCounted = timeIt(() => rawCount.get());
  const ratio = (ours: number, theirs: number) => (theirs / ours).toFixed(2);
  return [
    row(`${label}: first page of 100`, median(page), median(rawPageMs), ratio, '< 50 ms'),
    row(`${label}: count (${counted.result.toLocaleString('en-US')})`, counted.ms, rawCounted.ms, ratio, '< 500 ms'),
  ];
}

function row(work: string, ours: number, raw: number, ratio: (a: number, b: number) => string, target: string): Row {
  return { work, ours: millis(ours), raw: millis(raw), ratio: ratio(ours, raw), target };
}

export async function runQueryBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-query-bench-'));
  const store = createSqliteStore({ path: join(dir, 'store.db') });
  const plain = openPlain(join(dir, 'plain.db'));
  try {
    await store.init();
    const loaded = await timeAsync(() => load(store, plain, args.records));
    console.log(`loaded ${args.records.toLocaleString('en-US')} records into both in ${millis(loaded.ms)}`);
    const rows: Row[] = [];
    for (const { text, raw } of QUERIES) rows.push(...(await rowsFor(store, plain, text, raw)));
    await store.indexMetadata('kind');
    plain.exec(`CREATE INDEX kv_kind ON kv (metadata ->> '$.kind', key)`);
    const kind = QUERIES[3] ?? { text: 'kind=job', raw: '' };
    rows.push(...(await rowsFor(store, plain, kind.text, kind.raw, 'kind=job, both indexed')));
    printTable(`metadata queries (${args.records.toLocaleString('en-US')} records; ratio = raw / Store)`, rows);
  } finally {
    await store.close();
    plain.close();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}
