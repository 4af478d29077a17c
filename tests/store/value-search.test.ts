import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, type InspectorStore } from '../../electron/store/index.js';
import { CANDIDATE_LIMIT } from '../../electron/store/key-index.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { MAX_INDEXED_VALUE } from '../../electron/store/value-index.js';
import { tempDirForTest } from '../helpers/files.js';
import { VALUE_CASES, VALUE_RECORDS, valueFilter } from '../helpers/value-search-cases.js';

const NS = { database: 'micro', table: 'micro' };

async function allPages(store: InspectorStore, filter: RecordFilter): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.page(NS, { filter, order: 'asc', limit: 7, ...(after === undefined ? {} : { after }) });
    keys.push(...page.records.map((record) => record.key));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return keys;
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** Every record's value as the test wrote it, so the expected matches come from a brute-force search. */
type Values = Map<string, Buffer>;

function valueFor(index: number, writer: string): Buffer {
  switch (index % 6) {
    case 0:
      return Buffer.from(`{"name":"Order ${writer}${index}","note":"Ünïcode ß 😀"}`);
    case 1:
      return Buffer.from([0xff, 0x00, ...Buffer.from(`binary Order ${index}`), 0xfe]);
    case 2:
      return Buffer.from(`plain text order-${index} with ORDER in it`);
    case 3:
      return Buffer.alloc(MAX_INDEXED_VALUE + 10, `long ${writer} text `);
    case 4:
      return Buffer.from(`ÉCLAIR éclair ${index}`);
    default:
      return Buffer.from('');
  }
}

async function checkSearches(store: InspectorStore, values: Values): Promise<void> {
  const keys = [...values.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const term of ['Order', 'order', 'ORDER', 'binary', 'Ünïcode ß 😀', 'éclair', 'ÉCLAIR', 'long b', 'zz', 'r 1']) {
    const needle = Buffer.from(term);
    const sensitive = keys.filter((key) => values.get(key)?.includes(needle));
    const folded = Buffer.from(asciiLower(term));
    const insensitive = keys.filter((key) =>
      Buffer.from(asciiLower((values.get(key) ?? Buffer.alloc(0)).toString('latin1')), 'latin1').includes(folded),
    );
    expect(await allPages(store, { valueContains: term }), `sensitive ${term}`).toEqual(sensitive);
    expect(await store.count(NS, { valueContains: term }), `count ${term}`).toBe(sensitive.length);
    const caseless = { valueContains: term, valueCase: 'insensitive' } as const;
    expect(await allPages(store, caseless), `insensitive ${term}`).toEqual(insensitive);
    expect(await store.count(NS, caseless), `count insensitive ${term}`).toBe(insensitive.length);
  }
}

