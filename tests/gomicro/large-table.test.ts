import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoMicroStore } from '../../electron/gomicro/gomicro-store.js';
import { goMicroValue, writeBbolt } from './bbolt-writer.js';

/**
 * A table large enough for a deep B+tree (branch pages over branch pages): paging and counting must stay exact.
 * Speed is the gomicro benchmark's business (`npm run bench -- gomicro`), not a test's: no clock here.
 */
const N = 300_000;
const NOW = Date.parse('2030-01-01T00:00:00Z');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gomicro-file-store');

let root: string;

function bigTable(): Buffer {
  const entries: [string, string][] = new Array(N);
  for (let i = 0; i < N; i++) {
    const key = `order/${String(i).padStart(8, '0')}`;
    const expiresAt = i % 10 === 0 ? '2020-01-01T00:00:00Z' : undefined;
    entries[i] = [key, goMicroValue({ key, value: `value ${i}`, metadata: { i }, expiresAt })];
  }
  return writeBbolt({ data: { entries } }).bytes;
}

describe('a 300,000-record go-micro table', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'si-gomicro-perf-'));
    mkdirSync(join(root, 'micro'));
    writeFileSync(join(root, 'micro', 'big.db'), bigTable());
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives the first page of 100 by prefix from the middle of the tree, expired records left out', async () => {
    const store = createGoMicroStore({ path: root, table: 'big', now: () => NOW });
    const result = await store.read('order/0015', { prefix: true, limit: 100 });
    expect(result.map((r) => r.key).slice(0, 2)).toEqual(['order/00150001', 'order/00150002']);
    expect(result).toHaveLength(100);
  });

  it('counts every live and every expired record', async () => {
    const store = createGoMicroStore({ path: root, now: () => NOW });
    expect(await store.tables('micro')).toEqual([{ name: 'big', records: 270_000, expired: 30_000 }]);
  }, 30_000);
});

describe('the fixture folder', () => {
  it('opens and lists the first 100 keys of a table', async () => {
    const store = createGoMicroStore({ path: FIXTURES, now: () => NOW });
    await store.init();
    expect(await store.list({ database: 'service', table: 'orders', limit: 100 })).toHaveLength(100);
  });
});
