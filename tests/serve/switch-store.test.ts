/**
 * Browser mode switches stores without a restart: to a server given by URL (token-guarded like every call),
 * and back to the store serve was started with. The password never comes back, and no typed path opens.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { POSTGRES, serverAvailable } from '../backends/server-available.js';
import { tempDirForTest } from '../helpers/files.js';
import { callOverHttp } from '../helpers/http.js';

const reachable = await serverAvailable(POSTGRES);
const NS = { database: 'micro', table: 'micro' };

let server: RunningServer;
let storePath: string;
const call = (name: string, arg: unknown) => callOverHttp(server.port, server.token, name, arg);

beforeEach(async () => {
  const dir = tempDirForTest();
  storePath = join(dir, 'store.db');
  const seed = createSqliteStore({ path: storePath });
  await seed.write({ key: 'on-the-file', value: 'v' });
  await seed.close();
  server = await startServer({ storePath, rendererDir: dir });
});
afterEach(async () => {
  await server.close();
});

describe('switching in browser mode', () => {
  it('refuses a typed path: files open only by grant', async () => {
    const answer = await call('store.connect', { url: join(storePath, '..', 'other.db') });
    expect(answer.json).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect((await call('store.info', {})).json).toMatchObject({ ok: true, value: { kind: 'sqlite' } });
  });

  it('needs the token, like every call', async () => {
    const answer = await callOverHttp(server.port, undefined, 'store.connect', { url: 'postgres://127.0.0.1/test' });
    expect(answer).toMatchObject({ status: 401 });
  });

  it('a server that is not there leaves the open store open', async () => {
    const answer = await call('store.connect', { url: 'postgres://127.0.0.1:1/test', password: 'hunter2' });
    expect(answer.json).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify(answer.json)).not.toContain('hunter2');
    expect((await call('store.info', {})).json).toMatchObject({ ok: true, value: { kind: 'sqlite' } });
  });

  describe.skipIf(!reachable)('to Postgres and back', () => {
    let schema: string;
    beforeEach(() => {
      schema = `si_switch_${randomBytes(6).toString('hex')}`;
    });
    afterEach(async () => {
      const raw = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
      await raw.connect();
      await raw.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await raw.end();
    });

    it('connects by URL, shows it masked, writes there, and goes back to the file', async () => {
      const connected = await call('store.connect', { url: 'postgresql://root@127.0.0.1/test', password: 'p4ss' });
      expect(connected.json).toMatchObject({
        ok: true,
        value: {
          kind: 'postgres',
          // The password typed apart from the URL shows as **** (and never as itself).
          display: 'postgresql://root:****@127.0.0.1/test',
          readOnly: false,
          capabilities: { editing: true, metadata: true, liveChanges: 'polling' },
          refusals: {},
        },
      });
      expect(JSON.stringify(connected.json)).not.toContain('p4ss');
      const ns = { database: schema, table: 'micro' };
      expect((await call('table.create', ns)).json).toMatchObject({ ok: true });
      const write = { ...ns, key: 'on-the-server', value: '', metadata: { a: 1 }, expectedRevision: null };
      expect((await call('record.write', write)).json).toMatchObject({ ok: true });
      expect((await call('store.tables', { database: schema })).json).toEqual({
        ok: true,
        value: [{ table: 'micro', count: 1, expired: 0 }],
      });
      const page = await call('records.page', ns);
      expect(page.json).toMatchObject({ ok: true, value: { records: [{ key: 'on-the-server' }] } });
      expect((await call('records.countPrefixes', { ...ns, prefixes: ['on-', 'x'] })).json).toEqual({
        ok: true,
        value: [1, 0],
      });
      expect((await call('changes.since', { seq: 0 })).json).toEqual({ ok: true, value: { changes: [], latest: 0 } });

      const readOnly = await call('store.reopen', { readOnly: true });
      expect(readOnly.json).toMatchObject({
        ok: true,
        value: { kind: 'postgres', readOnly: true, refusals: { editing: 'the store is open read-only' } },
      });
      const refused = await call('records.delete', { ...ns, keys: ['on-the-server'] });
      expect(refused.json).toMatchObject({ ok: false, error: { code: 'read-only' } });

      const back = await call('store.openInitial', { readOnly: false });
      expect(back.json).toMatchObject({ ok: true, value: { kind: 'sqlite', display: storePath } });
      const file = await call('records.page', NS);
      expect(file.json).toMatchObject({ ok: true, value: { records: [{ key: 'on-the-file' }] } });
    });
  });
});
