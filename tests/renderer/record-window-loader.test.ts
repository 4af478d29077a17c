import { describe, expect, it } from 'vitest';
import type { RecordSummaryDto } from '../../electron/api/contract/schemas.js';
import type { ApiClient } from '../../renderer/src/api/api-client.js';
import { rowAt } from '../../renderer/src/grid/record-window.js';
import { RecordWindowLoader } from '../../renderer/src/grid/record-window-loader.js';

const KEYS = Array.from({ length: 1_000 }, (_, index) => `k${String(index).padStart(4, '0')}`);
const row = (key: string) =>
  ({
    key,
    size: 1,
    preview: '',
    metadata: {},
    expiresAt: null,
    expired: false,
    updatedAt: 0,
    revision: '1',
  }) satisfies RecordSummaryDto;

interface PageArg {
  order: 'asc' | 'desc';
  after?: string;
  limit: number;
}
interface CountArg {
  limit?: number;
  before?: string;
}

/** A table of 1,000 keys behind records.page and records.count, with the counts asked for. */
function fakeTable(total = KEYS.length) {
  const counts: CountArg[] = [];
  const client = {
    mode: 'browser',
    subscribe: () => () => {},
    call: async (name: string, arg: PageArg & CountArg) => {
      if (name === 'records.count') {
        counts.push({ limit: arg.limit, before: arg.before });
        const matching = arg.before === undefined ? total : KEYS.filter((key) => key < (arg.before ?? '')).length;
        return arg.limit === undefined ? matching : Math.min(matching, arg.limit);
      }
      const ordered = arg.order === 'asc' ? KEYS : [...KEYS].reverse();
      const start =
        arg.after === undefined
          ? 0
          : ordered.findIndex((key) => (arg.order === 'asc' ? key > (arg.after ?? '') : key < (arg.after ?? '')));
      const records = (start < 0 ? [] : ordered.slice(start, start + arg.limit)).map(row);
      return { records, next: records.length === arg.limit ? (records.at(-1)?.key ?? null) : null };
    },
  } as unknown as ApiClient;
  return { client, counts };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the record window loader', () => {
  it('a read of a table the page has left fails: the table shown now is read, with no error', async () => {
    const { client: table } = fakeTable();
    let failFirst: ((error: Error) => void) | undefined;
    const client = {
      ...table,
      // The first table's first page fails only after the page moved to another table (a server's
      // default table that does not exist, left for the one named in the address).
      call: (name: string, arg: { table: string }) =>
        arg.table === 'gone'
          ? new Promise((_resolve, reject) => {
              failFirst = reject;
            })
          : table.call(name as 'records.page', arg as never),
    } as unknown as ApiClient;
    const loader = new RecordWindowLoader(client);
    loader.setVisible(0, 30);
    loader.setQuery({ database: 'micro', table: 'gone', filter: {}, order: 'asc' });
    await settle();
    loader.setQuery({ database: 'micro', table: 'orders', filter: {}, order: 'asc' });
    failFirst?.(new Error('database "micro" does not exist'));
    await settle();
    const snapshot = loader.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(rowAt(snapshot.window, 0)?.key).toBe('k0000');
  });

  it('seeks to a key: its exact position, the window starting at its row', async () => {
    const { client } = fakeTable();
    const loader = new RecordWindowLoader(client);
    loader.setQuery({ database: 'micro', table: 'micro', filter: {}, order: 'asc' });
    loader.setVisible(0, 30);
    await settle();
    const index = await loader.seek('k0700');
    expect(index).toBe(700);
    loader.setVisible(690, 720);
    await settle();
    const { window } = loader.getSnapshot();
    expect(rowAt(window, 700)?.key).toBe('k0700');
    expect(rowAt(window, 720)?.key).toBe('k0720');
  });

  it('after a far seek, reads around the row it found, not the rows in view before the grid scrolls', async () => {
    const { client } = fakeTable();
    const pages: PageArg[] = [];
    const watched = {
      ...client,
      call: (name: string, arg: PageArg & CountArg) => {
        if (name === 'records.page') pages.push(arg);
        return (client.call as (name: string, arg: unknown) => Promise<unknown>)(name, arg);
      },
    } as unknown as ApiClient;
    const loader = new RecordWindowLoader(watched);
    loader.setQuery({ database: 'micro', table: 'micro', filter: {}, order: 'asc' });
    loader.setVisible(0, 30);
    await settle();
    const index = await loader.seek('k0700');
    pages.length = 0;
    await settle();
    // The grid's scroll event has not come yet: the rows in view before it (the top) are not read back to.
    const readBelow = (page: PageArg) => page.after === undefined || (page.order === 'desc' && page.after < 'k0500');
    expect(pages.filter(readBelow)).toEqual([]);
    expect(rowAt(loader.getSnapshot().window, index)?.key).toBe('k0700');
  });

  it('in descending order, counts the position from the other end', async () => {
    const { client } = fakeTable();
    const loader = new RecordWindowLoader(client);
    loader.setQuery({ database: 'micro', table: 'micro', filter: {}, order: 'desc' });
    loader.setVisible(0, 30);
    await settle();
    expect(await loader.seek('k0700')).toBe(299);
  });

  it('a live recount above the cap is capped, and the last exact count stands', async () => {
    const { client, counts } = fakeTable(250_000);
    const loader = new RecordWindowLoader(client);
    loader.setQuery({ database: 'micro', table: 'micro', filter: { prefix: 'k' }, order: 'asc' });
    loader.setVisible(0, 30);
    await settle();
    expect(loader.getSnapshot().total).toBe(250_000);
    loader.refresh();
    await settle();
    expect(counts.at(-1)?.limit).toBe(100_000);
    expect(loader.getSnapshot().total).toBe(250_000);
  });

  it('rows of a table whose keys a server is still listing are read again until they are in key order', async () => {
    let listing = true;
    const pages: string[] = [];
    const client = {
      mode: 'browser',
      subscribe: () => () => {},
      call: async (name: string, arg: PageArg) => {
        if (name === 'records.count') return KEYS.length;
        pages.push(arg.after ?? '');
        // The first answers: the first of some keys listed so far, no next page.
        if (listing) return { records: [row('k0500')], next: null, keysLoading: { listed: 1, estimated: 1_000 } };
        const records = KEYS.slice(0, arg.limit).map(row);
        return { records, next: records.at(-1)?.key ?? null };
      },
    } as unknown as ApiClient;
    const loader = new RecordWindowLoader(client);
    loader.setQuery({ database: 'micro', table: 'micro', filter: {}, order: 'asc' });
    loader.setVisible(0, 30);
    await settle();
    expect(loader.getSnapshot().keysLoading).toEqual({ listed: 1, estimated: 1_000 });
    expect(rowAt(loader.getSnapshot().window, 0)?.key).toBe('k0500');
    listing = false;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(loader.getSnapshot().keysLoading).toBeUndefined();
    expect(rowAt(loader.getSnapshot().window, 0)?.key).toBe('k0000');
  });
});

