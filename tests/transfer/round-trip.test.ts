/**
 * A store with several databases and tables (an empty one made with createTable, names with '/', quotes and
 * unicode) exported as a store dump and imported into an empty store gives the same databases, tables,
 * records, metadata and expiry (within the time that passed between the export and the import).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InspectorStore, RecordInput } from '../../electron/store/index.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import { runInProcess } from '../helpers/cli.js';
import { exportFile, importFile, openStore, seed, workspace } from './helpers.js';

const NAMESPACES = {
  micro: { database: 'micro', table: 'micro' },
  slashes: { database: 'shop/eu', table: 'orders/2024' },
  quotes: { database: 'say "hi"', table: "it's \\ here" },
  unicode: { database: 'ünïcødé 数据', table: '表/😀' },
  emptyInShop: { database: 'shop/eu', table: 'empty "table"' },
  emptyAlone: { database: 'nothing-here', table: 'empty/😶' },
} satisfies Record<string, Namespace>;

function recordsFor(tag: string): RecordInput[] {
  return [
    { key: 'same/key', value: `in ${tag}` },
    { key: 'bin', value: Buffer.from([0, 0, 1, 255, 0]), metadata: { kind: 'binary' } },
    { key: 'empty', value: Buffer.alloc(0) },
    {
      key: 'meta/nested',
      value: '{}',
      metadata: { a: { b: [1, 'two', null, true, { c: -0.5 }] }, big: 2 ** 53, tag: '<&>' },
    },
    { key: 'ttl/hour', value: 'soon', expiry: 3_600_000 },
    { key: 'ttl/year', value: 'later', metadata: { n: 1 }, expiry: 365 * 24 * 3_600_000 },
    { key: 'ключ/😀\u2028\t"', value: 'unicode key' },
    ...Array.from({ length: 1_200 }, (_, i) => ({ key: `many/${String(i).padStart(5, '0')}`, value: `${tag} ${i}` })),
  ];
}

async function buildStore(path: string): Promise<void> {
  await seed(path, [
    { namespace: NAMESPACES.micro, records: recordsFor('micro') },
    { namespace: NAMESPACES.slashes, records: recordsFor('slashes') },
    { namespace: NAMESPACES.quotes, records: recordsFor('quotes').slice(0, 7) },
    { namespace: NAMESPACES.unicode, records: recordsFor('unicode') },
    { namespace: NAMESPACES.emptyInShop, records: [] },
    { namespace: NAMESPACES.emptyAlone, records: [] },
  ]);
  // An expired record is not exported (it would not be "the same records" a user sees).
  await seed(
    path,
    [{ namespace: NAMESPACES.micro, records: [{ key: 'gone', value: 'expired', expiry: 1 }] }],
    () => Date.now() - 60_000,
  );
}

interface Row {
  key: string;
  value: string;
  metadata: Record<string, unknown>;
  expiresAt: number | null;
}

/** Every live record of every table, with its absolute expiry time. */
async function contents(store: InspectorStore): Promise<Map<string, Row[]>> {
  const result = new Map<string, Row[]>();
  for (const { database, tables } of await store.databases()) {
    for (const { table } of tables) {
      const namespace = { database, table };
      const rows: Row[] = [];
      for (const record of await store.recordBatch(namespace, {}, undefined, 100_000)) {
        const detail = await store.inspect(namespace, record.key, 1 << 20);
        rows.push({
          key: record.key,
          value: Buffer.from(record.value).toString('hex'),
          metadata: record.metadata,
          expiresAt: detail.expiresAt,
        });
      }
      result.set(JSON.stringify(namespace), rows);
    }
  }
  return result;
}