describe('value contains on the SQLite store', () => {
  it('finds exactly what a scan finds before, during and after indexing, with writers changing values', async () => {
    const path = join(tempDirForTest(), 'values.db');
    const app = createSqliteStore({ path });
    const service = createSqliteStore({ path });
    const values: Values = new Map();
    const first = Array.from({ length: 120 }, (_, index) => ({ key: `k/${index}`, value: valueFor(index, 'a') }));
    await app.writeMany(NS, first);
    for (const record of first) values.set(record.key, record.value);
    await checkSearches(app, values);
    await app.indexKeys(50);
    await checkSearches(app, values);
    // Another process overwrites indexed values, deletes some and adds new ones while the index is half filled.
    for (let index = 0; index < 40; index += 3) {
      const value = valueFor(index + 1, 'b');
      await service.write({ key: `k/${index}`, value }, NS);
      values.set(`k/${index}`, value);
    }
    for (let index = 1; index < 120; index += 10) {
      await service.delete(`k/${index}`, NS);
      values.delete(`k/${index}`);
    }
    for (let index = 0; index < 20; index++) {
      const value = valueFor(index + 2, 'c');
      await service.write({ key: `n/${index}`, value }, NS);
      values.set(`n/${index}`, value);
    }
    await checkSearches(app, values);
    while ((await app.indexKeys(30)) > 0);
    await checkSearches(app, values);
    const db = openDatabase(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM index_pending WHERE value').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM records WHERE stale != 0').pluck().get()).toBe(0);
    // Binary, empty-of-text and too-long values are listed as unindexed, and still found above.
    expect(db.prepare('SELECT count(*) FROM value_unindexed').pluck().get()).toBeGreaterThan(0);
    db.close();
    await app.close();
    await service.close();
  });

  it('combines with the key, metadata and expiry filters', async () => {
    const store = createSqliteStore();
    await store.writeMany(NS, [
      { key: 'user/1', value: 'status: active', metadata: { team: 'red' } },
      { key: 'user/2', value: 'status: ACTIVE', metadata: { team: 'blue' } },
      { key: 'order/1', value: 'status: active', metadata: { team: 'red' } },
      { key: 'user/3', value: 'status: active', metadata: { team: 'red' }, expiry: -1 },
    ]);
    while ((await store.indexKeys()) > 0);
    const keys = async (filter: RecordFilter) => (await allPages(store, filter)).join(' ');
    expect(await keys({ prefix: 'user/', valueContains: 'active' })).toBe('user/1');
    expect(await keys({ prefix: 'user/', valueContains: 'active', valueCase: 'insensitive' })).toBe('user/1 user/2');
    expect(await keys({ valueContains: 'active', metadata: [{ field: 'team', value: 'red' }] })).toBe('order/1 user/1');
    expect(await keys({ valueContains: 'active', contains: 'der' })).toBe('order/1');
    expect(await keys({ valueContains: 'active', expiry: 'expired' })).toBe('user/3');
    expect(await store.count(NS, { valueContains: 'active', expiry: 'all' })).toBe(3);
    expect(await store.count(NS, { valueContains: 'nothing like it' })).toBe(0);
    await store.close();
  });

  it('walks the records in key order when a term matches too many values to sort', async () => {
    const store = createSqliteStore();
    const many = Array.from({ length: CANDIDATE_LIMIT + 50 }, (_, index) => ({ key: `r/${index}`, value: 'common' }));
    await store.writeMany(NS, many);
    while ((await store.indexKeys(10_000)) > 0);
    const page = await store.page(NS, { filter: { valueContains: 'common' }, order: 'asc', limit: 3 });
    expect(page.records.map((record) => record.key)).toEqual(['r/0', 'r/1', 'r/10']);
    expect(await store.count(NS, { valueContains: 'mmo' })).toBe(many.length);
    await store.close();
  });
});

describe('overwrites of indexed values', () => {
  it('accepts a second batch overwrite before the upkeep ran, and finds the newest value', async () => {
    const store = createSqliteStore();
    await store.writeMany(NS, [{ key: 'a', value: 'first text' }]);
    while ((await store.indexKeys()) > 0);
    await store.writeMany(NS, [{ key: 'a', value: 'second text' }]);
    await store.writeMany(NS, [{ key: 'a', value: 'third text' }]);
    expect(await store.count(NS, { valueContains: 'third' })).toBe(1);
    expect(await store.count(NS, { valueContains: 'first' })).toBe(0);
    while ((await store.indexKeys()) > 0);
    expect(await store.count(NS, { valueContains: 'third' })).toBe(1);
    expect(await store.count(NS, { valueContains: 'second' })).toBe(0);
    await store.close();
  });
});

describe('metadata changes of indexed records (the trigger format 4 replaced)', () => {
  it('accepts a second batch metadata change before the upkeep ran', async () => {
    const store = createSqliteStore();
    await store.writeMany(NS, [{ key: 'a', value: 'x', metadata: { k: 1 } }]);
    while ((await store.indexKeys()) > 0);
    await store.writeMany(NS, [{ key: 'a', value: 'x', metadata: { k: 2 } }]);
    await store.writeMany(NS, [{ key: 'a', value: 'x', metadata: { k: 3 } }]);
    expect(await store.count(NS, { metadata: [{ field: 'k', value: '3' }] })).toBe(1);
    await store.close();
  });
});

describe('the shared value search cases on the SQLite store', () => {
  it.each(VALUE_CASES)('%s (%s)', async (needle, mode, expected) => {
    const store = createSqliteStore();
    await store.writeMany(NS, VALUE_RECORDS);
    for (let round = 0; round < 2; round++) {
      expect(await allPages(store, valueFilter(needle, mode))).toEqual(expected);
      expect(await store.count(NS, valueFilter(needle, mode))).toBe(expected.length);
      while ((await store.indexKeys()) > 0);
    }
    await store.close();
  });
});
