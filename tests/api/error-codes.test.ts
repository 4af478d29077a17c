/**
 * Every error code the API answers, made to happen for real (a missing record, a foreign file, a running
 * import, a refused HTTP request, …), and followed to where the page receives it: the result as the bridge or
 * HTTP delivers it, unwrapped by the page's client into an ApiCallError whose error is typed by its code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it, onTestFinished } from 'vitest';
import { type ApiErrorOf, apiErrorSchema, type ErrorCode, type Result } from '../../electron/api/contract/results.js';
import type { RecordDetailDto } from '../../electron/api/contract/schemas.js';
import { createDispatch } from '../../electron/api/dispatch.js';
import { FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { type OpenedBackend, openBackend } from '../../electron/api/open-backend.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { ApiCallError, unwrapResult } from '../../renderer/src/api/api-client.js';
import { apiErrorOf, errorCode, isConflict } from '../../renderer/src/ui/api-error.js';
import { type ApiClient, apiClient, base64, expectErrorShape } from '../helpers/api-client.js';
import { tempDirForTest } from '../helpers/files.js';
import { callOverHttp } from '../helpers/http.js';

const NS = { database: 'micro', table: 'micro' };

/** Opens a real SQLite store, declared as Redis declares itself: no metadata. */
async function redisLike(...args: Parameters<typeof openBackend>): Promise<OpenedBackend> {
  const opened = await openBackend(...args);
  const backend = { ...opened.backend, kind: 'redis' as const };
  return { backend: { ...backend, capabilities: { ...backend.capabilities, metadata: false } } };
}

/** What the page's client does with a result: its value, or the ApiCallError it rejects with. */
function pageSees(result: Result<unknown>): ApiCallError {
  try {
    unwrapResult(result);
  } catch (error) {
    if (error instanceof ApiCallError) return error;
    throw error;
  }
  throw new Error(`expected a failure, got ${JSON.stringify(result).slice(0, 200)}`);
}

/** A session over a new store file, closed when the test ends. */
async function storeApi(): Promise<{ api: ApiClient; session: StoreSession; dir: string }> {
  const dir = tempDirForTest();
  const session = new StoreSession();
  onTestFinished(() => session.close());
  const api = apiClient(session);
  await api.value('store.create', { file: api.file(join(dir, 'store.db'), 'write') });
  return { api, session, dir };
}

/** Opening `path` as a store, as the Open dialog would. */
async function openFile(path: string, readOnly = false): Promise<Result<unknown>> {
  const session = new StoreSession();
  onTestFinished(() => session.close());
  const api = apiClient(session);
  return api.raw('store.open', { file: api.file(path, 'store'), readOnly });
}

/** A records file big enough that an import of it is still running when the next call arrives. */
function recordsFile(dir: string, lines: number): string {
  const path = join(dir, 'records.ndjson');
  const line = (i: number) => JSON.stringify({ key: `k/${i}`, value: base64(`value ${i}`), metadata: {} });
  writeFileSync(path, `${Array.from({ length: lines }, (_, i) => line(i)).join('\n')}\n`);
  return path;
}

/** Starts an import and, while it runs, makes `during` calls; then the import's own answer. */
async function whileImporting(during: (api: ApiClient) => Promise<Result<unknown>>) {
  const { api, dir } = await storeApi();
  const file = api.file(recordsFile(dir, 5_000), 'read');
  const importing = api.raw('import.run', { ...NS, taskId: 'import-1', file });
  const duringImport = await during(api);
  return { duringImport, imported: await importing };
}

/** A browser-mode server on a fresh store, for the refusals only HTTP has; closed when the test ends. */
async function serve(): Promise<RunningServer> {
  const dir = tempDirForTest();
  const server = await startServer({ storePath: join(dir, 'store.db'), rendererDir: dir });
  onTestFinished(() => server.close());
  return server;
}

