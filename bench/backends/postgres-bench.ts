/**
 * go-micro's Postgres layout at `--records` rows (1M by default): the same reads through PostgresBackend and
 * as the same SQL sent by a plain pg client in the same run, so the ratio is our layer's overhead (shape
 * check, parameters, row mapping). The raw side is a pg.Pool of the same size as ours sending the text unnamed,
 * which is what an app on pg writes (`pool.query(text, values)`); one line sends it on a bare pg.Client too.
 * Also what one live-view poll costs. The schema is made fresh with go-micro's DDL, filled in one
 * INSERT … SELECT generate_series (indexes built after the fill, which is faster and leaves the same table),
 * analysed as autovacuum would, and dropped after.
 *
 *   npm run bench -- backends --only postgres            every part
 *   npm run bench -- backends --only postgres:pages      one part: pages, collated or sort
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { ESTIMATE_SQL } from '../../electron/backends/postgres/pg-estimate.js';
import { createTableStatements, type PgTable, qualified } from '../../electron/backends/postgres/pg-names.js';
import { PostgresBackend } from '../../electron/backends/postgres/postgres-backend.js';
import type { PageQuery } from '../../electron/store/record-page.js';
import type { BenchArgs } from '../bench-args.js';
import { millis, timeAsync } from '../measure.js';
import { type PairedLine, type PairedRuns, pairedRuns, printPaired, spread } from './paired-runs.js';

const URL_TEXT = process.env.STORE_INSPECTOR_PG_URL ?? 'postgresql://root@127.0.0.1:5432/test?sslmode=disable';
/** Pages take a few ms on 2 shared cores, where one run's noise is as large: 41-401 alternating runs each. */
const RUNS: PairedRuns = { runs: 41, maxRuns: 401, budgetMs: 4_000, slowRuns: 5, slowFromMs: 200 };
const LIMIT = 100;
const KINDS = ['user', 'order', 'session', 'cart', 'flag', 'invoice', 'device', 'job'];

/** Keys `kind/<8 hex>-<n>`, 100-byte JSON values, metadata {kind, v}; every 20th row expired, every 20th + 1 with a TTL. */
const FILL = `
  INSERT INTO %t (key, value, metadata, expiry)
  SELECT kind || '/' || substr(md5(i::text), 1, 8) || '-' || i,
    convert_to(rpad('{"id":' || i || ',"name":"record ' || i || '","padding":"', 98, 'x') || '"}', 'UTF8'),
    jsonb_build_object('kind', kind, 'v', i % 10),
    CASE WHEN i % 20 = 0 THEN now() - interval '1 hour' WHEN i % 20 = 1 THEN now() + interval '1 day' END
  FROM (SELECT i, (ARRAY['${KINDS.join("','")}'])[i % 8 + 1] AS kind FROM generate_series(0, $1::int - 1) AS i) AS rows`;

export async function runPostgresBench(args: BenchArgs): Promise<void> {
  const target = serverTarget();
  const raw = new pg.Client({ connectionString: target.secretUrl });
  await raw.connect();
  // The baseline: what an app on pg writes, a pool (of ours's size) and an unnamed query (module comment).
  const rawPool = new pg.Pool({ connectionString: target.secretUrl, max: 4 });
  const table: PgTable = { schema: `si_bench_${randomBytes(4).toString('hex')}`, table: 'micro' };
  const lines: PairedLine[] = [];
  let backend: PostgresBackend | undefined;
  try {
    const filled = await timeAsync(() => fill(raw, table, args.records));
    console.log(`filled ${qualified(table)} with ${args.records.toLocaleString('en-US')} rows in ${millis(filled.ms)}`);
    backend = new PostgresBackend(target);
    // `--only postgres:sort`: the sorted pages alone (docs/benchmarks.md, "Sorting"); backends-bench.ts passes the part.
    const runs = (part: string) => args.only === undefined || args.only === part;
    if (runs('pages')) lines.push(...(await readingLines(backend, raw, rawPool, table)));
    if (runs('pages')) lines.push(...(await pollLines(backend, raw, rawPool, table)));
    if (runs('collated')) lines.push(...(await collatedLines(backend, raw, rawPool, table)));
    if (runs('sort')) lines.push(...(await sortLines(backend, rawPool, table)));
  } finally {
    await backend?.close();
    await rawPool.end();
    if (args.keep) console.log(`kept schema ${table.schema}`);
    else await raw.query(`DROP SCHEMA IF EXISTS "${table.schema}" CASCADE`);
    await raw.end();
  }
  printPaired(
    `Postgres (go-micro layout), ${args.records.toLocaleString('en-US')} rows, ${RUNS.runs}-${RUNS.maxRuns} runs a side alternating (${RUNS.slowRuns} for lines over ${RUNS.slowFromMs} ms)`,
    { ours: 'PostgresBackend', raw: 'raw pg pool' },
    lines,
  );
}

