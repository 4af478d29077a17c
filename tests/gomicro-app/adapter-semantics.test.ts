/**
 * The go-micro adapter against the SQLite store, on the same records at the same instant: every filter the
 * inspector has (prefix, suffix, contains, metadata field=value with its JSON-text rule, expiry states,
 * expiring within), both orders, keyset cursors and page sizes give the same keys, counts and flags.
 * The SQLite store is the reference: its semantics are the inspector's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoMicroInspector, type GoMicroInspector } from '../../electron/gomicro/gomicro-inspector.js';
import { createSqliteStore, type InspectorStore } from '../../electron/store/index.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import type { RecordSummary } from '../../electron/store/record-page.js';
import { goMicroValue, writeBbolt } from '../gomicro/bbolt-writer.js';
import { makeTempDir, removeDir } from '../helpers/files.js';

const NOW = Date.parse('2030-01-01T00:00:00.000Z');
const NS = { database: 'app', table: 'things' };
const HOUR = 3_600_000;

interface Spec {
  key: string;
  value: string;
  metadata?: Record<string, unknown>;
  /** ms since the epoch; absent: never. */
  expiresAt?: number;
}

/** Keys across byte-order corners (unicode, a prefix of another key) and metadata of every JSON kind. */
function specs(): Spec[] {
  const metadata: Record<string, unknown>[] = [
    { n: 3 },
    { n: '3' },
    { n: 3.5, flag: true },
    { flag: false, nil: null },
    { s: 'abc', obj: { a: 1 } },
    { list: [1, 'two', null] },
    // Typed object or array text finds these strings (never an object: that is the SQLite store's rule too).
    { obj: '{"a":1}', list: '[1,"two",null]' },
    { n: 30, s: 'abc' },
    {},
  ];
  const expiries = [undefined, NOW - HOUR, NOW + HOUR, NOW + 5 * HOUR, NOW - 1, NOW + 1, undefined];
  const keys = ['user/1', 'user/10', 'user/2', 'user/ü', 'user/😀', 'users', 'order/1', 'order/2/x', 'zz', 'a'];
  const out: Spec[] = [];
  for (let i = 0; i < 60; i++) {
    const base = keys[i % keys.length] as string;
    const key = i < keys.length ? base : `${base}/${String(i).padStart(3, '0')}`;
    const expiresAt = expiries[i % expiries.length];
    out.push({
      key,
      value: `value ${i}`,
      metadata: metadata[i % metadata.length],
      ...(expiresAt ? { expiresAt } : {}),
    });
  }
  return out;
}

let dir: string;
let gomicro: GoMicroInspector;
let sqlite: InspectorStore;

beforeAll(async () => {
  dir = makeTempDir('si-gomicro-semantics-');
  const records = specs();
  const entries = records.map((spec) => {
    const expiresAt = spec.expiresAt === undefined ? undefined : new Date(spec.expiresAt).toISOString();
    return [spec.key, goMicroValue({ key: spec.key, value: spec.value, metadata: spec.metadata, expiresAt })] as const;
  });
  mkdirSync(join(dir, NS.database));
  // Small pages, so the walks cross many leaves and branches both ways.
  const file = writeBbolt({ data: { entries } }, { maxLeafElements: 3, maxBranchElements: 3 });
  writeFileSync(join(dir, NS.database, `${NS.table}.db`), file.bytes);
  gomicro = createGoMicroInspector({ path: dir, now: () => NOW });
  await gomicro.init();
  sqlite = createSqliteStore({ now: () => NOW });
  await sqlite.init();
  await sqlite.writeMany(
    NS,
    records.map((spec) => ({
      key: spec.key,
      value: spec.value,
      metadata: spec.metadata ?? {},
      expiry: spec.expiresAt === undefined ? 0 : spec.expiresAt - NOW,
    })),
  );
});

afterAll(async () => {
  await gomicro.close();
  await sqlite.close();
  removeDir(dir);
});

const FILTERS: RecordFilter[] = [
  {},
  { expiry: 'all' },
  { expiry: 'expired' },
  { expiry: 'no-ttl' },
  { expiry: 'has-ttl' },
  { expiry: 'live', expiringWithinMs: 2 * HOUR },
  { expiry: 'has-ttl', expiringWithinMs: HOUR },
  { expiry: 'all', expiringWithinMs: HOUR },
  { prefix: 'user/' },
  { prefix: 'user/1' },
  { prefix: 'user/😀', expiry: 'all' },
  { prefix: 'nothing' },
  { suffix: '0' },
  { suffix: '/ü', expiry: 'all' },
  { contains: 'er/', expiry: 'expired' },
  { contains: '😀' },
  { metadata: [{ field: 'n', value: '3' }] },
  { metadata: [{ field: 'n', value: '"3"' }] },
  { metadata: [{ field: 'n', value: '3.5' }], expiry: 'all' },
  { metadata: [{ field: 'flag', value: 'true' }], expiry: 'all' },
  { metadata: [{ field: 'flag', value: 'false' }], expiry: 'all' },
  { metadata: [{ field: 'nil', value: 'null' }], expiry: 'all' },
  { metadata: [{ field: 's', value: 'abc' }] },
  { metadata: [{ field: 'obj', value: '{"a":1}' }], expiry: 'all' },
  { metadata: [{ field: 'list', value: '[1,"two",null]' }], expiry: 'all' },
  { metadata: [{ field: 'missing', value: '' }], expiry: 'all' },
  {
    prefix: 'user/',
    metadata: [
      { field: 'n', value: '30' },
      { field: 's', value: 'abc' },
    ],
    expiry: 'all',
  },
  { prefix: 'order/', suffix: '6', contains: 'r/', expiry: 'has-ttl', expiringWithinMs: 6 * HOUR },
];

