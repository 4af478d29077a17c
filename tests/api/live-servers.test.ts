/**
 * Live on every server, through the API as the page uses it (session, handlers, change watcher): a go-micro
 * service writing with its own client is seen within a second (a `store-changed` event, then a page read and
 * a count that show it), and a save over a record that moved on answers `conflict` with the record now in the
 * store, which is what the conflict view shows. Each test has its own schema, database, bucket or prefix.
 */
import { randomBytes } from 'node:crypto';
import { type KV, Kvm } from '@nats-io/kv';
import { type NatsConnection, connect as natsConnect } from '@nats-io/transport-node';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeWatcher } from '../../electron/api/change-watcher.js';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { createDispatch, type Dispatch } from '../../electron/api/dispatch.js';
import { createHandlers } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { randomTable, rawClient, removeTable } from '../backends/redis-fixture.js';
import { MYSQL, NATS, POSTGRES, REDIS, type ServerNeed, serverAvailable } from '../backends/server-available.js';

/** The page's budget: an external write shows within a second. */
const LIVE_MS = 1_000;

/** What a go-micro service does to one table with its own client, in go-micro's layout. */
interface Service {
  url: string;
  database: string;
  table: string;
  put(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  cleanup(): Promise<void>;
}

const suffix = () => randomBytes(5).toString('hex');
/** go-micro's MySQL store allows letters only in a database's name. */
const letters = () => [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');

async function postgresService(): Promise<Service> {
  const url = 'postgresql://root@127.0.0.1/test';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const database = `si_live_${suffix()}`;
  const table = `"${database}".micro`;
  // go-micro's store/postgres layout (plugins store/postgres): one schema per database, one table per table.
  await client.query(`CREATE SCHEMA "${database}"`);
  await client.query(
    `CREATE TABLE ${table} (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
  );
  return {
    url,
    database,
    table: 'micro',
    put: async (key, value) => {
      await client.query(
        `INSERT INTO ${table}(key, value, metadata, expiry) VALUES ($1, $2::bytea, '{}', NULL) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, metadata = EXCLUDED.metadata, expiry = EXCLUDED.expiry`,
        [key, Buffer.from(value)],
      );
    },
    remove: async (key) => {
      await client.query(`DELETE FROM ${table} WHERE key = $1`, [key]);
    },
    cleanup: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${database}" CASCADE`);
      await client.end();
    },
  };
}

async function mysqlService(): Promise<Service> {
  const url = 'mysql://root@127.0.0.1:3306/test';
  const client = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  const database = `silive${letters()}`;
  const table = `\`${database}\`.micro`;
  // go-micro's store/mysql layout: a database per database, `key`, value, expiry (no metadata).
  await client.query(`CREATE DATABASE ${database}`);
  await client.query(
    `CREATE TABLE ${table} (\`key\` varchar(255) primary key, value blob null, expiry timestamp not null)`,
  );
  return {
    url,
    database,
    table: 'micro',
    put: async (key, value) => {
      await client.query(
        `INSERT INTO ${table} (\`key\`, value, expiry) VALUES(?, ?, ?) ON DUPLICATE KEY UPDATE \`value\` = ?, \`expiry\` = ?`,
        [key, value, '2037-01-01 00:00:00', value, '2037-01-01 00:00:00'],
      );
    },
    remove: async (key) => {
      await client.query(`DELETE FROM ${table} WHERE \`key\` = ?`, [key]);
    },
    cleanup: async () => {
      await client.query(`DROP DATABASE IF EXISTS ${database}`);
      await client.end();
    },
  };
}

async function redisService(): Promise<Service> {
  const client = rawClient();
  const table = randomTable();
  return {
    url: 'redis://127.0.0.1:6379/0',
    database: 'micro',
    table,
    put: async (key, value) => {
      await client.set(`${table}${key}`, value);
    },
    remove: async (key) => {
      await client.del(`${table}${key}`);
    },
    cleanup: async () => {
      await removeTable(client, table);
      client.disconnect();
    },
  };
}

async function natsService(): Promise<Service> {
  const nc: NatsConnection = await natsConnect({ servers: '127.0.0.1:4222' });
  const database = `si_live_${suffix()}`;
  const kv: KV = await new Kvm(nc).create(database, { history: 1 });
  // go-micro's store/nats-js-kv envelope, keys plain: `<table>_<key>`.
  const envelope = (key: string, value: string) =>
    `{"key":${JSON.stringify(key)},"data":"${Buffer.from(value).toString('base64')}","metadata":{}}`;
  return {
    url: 'nats://127.0.0.1:4222?keys=plain',
    database,
    table: 'live',
    put: async (key, value) => {
      await kv.put(`live_${key}`, envelope(key, value));
    },
    remove: async (key) => {
      await kv.delete(`live_${key}`);
    },
    cleanup: async () => {
      await kv.destroy().catch(() => undefined);
      await nc.close();
    },
  };
}

