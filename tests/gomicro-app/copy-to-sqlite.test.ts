/**
 * store.copyToSqlite: the open go-micro store into a new SQLite store, every live record (expired ones
 * skipped and counted), empty tables too, in one transaction: a cancel or a failure leaves no file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CopyReportDto } from '../../electron/api/contract/backend-schemas.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { listDir, tempDirForTest } from '../helpers/files.js';
import { expected, expectedFor, fixtureCopy, hashTree, TABLES, testApi } from './fixture-store.js';

/** An RFC 3339 time with nanoseconds, rounded up to whole ms. */
function ceilMs(time: string): number {
  const subMillisecond = Number((time.match(/\.(\d+)/)?.[1] ?? '').padEnd(9, '0').slice(3));
  return Date.parse(time) + (subMillisecond > 0 ? 1 : 0);
}

async function openedFixture() {
  const root = fixtureCopy();
  const api = testApi();
  await api.value('store.open', { file: api.file(root, 'store') });
  return { root, api, before: hashTree(root), out: tempDirForTest() };
}

describe('store.copyToSqlite', () => {
  it('copies every live record with its value, metadata and expiry; counts the expired ones it skips', async () => {
    const { root, api, before, out } = await openedFixture();
    const path = join(out, 'copy.db');
    const report = await api.value('store.copyToSqlite', { taskId: 'copy-1', file: api.file(path, 'write') });
    const live = expected.filter((record) => !record.expired);
    expect(report).toMatchObject({
      name: 'copy.db',
      download: null,
      databases: 2,
      tables: 4,
      records: live.length,
      skippedExpired: expected.length - live.length,
    });
    expect(api.events.some((event) => event.type === 'progress' && event.task === 'copy-1')).toBe(true);
    expect(hashTree(root)).toEqual(before);

    const copy = createSqliteStore({ path, readOnly: true });
    await copy.init();
    try {
      expect((await copy.databases()).map(({ database, tables }) => [database, tables.map((t) => t.table)])).toEqual([
        ['micro', ['empty', 'legacy', 'users']],
        ['service', ['orders']],
      ]);
      for (const [database, table] of TABLES) {
        const want = expectedFor(database, table, 'live');
        const got = await copy.recordBatch({ database, table }, { expiry: 'all' }, undefined, 10_000);
        expect(got.map((record) => record.key)).toEqual(want.map((record) => record.key));
        got.forEach((record, index) => {
          const wanted = want[index];
          expect(Buffer.from(record.value).toString('base64')).toBe(wanted?.value);
          expect(record.metadata).toEqual(wanted?.metadata);
          expect(record.expiry === 0).toBe(wanted?.expires === undefined);
        });
        for (const wanted of want.filter((record) => record.expires !== undefined)) {
          const detail = await copy.inspect({ database, table }, wanted.key, 0);
          // go-micro's nanoseconds round up to the next millisecond, never down to an earlier expiry.
          expect(detail.expiresAt).toBe(ceilMs(wanted.expires ?? ''));
        }
      }
    } finally {
      await copy.close();
    }
  });

  it('refuses a path that exists, and leaves it alone', async () => {
    const { api, out } = await openedFixture();
    const path = join(out, 'taken.db');
    writeFileSync(path, 'mine');
    const result = await api.call('store.copyToSqlite', { taskId: 'copy-2', file: api.file(path, 'write') });
    expect(result).toMatchObject({ ok: false, error: { code: 'foreign-file' } });
    expect(listDir(out)).toEqual(['taken.db']);
  });

  it('a cancel on the first progress event writes nothing: no file is left', async () => {
    const { api, out } = await openedFixture();
    const path = join(out, 'cancelled.db');
    const copying = api.call('store.copyToSqlite', { taskId: 'copy-3', file: api.file(path, 'write') });
    // Cancel once the first batch was written inside the transaction.
    for (let i = 0; i < 200 && !api.events.some((event) => event.type === 'progress'); i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await api.value('task.cancel', { taskId: 'copy-3' })).toEqual({ cancelled: true });
    expect(await copying).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(listDir(out)).toEqual([]);
  });

  it('a cancel sent right after the call starts writes nothing either', async () => {
    const { api, out } = await openedFixture();
    const path = join(out, 'cancelled.db');
    const copying = api.call('store.copyToSqlite', { taskId: 'copy-4', file: api.file(path, 'write') });
    const cancelled = api.call('task.cancel', { taskId: 'copy-4' });
    expect(await copying).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await cancelled).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(existsSync(path)).toBe(false);
    expect(listDir(out)).toEqual([]);
  });

  it('is refused when the open store is a SQLite store, or when none is open', async () => {
    const out = tempDirForTest();
    const api = testApi();
    expect(
      await api.call('store.copyToSqlite', { taskId: 'c', file: api.file(join(out, 'x.db'), 'write') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'no-store' },
    });
    await api.value('store.create', { file: api.file(join(out, 'store.db'), 'write') });
    expect(
      await api.call('store.copyToSqlite', { taskId: 'c', file: api.file(join(out, 'x.db'), 'write') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(listDir(out).filter((name) => name.startsWith('x.db'))).toEqual([]);
  });

  it('the copy opens as a SQLite store that can be edited', async () => {
    const { api, out } = await openedFixture();
    const path = join(out, 'editable.db');
    const report = await api.value<CopyReportDto>('store.copyToSqlite', {
      taskId: 'copy-5',
      file: api.file(path, 'write'),
    });
    // The copy answers with a handle that opens it: the page never names the path.
    expect(await api.value('store.open', { file: report.store?.id ?? '' })).toMatchObject({
      kind: 'sqlite',
      readOnly: false,
    });
    const write = { database: 'micro', table: 'users', key: 'new', value: 'eA==', expectedRevision: null };
    expect(await api.call('record.write', write)).toMatchObject({ ok: true });
  });
});