const SCENARIOS: Record<ErrorCode, () => Promise<Result<unknown>>> = {
  'invalid-argument': async () => (await storeApi()).api.raw('record.get', { ...NS, key: 42 }),
  'unknown-call': async () => (await storeApi()).api.raw('record.frobnicate', {}),
  'not-found': async () => (await storeApi()).api.raw('record.get', { ...NS, key: 'missing' }),
  conflict: async () => {
    const { api } = await storeApi();
    const first = await api.value('record.write', { ...NS, key: 'doc', value: base64('v1'), expectedRevision: null });
    await api.value('record.write', { ...NS, key: 'doc', value: base64('v2'), expectedRevision: first.revision });
    return api.raw('record.write', { ...NS, key: 'doc', value: base64('mine'), expectedRevision: first.revision });
  },
  'read-only': async () => {
    const { api } = await storeApi();
    await api.value('store.reopen', { readOnly: true });
    return api.raw('record.write', { ...NS, key: 'k', value: base64('v'), expectedRevision: null });
  },
  refused: async () => {
    // A real store given Redis's capabilities (Redis keeps no metadata): the write carrying some is refused.
    const session = new StoreSession(false, { openBackend: redisLike });
    onTestFinished(() => session.close());
    const api = apiClient(session);
    await api.value('store.open', { file: api.file(join(tempDirForTest(), 'store.db'), 'store') });
    return api.raw('record.write', { ...NS, key: 'k', value: '', metadata: { a: 1 }, expectedRevision: null });
  },
  unavailable: async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const session = new StoreSession();
    onTestFinished(() => session.close());
    return apiClient(session).raw('store.connect', { url: 'postgres://u:secret@127.0.0.1:1/test' });
  },
  'no-store': () => apiClient(new StoreSession()).raw('record.get', { ...NS, key: 'k' }),
  closed: async () => {
    // The store went away under the session (a shutdown racing a call): the store itself refuses.
    const { api, session } = await storeApi();
    await session.store?.close();
    return api.raw('record.get', { ...NS, key: 'k' });
  },
  'foreign-file': async () => {
    const path = join(tempDirForTest(), 'notes.txt');
    writeFileSync(path, 'these are notes, not a store\n');
    return openFile(path);
  },
  'corrupt-file': async () => {
    const path = join(tempDirForTest(), 'cut.db');
    writeFileSync(path, Buffer.from('SQLite format 3\0and then nothing'));
    return openFile(path);
  },
  'missing-file': () => openFile(join(tempDirForTest(), 'never-made.db'), true),
  'newer-format': async () => {
    const { dir, session } = await storeApi();
    await session.close();
    const db = openDatabase(join(dir, 'store.db'));
    db.pragma('user_version = 99');
    db.close();
    return openFile(join(dir, 'store.db'));
  },
  busy: async () =>
    (await whileImporting((api) => api.raw('record.write', { ...NS, key: 'k', value: '', expectedRevision: null })))
      .duringImport,
  unsupported: async () => (await storeApi()).api.raw('file.chooseImport', {}),
  cancelled: async () => (await whileImporting((api) => api.raw('task.cancel', { taskId: 'import-1' }))).imported,
  'bad-file': async () => {
    const { api, dir } = await storeApi();
    const path = join(dir, 'bad.ndjson');
    writeFileSync(path, `${JSON.stringify({ key: 'a', value: base64('x') })}\n{"key": 7}\n`);
    return api.raw('import.preview', { ...NS, taskId: 'preview-1', file: api.file(path, 'read') });
  },
  unauthorized: async () => {
    const { port } = await serve();
    return (await callOverHttp(port, 'not-the-token', 'store.info', {})).json as Result<unknown>;
  },
  forbidden: async () => {
    const { port, token } = await serve();
    const answer = await callOverHttp(port, token, 'store.info', {}, { origin: 'http://evil.example' });
    return answer.json as Result<unknown>;
  },
  'store-switched': async () => {
    // Another tab opened another store: a call made for the one this page shows is refused.
    const dir = tempDirForTest();
    const session = new StoreSession();
    onTestFinished(() => session.close());
    const grants = new FileGrants();
    const dispatch = createDispatch(createHandlers(session, { grants }), session);
    await session.open(join(dir, 'a.db'), false);
    const shown = session.identity.storeId;
    await session.open(join(dir, 'b.db'), false);
    return structuredClone(await dispatch('record.get', { ...NS, key: 'k' }, shown));
  },
  internal: async () => {
    // Nothing in the product throws an unexpected error on purpose: a handler that does stands for a bug.
    const session = new StoreSession();
    const handlers = createHandlers(session, { grants: new FileGrants(), host: {} });
    const dispatch = createDispatch({
      ...handlers,
      'store.info': () => Promise.reject(new TypeError('a bug')),
    });
    return structuredClone(await dispatch('store.info', {}));
  },
};