interface Opened {
  call: Dispatch;
  events: ApiEvent[];
  service: Service;
  session: StoreSession;
}

const opened: Array<{ watcher: ChangeWatcher; session: StoreSession; service: Service }> = [];

afterEach(async () => {
  for (const { watcher, session, service } of opened.splice(0)) {
    watcher.stop();
    await session.close().catch(() => undefined);
    await service.cleanup().catch(() => undefined);
  }
});

/** The page's view of `service`'s table: a session over the server, its watcher running, a page read once. */
async function openPage(service: Service, settle = true): Promise<Opened> {
  const events: ApiEvent[] = [];
  const session = new StoreSession(false, { threads: 'main' });
  const call = createDispatch(createHandlers(session, { emit: (event) => events.push(event) }));
  const watcher = new ChangeWatcher(session, (event) => events.push(event));
  opened.push({ watcher, session, service });
  expect(await call('store.connect', { url: service.url, readOnly: false })).toMatchObject({ ok: true });
  watcher.start();
  await keys(call, service);
  // The watcher's first tick takes the baseline token, or subscribes to the table on screen.
  if (settle) await new Promise((resolve) => setTimeout(resolve, 500));
  events.length = 0;
  return { call, events, service, session };
}

async function value<T>(result: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(`call failed: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

async function keys(call: Dispatch, { database, table }: Service): Promise<Record<string, string>> {
  const page = await value<{ records: Array<{ key: string; preview: string }> }>(
    call('records.page', { database, table }),
  );
  // A summary's preview is the value's head in base64.
  return Object.fromEntries(
    page.records.map((record) => [record.key, Buffer.from(record.preview, 'base64').toString()]),
  );
}

const count = (call: Dispatch, { database, table }: Service) =>
  value<number>(call('records.count', { database, table }));

/** Waits for a `store-changed` event (at most LIVE_MS); how long it took. */
async function changeSeen(events: ApiEvent[], since: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started <= LIVE_MS) {
    if (events.slice(since).some((event) => event.type === 'store-changed')) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no store-changed event within ${LIVE_MS} ms`);
}

/** The external write, then the event, then a page and a count that show it. */
async function seesWritesOverwritesAndDeletes(page: Opened): Promise<void> {
  const { call, events, service } = page;
  expect(await count(call, service)).toBe(0);

  let mark = events.length;
  await service.put('alpha', 'first');
  await changeSeen(events, mark);
  expect(await keys(call, service)).toEqual({ alpha: 'first' });
  expect(await count(call, service)).toBe(1);

  mark = events.length;
  await service.put('alpha', 'second');
  await changeSeen(events, mark);
  expect(await keys(call, service)).toEqual({ alpha: 'second' });

  // Let the watcher settle, so the next event is the delete's own.
  await new Promise((resolve) => setTimeout(resolve, 300));
  mark = events.length;
  await service.remove('alpha');
  await changeSeen(events, mark);
  expect(await keys(call, service)).toEqual({});
  expect(await count(call, service)).toBe(0);
}

/** Pushed changes are listed for the Changes panel, in the order heard, numbered from the store's opening. */
async function listsPushedChanges(page: Opened): Promise<void> {
  const listed = await value<{ changes: Array<{ key: string; kind: string; seq: number }>; latest: number }>(
    page.call('changes.since', { seq: 0 }),
  );
  expect(listed.changes.map(({ key, kind }) => `${kind} ${key}`)).toEqual([
    'create alpha',
    'update alpha',
    'delete alpha',
  ]);
  expect(listed.latest).toBe(listed.changes.at(-1)?.seq);
}

/** A save over a record a service changed since the page read it: `conflict`, with what is there now. */
async function answersConflictWithCurrent(page: Opened): Promise<void> {
  const { call, service } = page;
  const { database, table } = service;
  const written = await value<{ revision: string }>(
    call('record.write', {
      database,
      table,
      key: 'shared',
      value: Buffer.from('mine').toString('base64'),
      expectedRevision: null,
    }),
  );
  await service.put('shared', 'theirs');
  const stale = await call('record.write', {
    database,
    table,
    key: 'shared',
    value: Buffer.from('my edit').toString('base64'),
    expectedRevision: written.revision,
  });
  expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
  const current = (stale as { error: { current: { value: string; revision: string } | null } }).error.current;
  expect(current).not.toBeNull();
  expect(Buffer.from(current?.value ?? '', 'base64').toString()).toBe('theirs');
  // Nothing of the stale save was kept; saving over the revision the conflict view shows succeeds.
  expect(await keys(call, service)).toEqual({ shared: 'theirs' });
  const resolved = await call('record.write', {
    database,
    table,
    key: 'shared',
    value: Buffer.from('my edit').toString('base64'),
    expectedRevision: current?.revision ?? null,
  });
  expect(resolved).toMatchObject({ ok: true });
  expect(await keys(call, service)).toEqual({ shared: 'my edit' });

  // A create over a key a service made meanwhile is a conflict too.
  await service.put('raced', 'theirs');
  const create = await call('record.write', {
    database,
    table,
    key: 'raced',
    value: Buffer.from('mine').toString('base64'),
    expectedRevision: null,
  });
  expect(create).toMatchObject({ ok: false, error: { code: 'conflict', current: { key: 'raced' } } });
}