function serverTarget(): ServerTarget {
  const target = parseConnectionString(URL_TEXT, process.env);
  if (target.kind !== 'postgres') throw new Error(`STORE_INSPECTOR_PG_URL must be a postgres:// URL, got ${URL_TEXT}`);
  return target;
}

/** go-micro's own statements, the two indexes after the rows. */
async function fill(raw: pg.Client, table: PgTable, records: number): Promise<void> {
  const [schema, create, ...indexes] = createTableStatements(table);
  for (const statement of [schema, create]) if (statement !== undefined) await raw.query(statement);
  await raw.query(FILL.replace('%t', qualified(table)), [records]);
  for (const statement of indexes) await raw.query(statement);
  // VACUUM too, as autovacuum would soon after a million inserts: else it runs during the first lines.
  await raw.query(`VACUUM ANALYZE ${qualified(table)}`);
  // And write the fill's dirty pages out now: the checkpointer flushing ~250 MB slowed the first lines 2-5x.
  await raw
    .query('CHECKPOINT')
    .catch(() => console.log('  (CHECKPOINT needs a superuser: the first lines may be slowed)'));
}

/** What PostgresBackend sends for a page (pg-reading.ts, pg-filter.ts), written out by hand. */
function rawPage(table: PgTable, where: string, order = 'key'): string {
  // The limit as a literal, as pg-prepared.ts sends it.
  return `SELECT key, octet_length(value) AS size, substring(value FROM 1 FOR 256) AS head, metadata, expiry,
      xmin::text AS revision FROM ${qualified(table)}
    WHERE (expiry IS NULL OR expiry >= $1) ${where} ORDER BY ${order} LIMIT ${LIMIT + 1}`;
}

async function readingLines(
  backend: PostgresBackend,
  raw: pg.Client,
  rawPool: pg.Pool,
  table: PgTable,
): Promise<PairedLine[]> {
  const ns = { database: table.schema, table: table.table };
  const { middle, page, sql } = await pageCalls(backend, rawPool, table, 'key');
  const metadata = `AND (metadata @> jsonb_build_object('kind'::text, '"user"'::jsonb) OR metadata @> jsonb_build_object('kind'::text, '"user"'::jsonb))`;
  await page({})(); // the shape check, once per table, is not a page's cost
  const first = rawPage(table, '');
  return [
    await compare('first page of 100', page({}), sql(first), '< 50 ms'),
    await compare(
      'first page of 100, raw as a named statement',
      page({}),
      async () => {
        await rawPool.query({ name: 'bench_first', text: first, values: [new Date()] });
      },
      '< 50 ms',
      'raw prepared once per pooled connection and reused, as ours is (pg-prepared.ts)',
    ),
    await compare(
      'first page of 100, raw on a bare pg.Client',
      page({}),
      async () => {
        await raw.query(first, [new Date()]);
      },
      '< 50 ms',
      'raw without a pool: no checkout',
    ),
    await compare(
      'first page of 100, descending',
      page({ order: 'desc' }),
      sql(rawPage(table, '', 'key DESC')),
      '< 50 ms',
    ),
    await compare(
      'prefix page "order/" (1/8 of rows)',
      page({ filter: { prefix: 'order/' } }),
      sql(rawPage(table, 'AND key >= $2 AND key < $3'), 'order/', 'order0'),
      '< 100 ms',
    ),
    await compare(
      'prefix page "job/ff" (1/2048 of rows)',
      page({ filter: { prefix: 'job/ff' } }),
      sql(rawPage(table, 'AND key >= $2 AND key < $3'), 'job/ff', 'job/fg'),
      '< 100 ms',
    ),
    await compare(
      'metadata kind=user page (1/8 of rows)',
      page({ filter: { metadata: [{ field: 'kind', value: 'user' }] } }),
      sql(rawPage(table, metadata)),
      '< 100 ms',
      'raw: one statement; the planner walks the key index past 7/8 of the rows',
    ),
    await compare(
      'metadata v=3 page on prefix "cart/" (1/80)',
      page({ filter: { prefix: 'cart/', metadata: [{ field: 'v', value: '3' }] } }),
      sql(
        rawPage(
          table,
          `AND key >= $2 AND key < $3 AND (metadata @> jsonb_build_object('v'::text, '3'::jsonb) OR metadata @> jsonb_build_object('v'::text, '"3"'::jsonb))`,
        ),
        'cart/',
        'cart0',
      ),
      '< 100 ms',
    ),
    await compare(
      'middle keyset page (after the median key)',
      page({ after: middle }),
      sql(rawPage(table, 'AND key > $2'), middle),
      '< 50 ms',
    ),
    await compare(
      'count live rows (exact)',
      () => backend.reading.count(ns, {}).then(() => undefined),
      sql(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${qualified(table)} WHERE (expiry IS NULL OR expiry >= $1)) AS m`,
      ),
    ),
    await compare(
      'count, prefix "order/" (exact)',
      () => backend.reading.count(ns, { prefix: 'order/' }).then(() => undefined),
      sql(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${qualified(table)} WHERE key >= $2 AND key < $3 AND (expiry IS NULL OR expiry >= $1)) AS m`,
        'order/',
        'order0',
      ),
    ),
    await compare(
      'estimated count (catalog)',
      async () => {
        await backend.reading.estimatedCount?.(ns);
      },
      async () => {
        await rawPool.query(ESTIMATE_SQL, [qualified(table)]);
      },
    ),
  ];
}