function expectSameContents(restored: Map<string, Row[]>, original: Map<string, Row[]>, passedMs: number) {
  expect([...restored.keys()]).toEqual([...original.keys()]);
  for (const [namespace, rows] of original) {
    const got = restored.get(namespace) ?? [];
    expect(got.map((row) => row.key)).toEqual(rows.map((row) => row.key));
    rows.forEach((row, index) => {
      const back = got[index];
      expect(back?.value).toBe(row.value);
      expect(back?.metadata).toStrictEqual(row.metadata);
      if (row.expiresAt === null) expect(back?.expiresAt).toBeNull();
      else {
        // The time left is carried over: the restored record expires later by at most the time that passed.
        expect(back?.expiresAt).toBeGreaterThanOrEqual(row.expiresAt);
        expect(back?.expiresAt).toBeLessThanOrEqual(row.expiresAt + passedMs);
      }
    });
  }
}

describe('store dump round trip', () => {
  it('exportRecords (dump) then importRecords into an empty store: the same tables, records, metadata and expiry', async () => {
    const ws = workspace();
    const source = join(ws.dir, 'source.db');
    await buildStore(source);
    const sourceStore = openStore(source);
    const original = await contents(sourceStore);
    const originalDatabases = await sourceStore.databases();
    await sourceStore.close();

    const started = Date.now();
    const dumpPath = join(ws.dir, 'store.dump.ndjson');
    const { report: exported } = await exportFile(source, dumpPath, { scope: { kind: 'dump' }, format: 'dump' });
    const target = join(ws.dir, 'target.db');
    const imported = await importFile(target, dumpPath);
    const passedMs = Date.now() - started;

    const liveRecords = [...original.values()].reduce((sum, rows) => sum + rows.length, 0);
    expect(exported.records).toBe(liveRecords);
    expect(imported).toMatchObject({
      format: 'dump',
      records: liveRecords,
      written: liveRecords,
      overwritten: 0,
      skippedExpired: 0,
      tables: 6,
    });
    const restored = openStore(target);
    expect(await restored.databases()).toEqual(
      originalDatabases.map((db) => ({ ...db, tables: db.tables.map((t) => ({ ...t, expired: 0 })) })),
    );
    const names = (await restored.databases()).flatMap((db) =>
      db.tables.map((t) => ({ database: db.database, table: t.table })),
    );
    expect(names).toEqual(expect.arrayContaining(Object.values(NAMESPACES)));
    expectSameContents(await contents(restored), original, passedMs);
  });

  it('store-inspector export --format dump, then import into an empty store: the same', async () => {
    const ws = workspace();
    const source = join(ws.dir, 'source.db');
    await buildStore(source);
    const sourceStore = openStore(source);
    const original = await contents(sourceStore);
    await sourceStore.close();

    const started = Date.now();
    const dumpPath = join(ws.dir, 'cli.dump');
    const exported = await runInProcess(['export', '--store', source, '--format', 'dump', '--out', dumpPath]);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toMatch(
      new RegExp(
        `^exported \\d+ records \\(\\d+ bytes\\) to ${dumpPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+ ms\\n$`,
      ),
    );
    const target = join(ws.dir, 'target.db');
    const imported = await runInProcess(['import', dumpPath, '--store', target]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(
      /^imported 3628 new, 0 overwritten, 0 skipped \(existing\), 0 skipped \(already expired\); 6 table\(s\), dump format, \d+ ms \(\d+ records\/s\)\n$/,
    );
    const restored = openStore(target);
    expectSameContents(await contents(restored), original, Date.now() - started);
  });

  it('a dump imported back into the store it came from overwrites every record with itself', async () => {
    const ws = workspace();
    await buildStore(ws.store);
    const store = openStore(ws.store);
    const original = await contents(store);
    const started = Date.now();
    const dumpPath = join(ws.dir, 'again.dump');
    await exportFile(ws.store, dumpPath, { scope: { kind: 'dump' }, format: 'dump' });
    const report = await importFile(ws.store, dumpPath, { policy: 'overwrite' });
    expect(report).toMatchObject({ written: 0, overwritten: report.records, tables: 6 });
    expectSameContents(await contents(store), original, Date.now() - started);
  });
});
