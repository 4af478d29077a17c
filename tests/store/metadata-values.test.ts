/**
 * A metadata equality filter on any field answers from the index filled behind the writers, and
 * never misses or invents a record: not for records written, changed or deleted after indexing,
 * whoever wrote them, and not for values the index leaves out (null, long texts, numbers and booleans).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, type InspectorStore, type RecordFilter } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

async function keysOf(store: InspectorStore, filter: RecordFilter, order: 'asc' | 'desc' = 'asc') {
  const page = await store.page(NS, { filter, order, limit: 1000 });
  return page.records.map((record) => record.key);
}

/** What a scan finds: every live record whose metadata holds the value (as typed values match). */
async function expectSameAsScan(store: InspectorStore, field: string, value: string, expected: string[]) {
  const filter = { metadata: [{ field, value }] };
  expect(await keysOf(store, filter)).toEqual(expected);
  expect(await keysOf(store, filter, 'desc')).toEqual([...expected].reverse());
  expect(await store.count(NS, filter)).toBe(expected.length);
  expect(await store.count(NS, { ...filter, expiry: 'all' })).toBeGreaterThanOrEqual(expected.length);
}

describe('metadata values index', () => {
  it('finds every match before, while and after indexing, through writes, changes and deletes', async () => {
    const path = join(tempDirForTest(), 'meta.db');
    const store = createSqliteStore({ path });
    await store.writeMany(
      NS,
      Array.from({ length: 60 }, (_, index) => ({
        key: `k/${String(index).padStart(2, '0')}`,
        value: '',
        metadata: { kind: ['a', 'b', 'c'][index % 3], n: index % 4, on: index % 2 === 0, none: null },
        expiry: index === 3 ? -1 : undefined,
      })),
    );
    const kindA = (keys: number[]) => keys.map((index) => `k/${String(index).padStart(2, '0')}`);
    const everyA = Array.from({ length: 20 }, (_, index) => index * 3).filter((index) => index !== 3);
    await expectSameAsScan(store, 'kind', 'a', kindA(everyA));
    await store.indexKeys(25);
    await expectSameAsScan(store, 'kind', 'a', kindA(everyA));
    while ((await store.indexKeys(1000)) > 0);
    await expectSameAsScan(store, 'kind', 'a', kindA(everyA));
    // Changes after indexing: one record leaves the value, one joins it, one is deleted, one is new.
    await store.write({ key: 'k/00', value: '', metadata: { kind: 'b' } }, NS);
    await store.write({ key: 'k/01', value: 'same metadata', metadata: { kind: 'a' } }, NS);
    await store.delete('k/06', NS);
    await store.write({ key: 'k/99', value: '', metadata: { kind: 'a' } }, NS);
    // Another program writes the documented tables directly.
    const other = openDatabase(path);
    other.prepare(`UPDATE records SET metadata = '{"kind":"a"}' WHERE key = 'k/02'`).run();
    other.close();
    const changed = kindA([...everyA.filter((index) => index !== 0 && index !== 6), 1, 2, 99].sort((x, y) => x - y));
    await expectSameAsScan(store, 'kind', 'a', changed);
    while ((await store.indexKeys(1000)) > 0);
    await expectSameAsScan(store, 'kind', 'a', changed);
    // Numbers, booleans and the typed-value rules are the same as a scan's.
    await expectSameAsScan(
      store,
      'n',
      '3',
      kindA([3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47, 51, 55, 59].filter((i) => i !== 3)),
    );
    expect(await store.count(NS, { metadata: [{ field: 'n', value: '"3"' }] })).toBe(0);
    expect(await store.count(NS, { metadata: [{ field: 'on', value: 'true' }] })).toBe(27);
    expect(await store.count(NS, { metadata: [{ field: 'none', value: 'null' }] })).toBe(55);
    expect(await store.count(NS, { metadata: [{ field: 'kind', value: 'a' }], prefix: 'k/9' })).toBe(1);
    await store.close();
  });

  it('finds long texts, which it does not index, by reading the records', async () => {
    const store = createSqliteStore();
    const long = 'x'.repeat(500);
    await store.writeMany(NS, [
      { key: 'long', value: '', metadata: { note: long } },
      { key: 'short', value: '', metadata: { note: 'x' } },
    ]);
    while ((await store.indexKeys(1000)) > 0);
    expect(await keysOf(store, { metadata: [{ field: 'note', value: long }] })).toEqual(['long']);
    expect(await store.count(NS, { metadata: [{ field: 'note', value: 'x' }] })).toBe(1);
    await store.close();
  });
});
