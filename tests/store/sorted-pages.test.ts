/**
 * Pages sorted by size, expiry and updated time (docs/file-format.md, "Sort indexes"): both ways, ties
 * broken by key the same way, records without an expiry last ascending, and a keyset cursor of (value,
 * key) that neither skips nor repeats a record while others are written and deleted between pages.
 */
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import type { SortColumn } from '../../electron/common/sort-columns.js';
import type { PageQuery, RecordSummary } from '../../electron/store/record-page.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { fileStore, type SqliteStore } from '../helpers/store.js';

const NS = { database: 'micro', table: 'micro' };
type Sorted = Exclude<SortColumn, 'key'>;

/** A clock the test moves, so updated times are chosen, not raced. */
function clock(start = 1_000_000) {
  let at = start;
  return { now: () => at, set: (value: number) => (at = value) };
}

const sortedBy = (sort: Sorted, record: RecordSummary) =>
  sort === 'size' ? record.size : sort === 'expiry' ? (record.expiresAt ?? Number.POSITIVE_INFINITY) : record.updatedAt;

/** The order the user expects: by value, then key, both ascending; descending is its exact reverse. */
function expectedKeys(records: RecordSummary[], sort: Sorted, order: 'asc' | 'desc'): string[] {
  const sorted = [...records].sort((a, b) => sortedBy(sort, a) - sortedBy(sort, b) || compareKeys(a.key, b.key));
  const keys = sorted.map((record) => record.key);
  return order === 'asc' ? keys : keys.reverse();
}

async function allPages(store: SqliteStore, query: Omit<PageQuery, 'limit'>, limit: number) {
  const records: RecordSummary[] = [];
  let cursor: Pick<PageQuery, 'after' | 'afterSort'> = {};
  for (;;) {
    const page = await store.page(NS, { ...query, ...cursor, limit });
    records.push(...page.records);
    if (page.next === null) return records;
    cursor = { after: page.next, afterSort: page.nextSort ?? null };
  }
}

async function mixedStore() {
  const time = clock();
  const { store, path } = fileStore({ now: time.now });
  for (let index = 0; index < 60; index++) {
    time.set(1_000_000 + (index % 7) * 1_000);
    const ttl = index % 3 === 0 ? 0 : 60_000 * (1 + (index % 4));
    // Sizes repeat (index % 5), so ties must fall back to the key.
    await store.write({ key: `k/${(index * 37) % 60}`, value: 'x'.repeat(index % 5), metadata: { n: index } }, { ttl });
  }
  return { store, path, time };
}