/**
 * The same rows in a table whose key sorts by a language collation (as on a database created with
 * en_US.UTF-8 or ICU): pages compare `key COLLATE "C"`, which go-micro's key index cannot answer, so each page
 * sorts every live row; then with the paging index the app offers (`editing.indexForPaging`).
 */
async function collatedLines(
  backend: PostgresBackend,
  raw: pg.Client,
  rawPool: pg.Pool,
  source: PgTable,
): Promise<PairedLine[]> {
  const table: PgTable = { schema: source.schema, table: 'collated' };
  const ns = { database: table.schema, table: table.table };
  const [, create, ...indexes] = createTableStatements(table);
  await raw.query((create ?? '').replace('key text NOT NULL', 'key text COLLATE "en-US-x-icu" NOT NULL'));
  const copied = await timeAsync(() => raw.query(`INSERT INTO ${qualified(table)} SELECT * FROM ${qualified(source)}`));
  for (const statement of indexes) await raw.query(statement);
  await raw.query(`VACUUM ANALYZE ${qualified(table)}`);
  console.log(`  copied into ${qualified(table)} (key COLLATE "en-US-x-icu") in ${millis(copied.ms)}`);
  const { middle, page, sql } = await pageCalls(backend, rawPool, table, 'key COLLATE "C"');
  const C = 'key COLLATE "C"';
  const measure = async (label: string) => [
    await compare(`collated: first page of 100, ${label}`, page({}), sql(rawPage(table, '', C)), '< 50 ms'),
    await compare(
      `collated: prefix page "job/ff", ${label}`,
      page({ filter: { prefix: 'job/ff' } }),
      sql(rawPage(table, `AND ${C} >= $2 AND ${C} < $3`, C), 'job/ff', 'job/fg'),
      '< 100 ms',
    ),
    await compare(
      `collated: middle keyset page, ${label}`,
      page({ after: middle }),
      sql(rawPage(table, `AND ${C} > $2`, C), middle),
      '< 50 ms',
    ),
  ];
  const lines = await measure('no index');
  const plan = await backend.reading.pagingIndex?.(ns);
  const built = await timeAsync(async () => backend.editing.indexForPaging?.(ns));
  console.log(`  ${plan?.statement ?? '(no statement)'}: ${millis(built.ms)}`);
  await raw.query(`ANALYZE ${qualified(table)}`);
  lines.push(...(await measure('with the paging index')));
  return lines;
}

/** The median key in byte order, and a page through the backend or as raw SQL (`$1` the client's now). */
async function pageCalls(backend: PostgresBackend, raw: pg.Pool, table: PgTable, keyOrder: string) {
  const ns = { database: table.schema, table: table.table };
  const { rows } = await raw.query<{ key: string }>(
    `SELECT key FROM ${qualified(table)} ORDER BY ${keyOrder} OFFSET (SELECT count(*) / 2 FROM ${qualified(table)}) LIMIT 1`,
  );
  return {
    middle: rows[0]?.key ?? '',
    page: (query: Partial<PageQuery>) => async () => {
      const result = await backend.reading.page(ns, { filter: {}, order: 'asc', limit: LIMIT, ...query });
      if (result.records.length === 0) throw new Error(`empty page for ${JSON.stringify(query)}`);
    },
    sql:
      (text: string, ...params: unknown[]) =>
      async () => {
        await raw.query(text, [new Date(), ...params]);
      },
  };
}