type Row = Pick<RecordSummary, 'key' | 'size' | 'metadata' | 'expiresAt' | 'expired'> & { preview: string };

const row = (summary: RecordSummary): Row => ({
  key: summary.key,
  size: summary.size,
  preview: Buffer.from(summary.preview).toString('utf8'),
  metadata: summary.metadata,
  expiresAt: summary.expired ? null : summary.expiresAt,
  expired: summary.expired,
});

async function pages(
  store: GoMicroInspector | InspectorStore,
  filter: RecordFilter,
  order: 'asc' | 'desc',
  limit: number,
) {
  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.page(NS, { filter, order, limit, ...(after === undefined ? {} : { after }) });
    rows.push(...page.records.map(row));
    if (page.next === null) return rows;
    after = page.next;
  }
}

describe('the adapter answers as the SQLite store does', () => {
  it.each(FILTERS.map((filter) => [JSON.stringify(filter), filter] as const))(
    'filter %s: same rows both ways at page sizes 1, 4 and 1000, same count',
    async (_name, filter) => {
      const reference = await pages(sqlite, filter, 'asc', 1000);
      for (const order of ['asc', 'desc'] as const) {
        const want = order === 'asc' ? reference : [...reference].reverse();
        for (const limit of [1, 4, 1000]) expect(await pages(gomicro, filter, order, limit)).toEqual(want);
      }
      expect(await gomicro.count(NS, filter)).toBe(await sqlite.count(NS, filter));
    },
  );

  it('the filters between them select something, so the comparisons above are not all empty', async () => {
    const unselective: string[] = [];
    for (const filter of FILTERS) {
      const count = await sqlite.count(NS, filter);
      if (count === 0 || count === 60) unselective.push(JSON.stringify(filter));
    }
    expect(unselective).toEqual([
      '{"expiry":"all"}',
      '{"prefix":"nothing"}',
      '{"metadata":[{"field":"missing","value":""}],"expiry":"all"}',
    ]);
  });

  it('keyset cursors that are not keys, or lie outside the prefix, page as in SQLite', async () => {
    for (const after of ['', 'user/', 'user/1~', 'user/😀/zzz', 'zzzz', '\u{10FFFF}', 'order/']) {
      for (const order of ['asc', 'desc'] as const) {
        for (const filter of [{}, { prefix: 'user/' }, { prefix: 'user/', expiry: 'all' as const }]) {
          const query = { filter, order, limit: 5, after };
          const [want, got] = [await sqlite.page(NS, query), await gomicro.page(NS, query)];
          expect(got.records.map(row), `${order} after ${after} ${JSON.stringify(filter)}`).toEqual(
            want.records.map(row),
          );
          expect(got.next).toBe(want.next);
        }
      }
    }
  });

  it('recordBatch and recordsByKey (what export reads) give the same records', async () => {
    for (const filter of [{}, { prefix: 'user/' }, { metadata: [{ field: 's', value: 'abc' }] }]) {
      for (const after of [undefined, 'order/2/x']) {
        expect(await gomicro.recordBatch(NS, filter, after, 7)).toEqual(await sqlite.recordBatch(NS, filter, after, 7));
      }
    }
    const keys = ['zz', 'user/1', 'missing', 'user/1', 'a', 'user/10'];
    expect(await gomicro.recordsByKey(NS, keys)).toEqual(await sqlite.recordsByKey(NS, keys));
  });

  it('inspect shows expired records too; readValue slices; both say not found alike', async () => {
    for (const spec of specs()) {
      const [got, want] = [await gomicro.inspect(NS, spec.key, 3), await sqlite.inspect(NS, spec.key, 3)];
      expect({ ...got, revision: '', updatedAt: 0, expiresAt: got.expired ? null : got.expiresAt }).toEqual({
        ...want,
        value: Buffer.from(want.value),
        revision: '',
        updatedAt: 0,
        expiresAt: want.expired ? null : want.expiresAt,
      });
      expect(Buffer.from(await gomicro.readValue(NS, spec.key, 2, 3))).toEqual(
        Buffer.from(await sqlite.readValue(NS, spec.key, 2, 3)),
      );
    }
    await expect(gomicro.inspect(NS, 'missing', 10)).rejects.toThrow('not found');
    await expect(gomicro.readValue(NS, 'missing', 0, 1)).rejects.toThrow('not found');
    await expect(gomicro.inspect(NS, 'a', -1)).rejects.toThrow('maxBytes');
  });

  it('page sizes outside 1..1000 are refused as the SQLite store refuses them', async () => {
    for (const limit of [0, 1001, 1.5]) {
      await expect(gomicro.page(NS, { filter: {}, order: 'asc', limit })).rejects.toThrow('page size');
    }
  });

  it('databases() has the SQLite store shape and counts', async () => {
    expect(await gomicro.databases()).toEqual(await sqlite.databases());
  });

  it('countPrefixes (the key tree) gives the same counts under every filter, including none', async () => {
    const prefixes = ['user/', 'user/1', 'order/', 'order/2/', 'z', 'nothing/', 'user/😀'];
    for (const filter of FILTERS) {
      expect(await gomicro.countPrefixes(NS, prefixes, filter)).toEqual(
        await sqlite.countPrefixes(NS, prefixes, filter),
      );
    }
    const one = await Promise.all(prefixes.map((prefix) => gomicro.count(NS, { prefix })));
    expect(await gomicro.countPrefixes(NS, prefixes, {})).toEqual(one);
    expect(one.filter((count) => count > 0)).toHaveLength(6);
    expect(await gomicro.countPrefixes({ database: 'app', table: 'none' }, prefixes, {})).toEqual(
      prefixes.map(() => 0),
    );
  });
});