function suite(need: ServerNeed, title: string, service: () => Promise<Service>, mode: 'events' | 'polling') {
  const reachable = isUp(need);
  describe.skipIf(!reachable)(title, () => {
    it(`an external write, overwrite and delete show within ${LIVE_MS} ms (${mode})`, async () => {
      const page = await openPage(await service());
      expect(await value<{ capabilities: { liveChanges: string } }>(page.call('store.info', {}))).toMatchObject({
        capabilities: { liveChanges: mode },
      });
      await seesWritesOverwritesAndDeletes(page);
      if (mode === 'events') await listsPushedChanges(page);
    });

    it('a save with a stale revision answers conflict with the record now in the store', async () => {
      await answersConflictWithCurrent(await openPage(await service()));
    });

    it('a write made just after the page first read its table is not missed', async () => {
      // Pushed changes start only once the watcher subscribed: then the page is told to read again.
      const page = await openPage(await service(), false);
      await page.service.put('early', 'v');
      await changeSeen(page.events, 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await keys(page.call, page.service)).toEqual({ early: 'v' });
    });

    // Only a pushed watch lists what it heard; a polled store has no such list to miss a write from.
    if (mode === 'events')
      it('a write made just after the first page read is listed in Changes', async () => {
        // The watch follows the table from the page's first read, not from the watcher's next tick.
        const page = await openPage(await service(), false);
        await page.service.put('early', 'v');
        await changeSeen(page.events, 0);
        const listed = await value<{ changes: Array<{ key: string; kind: string }> }>(
          page.call('changes.since', { seq: 0 }),
        );
        expect(listed.changes.map(({ key, kind }) => `${kind} ${key}`)).toEqual(['create early']);
      });

    if (mode === 'events')
      it('a burst of 200 puts is announced in a few events; then the page and count show all of it', async () => {
        const page = await openPage(await service());
        const { call, events, service: svc } = page;
        await Promise.all(Array.from({ length: 5 }, (_, i) => svc.put(`k${i}`, 'v')));
        await changeSeen(events, 0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.length = 0;
        // Each announcement makes the page read its grid, count and tables again: one per put queued 200 of
        // each, and the counts caught up seconds after the Changes panel (docs/backend-nats.md, "Live").
        await Promise.all(Array.from({ length: 200 }, (_, i) => svc.put(`burst${String(i).padStart(3, '0')}`, 'b')));
        const started = Date.now();
        let listed = 0;
        while (listed < 205 && Date.now() - started < 5_000) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          listed = (await value<{ changes: unknown[] }>(call('changes.since', { seq: 0, limit: 1_000 }))).changes
            .length;
        }
        expect(listed).toBe(205);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const announced = events.filter((event) => event.type === 'store-changed');
        expect(announced.length).toBeGreaterThan(0);
        expect(announced.length).toBeLessThan(40);
        const last = announced.at(-1);
        expect(last?.type === 'store-changed' ? last.latestChange : 0).toBe(205);
        const shown = await value<{ records: unknown[] }>(
          call('records.page', { database: svc.database, table: svc.table, limit: 500 }),
        );
        expect(shown.records.length).toBe(205);
        expect(await count(call, svc)).toBe(205);
      });
  });
}

const available = new Map<ServerNeed, boolean>();
for (const need of [POSTGRES, MYSQL, REDIS, NATS]) available.set(need, await serverAvailable(need));
function isUp(need: ServerNeed): boolean {
  return available.get(need) ?? false;
}

suite(POSTGRES, 'Postgres, polled', postgresService, 'polling');
suite(MYSQL, 'MySQL, polled', mysqlService, 'polling');
suite(NATS, 'NATS, by the bucket watch', natsService, 'events');