describe('a value search read in budgeted calls', () => {
  it('follows partial pages from where each stopped until the page is full, asking with a budget', async () => {
    // A table where one key in 100 matches, and each budgeted call examines only 50 keys.
    const budgets: (number | undefined)[] = [];
    const client = {
      mode: 'browser',
      subscribe: () => () => {},
      call: async (name: string, arg: PageArg & { budgetMs?: number }) => {
        if (name === 'records.count') return 10;
        budgets.push(arg.budgetMs);
        const start = arg.after === undefined ? 0 : KEYS.indexOf(arg.after) + 1;
        const examined = KEYS.slice(start, start + 50);
        const records = examined
          .filter((key) => Number(key.slice(1)) % 100 === 0)
          .slice(0, arg.limit)
          .map(row);
        const end = start + 50 >= KEYS.length;
        if (records.length < arg.limit && !end) return { records, next: examined.at(-1) ?? null, partial: true };
        return { records, next: end ? null : (records.at(-1)?.key ?? null) };
      },
    } as unknown as ApiClient;
    const loader = new RecordWindowLoader(client);
    loader.setQuery({ database: 'micro', table: 'micro', filter: { valueContains: 'x' }, order: 'asc' });
    loader.setVisible(0, 30);
    for (let wait = 0; wait < 100 && !loader.getSnapshot().window.atEnd; wait++) await settle();
    const { window } = loader.getSnapshot();
    expect(window.rows.map((record) => record.key)).toEqual(KEYS.filter((_, index) => index % 100 === 0));
    expect(window.atEnd).toBe(true);
    expect(budgets.length).toBeGreaterThanOrEqual(20);
    expect(budgets.every((budget) => budget !== undefined && budget > 0 && budget < 200)).toBe(true);
  });
});