describe('each error code reaches the page typed by its code', () => {
  for (const [code, scenario] of Object.entries(SCENARIOS) as [ErrorCode, () => Promise<Result<unknown>>][]) {
    it(code, async () => {
      const thrown = pageSees(await scenario());
      expectErrorShape(thrown.error);
      expect(errorCode(thrown)).toBe(code);
      expect(apiErrorOf(thrown, code)).toEqual(thrown.error);
      expect(thrown.message).toBe(thrown.error.message);
    });
  }
});

describe('the fields a code carries arrive typed', () => {
  it('a conflict carries the record as it is now, which the editor shows beside the edits', async () => {
    const thrown = pageSees(await SCENARIOS.conflict());
    expect(isConflict(thrown)).toBe(true);
    const current = apiErrorOf(thrown, 'conflict')?.current;
    expect(current).toMatchObject({ key: 'doc', value: base64('v2'), complete: true });
    expect(apiErrorOf(thrown, 'not-found')).toBeUndefined();
  });

  it('a conflict with a record deleted meanwhile carries null', async () => {
    const { api } = await storeApi();
    const first = await api.value('record.write', { ...NS, key: 'doc', value: base64('v1'), expectedRevision: null });
    await api.value('records.delete', { ...NS, keys: ['doc'] });
    const result = await api.raw('record.write', { ...NS, key: 'doc', value: '', expectedRevision: first.revision });
    expect(apiErrorOf(pageSees(result), 'conflict')?.current).toBeNull();
  });

  it('a bad records file names its problem, the record, the field and the place', async () => {
    const badFile = apiErrorOf(pageSees(await SCENARIOS['bad-file']()), 'bad-file');
    expect(badFile).toMatchObject({ problem: 'record', recordIndex: 1, field: 'key', place: { line: 2, column: 1 } });
  });

  it('a refusal over HTTP keeps its status beside the code', async () => {
    const { port, token } = await serve();
    expect(await callOverHttp(port, undefined, 'store.info', {})).toMatchObject({
      status: 401,
      json: { ok: false, error: { code: 'unauthorized' } },
    });
    expect(await callOverHttp(port, token, 'store.info', {}, { origin: 'http://evil.example' })).toMatchObject({
      status: 403,
      json: { ok: false, error: { code: 'forbidden' } },
    });
  });

  it('the types: conflict has current typed, a plain code has no extra field', () => {
    expectTypeOf<ApiErrorOf<'conflict'>['current']>().toEqualTypeOf<RecordDetailDto | null>();
    expectTypeOf(apiErrorOf(new Error(), 'conflict')).toEqualTypeOf<ApiErrorOf<'conflict'> | undefined>();
    expectTypeOf<ApiErrorOf<'not-found'>>().toEqualTypeOf<{ code: 'not-found'; message: string }>();
    expectTypeOf<ApiErrorOf<'bad-file'>['recordIndex']>().toEqualTypeOf<number | undefined>();
  });
});

describe('a caller mistake is not a fault of ours', () => {
  it('a task id that is already running is invalid-argument, and the running task goes on', async () => {
    const { duringImport, imported } = await whileImporting((api) =>
      api.raw('import.preview', {
        ...NS,
        taskId: 'import-1',
        file: api.file(recordsFile(tempDirForTest(), 1), 'read'),
      }),
    );
    const thrown = pageSees(duringImport);
    expect(errorCode(thrown)).toBe('invalid-argument');
    expect(thrown.message).toBe('task "import-1" is already running: give each task an id of its own');
    expect(imported).toMatchObject({ ok: true, value: { written: 5_000 } });
  });
});

describe('the error schema', () => {
  it('refuses an error a code does not carry, or one missing its fields', () => {
    const refused: unknown[] = [
      { code: 'conflict', message: 'changed' },
      { code: 'conflict', message: 'changed', current: { key: 'k' } },
      { code: 'not-found', message: 'not found', current: null },
      { code: 'teapot', message: 'no' },
      { code: 'internal', message: '' },
      { code: 'bad-file', message: 'bad', problem: 'unknown-problem' },
    ];
    for (const error of refused) expect(apiErrorSchema.safeParse(error).success, JSON.stringify(error)).toBe(false);
  });
});