const SIZE_SORT = 'octet_length(value)';
const EXPIRY_SORT = 'coalesce(floor(extract(epoch FROM expiry) * 1000)::bigint, 9223372036854775807)';

/**
 * First pages sorted by size and by expiry (pg-sorted-page.ts): go-micro's table has no index for either, so
 * each is a top-N sort of every live row; then again with the expression index a user could add.
 */
async function sortLines(backend: PostgresBackend, raw: pg.Pool, table: PgTable): Promise<PairedLine[]> {
  const ns = { database: table.schema, table: table.table };
  const lines: PairedLine[] = [];
  const measure = async (label: string) => {
    for (const [sort, expression] of [
      ['size', SIZE_SORT],
      ['expiry', EXPIRY_SORT],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const way = order.toUpperCase();
        lines.push(
          await compare(
            `first page sorted by ${sort} ${order}, ${label}`,
            async () => {
              await backend.reading.page(ns, { filter: {}, order, sort, limit: LIMIT });
            },
            async () => {
              await raw.query(rawPage(table, '', `${expression} ${way}, key ${way}`), [new Date()]);
            },
            '< 100 ms',
          ),
        );
      }
    }
  };
  await measure('no index');
  // On the key expression the backend orders by (`key` on a C-collation database, as here: pg-key-order.ts).
  // Only size: the expiry sort's expression (whole ms, for the cursor) uses extract(epoch …), which Postgres
  // refuses in an index (not IMMUTABLE), so that sort stays a top-N sort.
  for (const [name, expression] of [['si_size', SIZE_SORT]]) {
    const built = await timeAsync(() =>
      raw.query(`CREATE INDEX ${name} ON ${qualified(table)} ((${expression}), key)`),
    );
    console.log(`  CREATE INDEX on (${expression}, key): ${millis(built.ms)}`);
  }
  await raw.query(`ANALYZE ${qualified(table)}`);
  await measure('with the size expression index');
  return lines;
}

/**
 * A live-view poll with nothing written anywhere (the snapshot alone), and one after another client wrote
 * (the table scan). Rows and buffers the scan reads come from EXPLAIN (ANALYZE, BUFFERS).
 */
async function pollLines(
  backend: PostgresBackend,
  raw: pg.Client,
  rawPool: pg.Pool,
  table: PgTable,
): Promise<PairedLine[]> {
  const ns = { database: table.schema, table: table.table };
  const fingerprint = `SELECT count(*)::text AS n, sum(xmin::text::int8)::text AS xmins FROM ${qualified(table)}`;
  await backend.watching.changeToken(ns);
  const idle = await compare(
    'live poll, nothing written (snapshot only)',
    () => backend.watching.changeToken(ns).then(() => undefined),
    async () => {
      await rawPool.query('SELECT pg_current_snapshot()::text');
    },
  );
  const ours: number[] = [];
  let missed = 0;
  for (let run = 0; run < 3; run++) {
    const before = await backend.watching.changeToken(ns);
    await raw.query(
      `UPDATE ${qualified(table)} SET value = value WHERE key = (SELECT min(key) FROM ${qualified(table)})`,
    );
    // Past the scan spacing (5 x the last scan), so the poll scans as it would a second after the write.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const polled = await timeAsync(() => backend.watching.changeToken(ns));
    ours.push(polled.ms);
    if (polled.result === before) missed++;
  }
  const rawScan: number[] = [];
  for (let run = 0; run < 3; run++) rawScan.push((await timeAsync(() => rawPool.query(fingerprint))).ms);
  const { rows } = await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${fingerprint}`);
  const plan = rows.map((row) => row['QUERY PLAN']);
  const scan = plan.find((line) => line.includes('Seq Scan'))?.match(/rows=(\d+) loops=(\d+)/);
  const scanned =
    scan === undefined || scan === null ? '?' : (Number(scan[1]) * Number(scan[2])).toLocaleString('en-US');
  const pages = plan.find((line) => line.includes('Buffers:'))?.match(/Buffers: shared (.*)/)?.[1] ?? '?';
  return [
    idle,
    {
      work: 'live poll after another client wrote (table scan)',
      runs: ours.length,
      ours: spread(ours),
      raw: spread(rawScan),
      load: loadavg()[0] ?? 0,
      note: `reads ${scanned} rows (${pages} pages of 8 kB)${missed > 0 ? `; token missed ${missed}/3 writes` : ''}`,
    },
  ];
}

function compare(
  work: string,
  ours: () => Promise<void>,
  raw: () => Promise<void>,
  target?: string,
  note?: string,
): Promise<PairedLine> {
  return pairedRuns(work, ours, raw, RUNS, { target, note });
}