describe.skipIf(!isUp(REDIS))('Redis', () => {
  /** The server's setting is the operator's: each test puts back what it found. */
  async function withNotifications<T>(flags: string, work: () => Promise<T>): Promise<T> {
    const admin = rawClient();
    const before = ((await admin.config('GET', 'notify-keyspace-events')) as string[])[1] ?? '';
    await admin.config('SET', 'notify-keyspace-events', flags);
    try {
      return await work();
    } finally {
      await admin.config('SET', 'notify-keyspace-events', before);
      admin.disconnect();
    }
  }

  it(`with keyspace notifications on, external changes arrive as events within ${LIVE_MS} ms`, async () => {
    await withNotifications('KEA', async () => {
      const page = await openPage(await redisService());
      expect(await value<object>(page.call('store.info', {}))).toMatchObject({
        capabilities: { liveChanges: 'events' },
      });
      await seesWritesOverwritesAndDeletes(page);
      await listsPushedChanges(page);
    });
  });

  it(`with them off, the page on screen is polled and still moves within ${LIVE_MS} ms`, async () => {
    await withNotifications('', async () => {
      const page = await openPage(await redisService());
      expect(await value<object>(page.call('store.info', {}))).toMatchObject({
        capabilities: { liveChanges: 'polling' },
      });
      await seesWritesOverwritesAndDeletes(page);
    });
  });

  it('a save with a stale revision answers conflict with the record now in the store', async () => {
    await answersConflictWithCurrent(await openPage(await redisService()));
  });
});

describe('the opt-in paging index through the API (table.pagingIndex, table.addPagingIndex)', () => {
  const plan = (page: Opened) =>
    value<{ statement: string | null; canAdd: boolean }>(
      page.call('table.pagingIndex', { database: page.service.database, table: page.service.table }),
    );

  it.skipIf(!isUp(MYSQL))(
    'MySQL: offers go-micro’s table the key_bytes index, runs only the statement shown',
    async () => {
      const page = await openPage(await mysqlService());
      const ns = { database: page.service.database, table: page.service.table };
      const offered = await plan(page);
      expect(offered).toMatchObject({ canAdd: true, statement: expect.stringContaining('ADD COLUMN `key_bytes`') });
      const statement = offered.statement ?? '';
      expect(
        await page.call('table.addPagingIndex', { ...ns, statement: `${statement}, ADD COLUMN x int` }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' },
      });
      expect((await plan(page)).statement).toBe(statement);
      expect(await value(page.call('table.addPagingIndex', { ...ns, statement }))).toMatchObject({ added: true });
      expect((await plan(page)).statement).toBeNull();
      expect(await value(page.call('table.addPagingIndex', { ...ns, statement }))).toEqual({ added: false, ms: 0 });
    },
  );

  it.skipIf(!isUp(POSTGRES))('Postgres: nothing to add where the key already sorts by bytes', async () => {
    const page = await openPage(await postgresService());
    expect(await plan(page)).toEqual({ statement: null, canAdd: true });
  });
});

describe('what a backend tells beside its pages (table.figures, the dialog’s suggestions)', () => {
  const figures = (page: Opened) =>
    value<{ estimatedCount: number | null; keyEncoding: { encoding: string; source: string } | null }>(
      page.call('table.figures', { database: page.service.database, table: page.service.table }),
    );

  it.skipIf(!isUp(POSTGRES))('Postgres: the planner’s estimate, never a scan; no key encoding', async () => {
    const page = await openPage(await postgresService());
    const got = await figures(page);
    // Null until the table was analysed; a number after.
    expect(got.keyEncoding).toBeNull();
    for (let i = 0; i < 20; i++) await page.service.put(`k${i}`, 'v');
    const raw = new pg.Client({ connectionString: page.service.url });
    await raw.connect();
    await raw.query(`ANALYZE "${page.service.database}".micro`);
    await raw.end();
    expect((await figures(page)).estimatedCount).toBe(20);
  });

  it.skipIf(!isUp(MYSQL))('MySQL: InnoDB’s estimate', async () => {
    const page = await openPage(await mysqlService());
    const got = await figures(page);
    expect(typeof got.estimatedCount).toBe('number');
    expect(got.keyEncoding).toBeNull();
  });

  it.skipIf(!isUp(NATS))(
    'NATS: counts are cheap (no estimate); the bucket’s key encoding and how it was decided',
    async () => {
      const page = await openPage(await natsService());
      expect(await figures(page)).toEqual({
        estimatedCount: null,
        keyEncoding: { encoding: 'plain', source: 'chosen' },
      });
    },
  );

  it.skipIf(!isUp(REDIS))('Redis: the connection test suggests the prefixes many keys share', async () => {
    const service = await redisService();
    try {
      const letters = 'abcdefghijklmnopqrst';
      for (const first of letters)
        for (const second of letters.slice(0, 15)) await service.put(`${first}${second}`, 'v');
      // The test opens a connection of its own: no store needs to be open.
      const call = createDispatch(createHandlers(new StoreSession(false, { threads: 'main' })));
      const tested = await value<{ suggestedTables: string[] }>(call('connections.test', { url: service.url }));
      expect(tested.suggestedTables).toContain(service.table);
      // go-micro's default table is always offered.
      expect(tested.suggestedTables).toContain('micro');
    } finally {
      await service.cleanup();
    }
  });
});
