/**
 * One serve process has one store for all its tabs: a call made for the store a tab shows is refused once
 * another tab opened a different one (docs/architecture.md, "Store identity"), and nothing of it is done.
 * Real SQLite files on both sides, read back raw.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Result } from '../../electron/api/contract/results.js';
import { STORE_ID_HEADER } from '../../electron/api/contract/store-identity.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { tempDirForTest } from '../helpers/files.js';
import { callOverHttp, httpRequest, openEventStream } from '../helpers/http.js';

const NS = { database: 'micro', table: 'micro' };
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Two store files and one session with a dispatch that checks ids, as serve builds it; A open first. */
async function twoStores() {
  const dir = tempDirForTest();
  const paths = { a: join(dir, 'a.db'), b: join(dir, 'b.db') };
  for (const path of Object.values(paths)) {
    const store = createSqliteStore({ path });
    await store.init();
    await store.close();
  }
  const session = new StoreSession();
  onTestFinished(() => session.close());
  const grants = new FileGrants();
  const dispatch = createDispatch(createHandlers(session, { grants }), session);
  const open = async (path: string) => {
    const answer = await dispatch('store.open', { file: grants.grant(path, 'store').id, readOnly: false });
    expect(answer.ok).toBe(true);
    return session.identity.storeId;
  };
  return { paths, session, dispatch, open };
}

/** The keys a store file holds, read with a connection of its own. */
async function keysIn(path: string): Promise<string[]> {
  const store = createSqliteStore({ path });
  await store.init();
  try {
    return await store.list();
  } finally {
    await store.close();
  }
}

function refusal(result: Result<unknown>) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result).slice(0, 200)}`);
  return result.error;
}

describe('dispatch refuses a call made for a store that is no longer open', () => {
  it('a write for store A, made after B was opened, is refused and written nowhere', async () => {
    const { paths, dispatch, open } = await twoStores();
    const storeA = await open(paths.a);
    const storeB = await open(paths.b);
    expect(storeB).not.toBe(storeA);

    const write = { ...NS, key: 'meant-for-a', value: base64('v'), expectedRevision: null };
    const error = refusal(await dispatch('record.write', write, storeA));
    expect(error).toEqual({
      code: 'store-switched',
      message: `Another window or tab opened ${paths.b}: this call was for ${paths.a} and was not made`,
      storeId: storeB,
      display: paths.b,
    });
    expect(await keysIn(paths.a)).toEqual([]);
    expect(await keysIn(paths.b)).toEqual([]);

    // The same write for the store that is open is made, and lands there.
    expect((await dispatch('record.write', write, storeB)).ok).toBe(true);
    expect(await keysIn(paths.b)).toEqual(['meant-for-a']);
  });

  it('a read for the old store is refused too: its answer would describe another store', async () => {
    const { paths, dispatch, open } = await twoStores();
    const storeA = await open(paths.a);
    await open(paths.b);
    expect(refusal(await dispatch('store.info', {}, storeA)).code).toBe('store-switched');
    expect(refusal(await dispatch('records.page', { ...NS, limit: 10 }, storeA)).code).toBe('store-switched');
  });

  it('opening another store, calls that never touch it, and calls naming no store go through', async () => {
    const { paths, session, dispatch, open } = await twoStores();
    const storeA = await open(paths.a);
    await open(paths.b);
    expect((await dispatch('task.cancel', { taskId: 't' }, storeA)).ok).toBe(true);
    expect((await dispatch('store.info', {})).ok).toBe(true);
    expect((await dispatch('store.close', {}, storeA)).ok).toBe(true);
    expect(session.identity.display).toBeNull();
  });

  it('reopening the same store read-only keeps its id; closing it gives a new one', async () => {
    const { paths, session, dispatch, open } = await twoStores();
    const storeA = await open(paths.a);
    const heard: (string | null)[] = [];
    session.onSwitched((identity) => heard.push(identity.display));
    expect((await dispatch('store.reopen', { readOnly: true }, storeA)).ok).toBe(true);
    expect(session.identity.storeId).toBe(storeA);
    await session.close();
    expect(session.identity.storeId).not.toBe(storeA);
    expect(heard).toEqual([null]);
  });
});

describe('browser mode carries the id over HTTP and tells every tab of a switch', () => {
  it('answers name the open store, a stale header is refused, and the switch is an event', async () => {
    const dir = tempDirForTest();
    const initial = join(dir, 'served.db');
    const server = await startServer({ storePath: initial, rendererDir: dir });
    onTestFinished(() => server.close());
    const { port, token } = server;
    const call = (name: string, arg: unknown, storeId?: string) =>
      httpRequest({
        port,
        path: `/api/call/${name}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(storeId === undefined ? {} : { [STORE_ID_HEADER]: storeId }),
        },
        body: JSON.stringify(arg),
      });
    const first = await call('store.info', {});
    const served = first.headers[STORE_ID_HEADER];
    expect(typeof served).toBe('string');
    // The host knows the store it was started with: a tab loaded later still offers the way back.
    expect(JSON.parse(first.body)).toMatchObject({ ok: true, value: { initialStore: initial } });

    const stream = await openEventStream(port, { authorization: `Bearer ${token}` });
    onTestFinished(() => stream.close());
    const other = join(dir, 'other.db');
    await server.session.open(other, false);
    const event = await stream.waitFor((each) => each.type === 'store-switched', 5_000);
    expect(event).toEqual({ type: 'store-switched', storeId: server.session.identity.storeId, display: other });

    const stale = await callOverHttp(
      port,
      token,
      'record.write',
      { ...NS, key: 'k', value: '', expectedRevision: null },
      {
        [STORE_ID_HEADER]: String(served),
      },
    );
    expect(stale.json).toMatchObject({ ok: false, error: { code: 'store-switched', display: other } });
    expect(await keysIn(initial)).toEqual([]);
    expect(await keysIn(other)).toEqual([]);
  });
});
