import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tableAnalysisSchema } from '../../electron/api/contract/analysis-schemas.js';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { apiErrorSchema } from '../../electron/api/contract/results.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { tempDirForTest } from '../helpers/files.js';

const NS = { database: 'app', table: 'things' };
const GOMICRO = join(import.meta.dirname, '..', 'fixtures', 'gomicro-file-store');

/** The API as serve and the desktop run it: the store on threads of its own, progress as events. */
function api() {
  const session = new StoreSession();
  const grants = new FileGrants();
  const events: ApiEvent[] = [];
  const dispatch = createDispatch(createHandlers(session, { grants, emit: (event) => events.push(event) }));
  onTestFinished(() => session.close());
  return { session, grants, dispatch, events };
}

describe('table.analyse', () => {
  it('answers the picture of a SQLite store file from its store thread, with progress events', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const writer = createSqliteStore({ path });
    await writer.writeMany(NS, [
      { key: 'user/1', value: 'abc' },
      { key: 'user/2', value: 'abcdef', expiry: 30_000 },
      { key: 'order/1', value: '' },
    ]);
    await writer.close();
    const { grants, dispatch, events } = api();
    const opened = await dispatch('store.open', { file: grants.grant(path, 'store').id });
    expect(opened.ok).toBe(true);
    const result = await dispatch('table.analyse', { ...NS, taskId: 'an-1' });
    if (!result.ok) throw new Error(result.error.message);
    const analysis = tableAnalysisSchema.parse(result.value);
    expect(analysis.records).toBe(3);
    expect(analysis.keySpace.parts.map((part) => [part.prefix, part.records])).toEqual([
      ['user/', 2],
      ['order/', 1],
    ]);
    expect(analysis.expiry.find((bucket) => bucket.bucket === 'minute')?.records).toBe(1);
    const progress = events.filter((event) => event.type === 'progress' && event.task === 'an-1');
    expect(progress.at(-1)).toEqual({ type: 'progress', task: 'an-1', done: 3, total: 3 });
  });

  it('stops when its task is cancelled, answers cancelled, and the next analysis runs', async () => {
    const path = join(tempDirForTest(), 'store.db');
    const writer = createSqliteStore({ path });
    await writer.writeMany(
      NS,
      Array.from({ length: 20_000 }, (_, index) => ({ key: `k/${index}`, value: 'v'.repeat(100) })),
    );
    await writer.close();
    const { grants, dispatch, events } = api();
    expect((await dispatch('store.open', { file: grants.grant(path, 'store').id })).ok).toBe(true);
    const analysing = dispatch('table.analyse', { ...NS, taskId: 'an-2' });
    const cancel = await dispatch('task.cancel', { taskId: 'an-2' });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    const result = await analysing;
    expect(result.ok ? undefined : result.error.code).toBe('cancelled');
    const finished = events.some((event) => event.type === 'progress' && event.task === 'an-2' && event.done === 3);
    expect(finished).toBe(false);
    // The same task id again: the cancelled one is no longer running.
    const again = await dispatch('table.analyse', { ...NS, taskId: 'an-2' });
    if (!again.ok) throw new Error(again.error.message);
    expect(tableAnalysisSchema.parse(again.value).records).toBe(20_000);
  });

  it('refuses a bad delimiter or filter before it reaches the store', async () => {
    const { dispatch } = api();
    const result = await dispatch('table.analyse', { ...NS, delimiter: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(apiErrorSchema.parse(result.error).code).toBe('invalid-argument');
  });

  it('says plainly that a go-micro file store cannot be analysed yet', async () => {
    const { grants, dispatch } = api();
    const opened = await dispatch('store.open', { file: grants.grant(GOMICRO, 'store').id });
    expect(opened.ok).toBe(true);
    const result = await dispatch('table.analyse', { database: 'micro', table: 'micro' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unsupported');
    expect(result.error.message).toMatch(/not available for this kind of store yet/);
  });

  it('needs an open store', async () => {
    const { dispatch } = api();
    const result = await dispatch('table.analyse', NS);
    expect(result.ok ? undefined : result.error.code).toBe('no-store');
  });
});