describe('sorted pages', () => {
  for (const sort of ['size', 'expiry', 'updated'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`by ${sort} ${order}: every record once, in (${sort}, key) order, page after page`, async () => {
        const { store } = await mixedStore();
        const whole = await store.page(NS, { filter: {}, order: 'asc', limit: 1_000 });
        const paged = await allPages(store, { filter: {}, order, sort }, 7);
        expect(paged.map((record) => record.key)).toEqual(expectedKeys(whole.records, sort, order));
      });
    }
  }

  it('puts records without an expiry last ascending and first descending', async () => {
    const { store } = await mixedStore();
    const ascending = await allPages(store, { filter: {}, order: 'asc', sort: 'expiry' }, 9);
    const firstNever = ascending.findIndex((record) => record.expiresAt === null);
    expect(firstNever).toBeGreaterThan(0);
    expect(ascending.slice(firstNever).every((record) => record.expiresAt === null)).toBe(true);
    const descending = await allPages(store, { filter: {}, order: 'desc', sort: 'expiry' }, 9);
    expect(descending.slice(0, ascending.length - firstNever).every((record) => record.expiresAt === null)).toBe(true);
  });

  it('keeps the filter and the count: a prefix and has-ttl, sorted by size', async () => {
    const { store } = await mixedStore();
    const filter = { prefix: 'k/1', expiry: 'has-ttl' as const };
    const byKey = await allPages(store, { filter, order: 'asc' }, 1_000);
    const bySize = await allPages(store, { filter, order: 'desc', sort: 'size' }, 4);
    expect(bySize.map((record) => record.key)).toEqual(expectedKeys(byKey, 'size', 'desc'));
    expect(await store.count(NS, filter)).toBe(byKey.length);
  });

  it('a filter matching many walks the sort index and still keeps only its matches, in order', async () => {
    const { store } = fileStore();
    const records = Array.from({ length: 6_000 }, (_, index) => ({
      key: `${index % 10 === 0 ? 'other' : 'many'}/${index}`,
      value: 'v'.repeat(index % 13),
      expiry: index % 4 === 0 ? 0 : 3_600_000 + (index % 7),
    }));
    await store.writeMany(NS, records);
    const filter = { prefix: 'many/' };
    const byKey = await allPages(store, { filter, order: 'asc' }, 1_000);
    expect(byKey).toHaveLength(5_400);
    for (const sort of ['size', 'expiry'] as const) {
      const firstPages = await store.page(NS, { filter, order: 'desc', sort, limit: 300 });
      expect(firstPages.records.map((record) => record.key)).toEqual(expectedKeys(byKey, sort, 'desc').slice(0, 300));
    }
  });

  it('pages without gaps or repeats while other records are written, rewritten and deleted', async () => {
    const { store, time } = await mixedStore();
    const all = { expiry: 'all' as const };
    const before = (await store.page(NS, { filter: all, order: 'asc', limit: 1_000 })).records.map((r) => r.key);
    const seen: string[] = [];
    const deleted: string[] = [];
    let cursor: Pick<PageQuery, 'after' | 'afterSort'> = {};
    for (let round = 0; ; round++) {
      const page = await store.page(NS, { filter: all, order: 'asc', sort: 'updated', ...cursor, limit: 5 });
      seen.push(...page.records.map((record) => record.key));
      if (page.next === null) break;
      cursor = { after: page.next, afterSort: page.nextSort ?? null };
      // Between pages: a new record (updated later than anything, so ahead of the cursor), a rewrite of
      // the first record seen (it moves ahead too) and a delete of a record not yet seen.
      time.set(2_000_000 + round);
      await store.write({ key: `new/${round}`, value: 'n' });
      await store.write({ key: before[0] ?? '', value: 'rewritten' });
      const ahead = before.find((key) => !seen.includes(key) && !deleted.includes(key) && key !== before[0]);
      if (ahead !== undefined && round % 2 === 0) {
        await store.deleteMany(NS, [ahead]);
        deleted.push(ahead);
      }
    }
    const counts = new Map<string, number>();
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const key of before) {
      if (key === before[0]) expect(counts.get(key)).toBe(2);
      else expect(counts.get(key) ?? 0, key).toBe(deleted.includes(key) ? 0 : 1);
    }
    expect(deleted.length).toBeGreaterThan(0);
    expect([...counts].filter(([key, n]) => key.startsWith('new/') && n !== 1)).toEqual([]);
    expect(seen.filter((key) => key.startsWith('new/')).length).toBeGreaterThan(5);
  });

  it('refuses a cursor without its sort value, and changes nothing', async () => {
    const { store } = await mixedStore();
    await expect(store.page(NS, { filter: {}, order: 'asc', sort: 'size', after: 'k/1', limit: 5 })).rejects.toThrow(
      /afterSort/,
    );
    expect(await store.count(NS, {})).toBeGreaterThan(0);
  });

  it('reads the first page of every sort through its indexes, never a sort of the table', async () => {
    const { store, path } = await mixedStore();
    // Built on demand, when a page is first sorted by the column (store/sort-indexes.ts).
    for (const column of ['size', 'updated', 'expiry'] as const) expect(await store.indexForSort(column)).toBe(true);
    expect(await store.indexForSort('size')).toBe(false);
    await store.close();
    const db = openDatabase(path);
    for (const [index, where, orderBy] of [
      ['records_by_size', '', 'length(value) {way}, key {way}'],
      ['records_by_updated', '', 'updated_at {way}, key {way}'],
      ['records_expiry', 'AND expires_at IS NOT NULL', 'expires_at {way}, key {way}'],
      ['records_never_expire', 'AND expires_at IS NULL', 'key {way}'],
    ]) {
      for (const way of ['ASC', 'DESC']) {
        const sql = `EXPLAIN QUERY PLAN SELECT key FROM records WHERE ns = 1 ${where} ORDER BY ${orderBy?.replaceAll('{way}', way)} LIMIT 10`;
        const details = (db.prepare(sql).all() as { detail: string }[]).map((row) => row.detail).join('\n');
        expect(details, `${index} ${way}`).toContain(`INDEX ${index}`);
        expect(details, `${index} ${way}`).not.toContain('TEMP B-TREE');
      }
    }
    db.close();
  });
});
