import { describe, expect, it } from 'vitest';
import { createSqliteStore, type InspectorStore } from '../../electron/store/index.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import type { PageQuery } from '../../electron/store/record-page.js';

const NS = { database: 'micro', table: 'micro' };
/** Smaller than any slice takes: every budgeted call reads one slice and stops. */
const SPENT = 1e-9;

/** Pages followed by their `next` to the end: the keys found, and how many answers were partial. */
async function follow(store: InspectorStore, query: Omit<PageQuery, 'after'>) {
  const keys: string[] = [];
  let partials = 0;
  let after: string | undefined;
  for (let calls = 0; calls < 1_000; calls++) {
    const page = await store.page(NS, { ...query, ...(after === undefined ? {} : { after }) });
    keys.push(...page.records.map((record) => record.key));
    if (page.partial === true) partials++;
    if (page.next === null) return { keys, partials };
    after = page.next;
  }
  throw new Error('the pages never ended');
}

/** 5,000 records `b/0000`… with the two-character term `Q!` in three of them, and a few `a/` and `c/` records. */
async function seeded() {
  const store = createSqliteStore();
  const values = (prefix: string, count: number, holders: number[]) =>
    Array.from({ length: count }, (_, index) => ({
      key: `${prefix}${String(index).padStart(4, '0')}`,
      value: holders.includes(index) ? `{"n":${index},"mark":"Q!"}` : `{"n":${index},"mark":"none"}`,
    }));
  await store.writeMany(NS, [
    ...values('a/', 10, [3]),
    ...values('b/', 5_000, [10, 2_500, 4_990]),
    ...values('c/', 10, []),
  ]);
  while ((await store.indexKeys(10_000)) > 0);
  return store;
}

describe('a value search no index can serve, within a time budget', () => {
  it('answers partial pages that resume where they stopped and together find what a whole read finds', async () => {
    const store = await seeded();
    const filter: RecordFilter = { valueContains: 'Q!' };
    for (const order of ['asc', 'desc'] as const) {
      const whole = await follow(store, { filter, order, limit: 2 });
      expect(whole.partials).toBe(0);
      const sliced = await follow(store, { filter, order, limit: 2, budgetMs: SPENT });
      expect(sliced.keys).toEqual(whole.keys);
      expect(sliced.partials).toBeGreaterThan(2);
    }
    const asc = await follow(store, { filter, order: 'asc', limit: 2 });
    expect(asc.keys).toEqual(['a/0003', 'b/0010', 'b/2500', 'b/4990']);
    await store.close();
  });

  it('says where it stopped: a partial page may hold no record, and its next is the last key it examined', async () => {
    const store = await seeded();
    const page = await store.page(NS, {
      filter: { valueContains: 'Q!', prefix: 'b/' },
      order: 'asc',
      limit: 5,
      after: 'b/0010',
      budgetMs: SPENT,
    });
    expect(page.partial).toBe(true);
    expect(page.records).toEqual([]);
    // The first slice is 1,000 keys after the cursor, and never leaves the prefix.
    expect(page.next).toBe('b/1010');
    const rest = await follow(store, {
      filter: { valueContains: 'Q!', prefix: 'b/' },
      order: 'asc',
      limit: 5,
      budgetMs: SPENT,
    });
    expect(rest.keys).toEqual(['b/0010', 'b/2500', 'b/4990']);
    await store.close();
  });

  it('reads a whole page at once when the value index names the candidates, or the budget allows', async () => {
    const store = await seeded();
    const indexed = await store.page(NS, {
      filter: { valueContains: '"n":2500,' },
      order: 'asc',
      limit: 5,
      budgetMs: SPENT,
    });
    expect(indexed.partial).toBeUndefined();
    expect(indexed.records.map((record) => record.key)).toEqual(['b/2500']);
    const roomy = await store.page(NS, { filter: { valueContains: 'Q!' }, order: 'asc', limit: 5, budgetMs: 60_000 });
    expect(roomy.partial).toBeUndefined();
    expect(roomy.records.map((record) => record.key)).toEqual(['a/0003', 'b/0010', 'b/2500', 'b/4990']);
    expect(roomy.next).toBeNull();
    await store.close();
  });
});
