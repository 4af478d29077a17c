import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, type InspectorStore } from '../../electron/store/index.js';
import { CANDIDATE_LIMIT } from '../../electron/store/key-index.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

/** Every key a filter should find, by brute force over list(), in byte order. */
async function expected(store: InspectorStore, keep: (key: string) => boolean): Promise<string[]> {
  return (await store.list()).filter(keep);
}

async function allPages(store: InspectorStore, filter: RecordFilter, order: 'asc' | 'desc' = 'asc'): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.page(NS, { filter, order, limit: 7, ...(after === undefined ? {} : { after }) });
    keys.push(...page.records.map((record) => record.key));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return keys;
}

async function checkFilters(store: InspectorStore): Promise<void> {
  for (const term of ['a7', 'order', '0', 'ß/😀', '%_*', 'zz-9']) {
    const contains = await expected(store, (key) => key.includes(term));
    expect(await allPages(store, { contains: term }), `contains ${term}`).toEqual(contains);
    expect(await store.count(NS, { contains: term }), `count contains ${term}`).toBe(contains.length);
    const suffix = await expected(store, (key) => key.endsWith(term));
    expect(await allPages(store, { suffix: term }), `suffix ${term}`).toEqual(suffix);
    expect(await allPages(store, { suffix: term }, 'desc'), `suffix ${term} desc`).toEqual([...suffix].reverse());
  }
}

function keysFor(writer: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const kinds = ['order/', 'user/', 'ß/😀', 'odd%_*'];
    return `${kinds[index % kinds.length]}${writer}-${index.toString(36)}${index % 3 === 0 ? 'zz-9' : ''}`;
  });
}

describe('the key index behind the writers', () => {
  it('finds by substring and suffix exactly what a scan finds, before, during and after indexing', async () => {
    const path = join(tempDirForTest(), 'index.db');
    const app = createSqliteStore({ path });
    const service = createSqliteStore({ path });
    await app.writeMany(
      NS,
      keysFor('a', 600).map((key) => ({ key, value: key })),
    );
    await checkFilters(app);
    await app.indexKeys(250);
    await checkFilters(app);
    // Another process writes, deletes and renames while the index is half filled.
    for (const key of keysFor('b', 300)) await service.write({ key, value: 'b' });
    for (const key of keysFor('a', 600).filter((_, index) => index % 5 === 0)) await service.delete(key);
    await service.rename(NS, keysFor('a', 600)[4] ?? '', 'order/renamed-a7');
    await checkFilters(app);
    while ((await app.indexKeys(100)) > 0);
    await checkFilters(app);
    await app.close();
    await service.close();
  });

  it('falls back to a scan in key order when a term matches too many keys to sort', async () => {
    const store = createSqliteStore();
    const many = Array.from({ length: CANDIDATE_LIMIT + 50 }, (_, index) => ({ key: `order/${index}`, value: '' }));
    await store.writeMany(NS, many);
    while ((await store.indexKeys(10_000)) > 0);
    const page = await store.page(NS, { filter: { contains: 'order' }, order: 'asc', limit: 3 });
    expect(page.records.map((record) => record.key)).toEqual(['order/0', 'order/1', 'order/10']);
    expect(await store.count(NS, { contains: 'order' })).toBe(many.length);
    await store.close();
  });

  it('never lets a key change in place, so an indexed id keeps its key', async () => {
    const path = join(tempDirForTest(), 'keys.db');
    const store = createSqliteStore({ path });
    await store.write({ key: 'a', value: '' });
    const { openDatabase } = await import('../../electron/store/sqlite-driver.js');
    const other = openDatabase(path);
    expect(() => other.prepare("UPDATE records SET key = 'b' WHERE key = 'a'").run()).toThrow(/never change in place/);
    other.close();
    await store.close();
  });
});

describe('filling the key index', () => {
  it('never waits for another connection that holds the write lock (a long import)', async () => {
    const path = join(tempDirForTest(), 'busy.db');
    const app = createSqliteStore({ path });
    await app.writeMany(NS, [{ key: 'order/1', value: '' }]);
    const importer = createSqliteStore({ path });
    const bulk = importer.beginBulk();
    const started = Date.now();
    expect(await app.indexKeys()).toBe(0);
    // Waiting would have meant the 5 s busy timeout, with this process's event loop blocked throughout.
    expect(Date.now() - started).toBeLessThan(2_000);
    bulk.rollback();
    expect(await app.indexKeys()).toBe(1);
    await importer.close();
    await app.close();
  });
});
