import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError } from '../../electron/backends/backend-errors.js';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openMysqlPool } from '../../electron/backends/mysql/my-connection.js';
import { listDatabases } from '../../electron/backends/mysql/my-databases.js';
import { type MysqlBackend, openMysqlBackend } from '../../electron/backends/mysql/mysql-backend.js';
import { RefusedError } from '../../electron/common/backend-refusals.js';
import { compareKeys } from '../../electron/store/key-order.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import { ConflictError } from '../../electron/store/record-detail.js';
import type { RecordFilter } from '../../electron/store/record-filter.js';
import { StoreInputError } from '../../electron/store/types.js';
import { MYSQL, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(MYSQL);

function serverTarget(text: string): ServerTarget {
  const target = parseConnectionString(text, {});
  if (target.kind === 'path') throw new Error('expected a server URL');
  return target;
}

/** go-micro allows letters only in a database name. */
function randomLetters(): string {
  return [...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** The text go-sql-driver sends for a time.Time (its default loc is UTC), microseconds and all. */
function goTimeText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}000`;
}

describe.skipIf(!reachable)("MySQL in go-micro's layout (store/mysql)", () => {
  let raw: mysql.Connection;
  let backend: MysqlBackend;
  let ns: Namespace;
  const table = () => `\`${ns.database}\`.\`${ns.table}\``;

  /** go-micro's Write: now + Expiry (now itself for 0), through its upsert with the parameters repeated. */
  const goMicroWrites = (key: string, value: Uint8Array, ttlMs: number) => {
    const expiry = goTimeText(Date.now() + ttlMs);
    return raw.query(
      `INSERT INTO ${table()} (\`key\`, value, expiry) VALUES(?, ?, ?) ON DUPLICATE KEY UPDATE \`value\`= ?, \`expiry\` = ?`,
      [key, Buffer.from(value), expiry, Buffer.from(value), expiry],
    );
  };

  /** go-micro's initDB statements, unquoted as it sends them. */
  const goMicroCreates = async (database: string, name: string) => {
    await raw.query(`CREATE DATABASE IF NOT EXISTS ${database} ;`);
    await raw.query(
      `CREATE TABLE IF NOT EXISTS ${database}.${name} (\`key\` varchar(255) primary key, value blob null, expiry timestamp not null);`,
    );
  };

  const keysOf = async (filter: RecordFilter = {}, order: 'asc' | 'desc' = 'asc', limit = 100) => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await backend.reading.page(ns, { filter, order, after, limit });
      seen.push(...page.records.map((row) => row.key));
      after = page.next ?? undefined;
    } while (after !== undefined);
    return seen;
  };

  beforeAll(async () => {
    raw = await mysql.createConnection({ host: '127.0.0.1', user: 'root', dateStrings: true, charset: 'utf8mb4' });
  });
  afterAll(async () => {
    await raw?.end();
  });
  beforeEach(async () => {
    ns = { database: `sitest${randomLetters()}`, table: 'micro' };
    await goMicroCreates(ns.database, ns.table);
    backend = await openMysqlBackend(serverTarget('mysql://root@127.0.0.1:3306/test'));
  });
  afterEach(async () => {
    await backend?.close();
    await raw.query(`DROP DATABASE IF EXISTS \`${ns.database}\``);
  });

  it('declares what it can do and lists the database with its table and counts', async () => {
    expect(backend.capabilities).toMatchObject({ metadata: false, perRecordExpiry: true, liveChanges: 'polling' });
    expect(backend.display).toBe('mysql://root@127.0.0.1:3306/test');
    await goMicroWrites('a', Buffer.from('1'), 60_000);
    await goMicroWrites('b', Buffer.from('2'), 0);
    const mine = (await backend.reading.databases()).find((db) => db.database === ns.database);
    expect(mine).toEqual({ database: ns.database, tables: [{ table: 'micro', count: 1, expired: 1 }] });
  });

  it('lists every table with two catalog queries (tables, then their estimates), then one count per table listed exactly', async () => {
    await goMicroCreates(ns.database, 'second');
    await goMicroCreates(ns.database, 'third');
    await goMicroWrites('a', Buffer.from('1'), 60_000);
    const pool = openMysqlPool(serverTarget('mysql://root@127.0.0.1:3306/test'));
    try {
      const queries = vi.spyOn(pool, 'query');
      const databases = await listDatabases(pool, Date.now());
      const exact = databases.flatMap((database) => database.tables).filter((table) => table.estimated !== true);
      expect(queries).toHaveBeenCalledTimes(2 + exact.length);
      expect(databases.find((database) => database.database === ns.database)?.tables).toEqual([
        { table: 'micro', count: 1, expired: 0 },
        { table: 'second', count: 0, expired: 0 },
        { table: 'third', count: 0, expired: 0 },
      ]);
    } finally {
      await pool.end();
    }
  });

  it("reads back exactly what go-micro's Write stored; its Expiry 0 is expired at once, as go-micro reads it", async () => {
    const binary = new Uint8Array([0, 255, 1, 128, 10]);
    await goMicroWrites('user/1', binary, 60_000);
    await goMicroWrites('user/ü', Buffer.from('ünïcode'), 3_600_000);
    await goMicroWrites('user/none', Buffer.from('no expiry'), 0);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const records = await backend.reading.recordBatch(ns, {}, undefined, 10);
    expect(records.map((record) => record.key)).toEqual(['user/1', 'user/ü']);
    expect(records[0]).toMatchObject({ key: 'user/1', value: binary, metadata: {} });
    expect(records[0]?.expiry).toBeGreaterThan(58_000);
    expect(records[0]?.expiry).toBeLessThanOrEqual(60_000);
    expect(Buffer.from(records[1]?.value ?? []).toString()).toBe('ünïcode');

    const expired = await backend.reading.page(ns, { filter: { expiry: 'expired' }, order: 'asc', limit: 10 });
    expect(expired.records.map((row) => [row.key, row.expired])).toEqual([['user/none', true]]);
    expect(await backend.reading.count(ns, { expiry: 'all' })).toBe(3);
    expect(await backend.reading.count(ns, {})).toBe(2);
    expect((await backend.reading.recordsByKey(ns, ['user/none', 'user/1'])).map((r) => r.key)).toEqual(['user/1']);
    const detail = await backend.reading.inspect(ns, 'user/none', 100);
    expect([detail.expired, Buffer.from(detail.value).toString()]).toEqual([true, 'no expiry']);
    expect(Buffer.from(await backend.reading.readValue(ns, 'user/1', 1, 3))).toEqual(Buffer.from([255, 1, 128]));
  });

  it('writes what go-micro reads: value bytes, expiry as its UTC wall-clock text, no expiry as 2038', async () => {
    const before = Date.now();
    await backend.editing.writeMany(ns, [
      { key: 'k', value: new Uint8Array([0, 1, 2]), expiry: 30_000 },
      { key: 'plain', value: 'text' },
    ]);
    const [rows] = await raw.query<mysql.RowDataPacket[]>(
      `SELECT \`key\`, value, expiry FROM ${table()} ORDER BY \`key\``,
    );
    expect(rows.map((row) => [row.key, row.value])).toEqual([
      ['k', Buffer.from([0, 1, 2])],
      ['plain', Buffer.from('text')],
    ]);
    // go-micro parses the text as UTC and calls the record live while that instant is not before now.
    const goInstant = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
    expect(goInstant(rows[0]?.expiry)).toBeGreaterThanOrEqual(before + 30_000);
    expect(goInstant(rows[0]?.expiry)).toBeLessThan(before + 32_000);
    expect(rows[1]?.expiry).toBe('2038-01-19 03:14:07');
    const [plain] = await backend.reading.recordsByKey(ns, ['plain']);
    expect(plain?.expiry).toBe(0);
  });

  it('refuses metadata with the one wording, writing nothing', async () => {
    const many = backend.editing.writeMany(ns, [
      { key: 'a', value: 'v' },
      { key: 'b', value: 'v', metadata: { owner: 'x' } },
    ]);
    await expect(many).rejects.toBeInstanceOf(RefusedError);
    await expect(many).rejects.toThrow("go-micro's MySQL store keeps no metadata: nothing was written");
    await expect(
      backend.editing.writeIfUnchanged(ns, { key: 'c', value: 'v', metadata: { n: 1 } }, null),
    ).rejects.toBeInstanceOf(RefusedError);
    await backend.editing.writeMany(ns, [{ key: 'empty', value: 'v', metadata: {} }]);
    expect(await keysOf({ expiry: 'all' })).toEqual(['empty']);
  });

  it('refuses what the columns cannot hold, before writing', async () => {
    await expect(backend.editing.writeMany(ns, [{ key: 'x'.repeat(256), value: 'v' }])).rejects.toThrow(
      /key is 256 characters long; go-micro's MySQL key column holds 255/,
    );
    await expect(backend.editing.writeMany(ns, [{ key: 'big', value: new Uint8Array(65_536) }])).rejects.toThrow(
      `key "big": its value is 65,536 bytes; go-micro's MySQL value column holds 65,535 bytes: nothing was written`,
    );
    await expect(
      backend.editing.writeMany(ns, [{ key: 'far', value: 'v', expiry: 20 * 365 * 86_400_000 }]),
    ).rejects.toThrow(/TIMESTAMP, which ends at 2038-01-19/);
    expect(await backend.reading.count(ns, { expiry: 'all' })).toBe(0);
  });

  // Under go-micro's table the key column has the server's default collation (utf8mb4_general_ci here):
  // dictionary order, case- and accent-blind, and "😀" equal to U+FFFD. None of these keys are equal there.
  const KEYS = [
    'B',
    'a',
    'a_b',
    'a%b',
    'ac',
    'a b',
    'a\tb',
    'é',
    'z',
    '😀',
    '\u{E000}',
    '~',
    '_x',
    'Ω',
    'user/10',
    'user/9',
  ];

  it.each([
    ["go-micro's table (the server's language collation)", undefined],
    ['a bytewise key column', 'utf8mb4_nopad_bin'],
    ['our opt-in byte-order index', 'index'],
  ])('pages by keyset in Go byte order of keys with %s, both ways', async (_, how) => {
    if (how === 'index') await backend.editing.indexForPaging?.(ns);
    else if (how !== undefined) {
      await raw.query(`ALTER TABLE ${table()} MODIFY \`key\` varchar(255) COLLATE ${how} NOT NULL`);
    }
    await backend.editing.writeMany(
      ns,
      KEYS.map((key) => ({ key, value: key })),
    );
    const goOrder = [...KEYS].sort(compareKeys);
    expect(await keysOf({}, 'asc', 3)).toEqual(goOrder);
    expect(await keysOf({}, 'desc', 4)).toEqual([...goOrder].reverse());
    expect(await backend.reading.count(ns, {}, { before: 'é' })).toBe(goOrder.indexOf('é'));
    expect(await keysOf({ prefix: 'a' })).toEqual(goOrder.filter((key) => key.startsWith('a')));
    expect(await keysOf({ prefix: 'user/' }, 'asc', 1)).toEqual(['user/10', 'user/9']);
  });

  it('filters take the typed text literally and case-sensitively', async () => {
    await backend.editing.writeMany(
      ns,
      ['a_1', 'ab1', 'a%2', 'ax2', 'q!z', 'qz', 'Hello', 'yellow'].map((key) => ({ key, value: 'v' })),
    );
    expect(await keysOf({ prefix: 'a_' })).toEqual(['a_1']);
    expect(await keysOf({ suffix: '%2' })).toEqual(['a%2']);
    expect(await keysOf({ contains: '_' })).toEqual(['a_1']);
    expect(await keysOf({ contains: '!' })).toEqual(['q!z']);
    expect(await keysOf({ contains: 'ello' })).toEqual(['Hello', 'yellow']);
    expect(await keysOf({ prefix: 'h' })).toEqual([]);
    expect(await keysOf({ contains: 'H' })).toEqual(['Hello']);
    expect(await keysOf({ metadata: [{ field: 'n', value: '1' }] })).toEqual([]);
    expect(await backend.reading.count(ns, { prefix: 'a' })).toBe(4);
  });

  it('refuses a key its collation calls the same as a stored one, instead of replacing that record', async () => {
    await backend.editing.writeMany(ns, [{ key: 'user', value: 'lower' }]);
    await expect(backend.editing.writeMany(ns, [{ key: 'USER', value: 'upper' }])).rejects.toThrow(
      /key "USER" is the same key as the stored "user" under the key column's collation/,
    );
    await expect(
      backend.editing.writeMany(ns, [
        { key: 'new', value: '1' },
        { key: 'NEW', value: '2' },
      ]),
    ).rejects.toBeInstanceOf(StoreInputError);
    await expect(backend.editing.writeIfUnchanged(ns, { key: 'User', value: 'x' }, null)).rejects.toThrow(/same key/);
    await expect(backend.editing.rename(ns, 'user', 'USER')).rejects.toThrow(/same key/);
    expect(await backend.editing.deleteMany(ns, ['USER'])).toBe(0);
    const [rows] = await raw.query<mysql.RowDataPacket[]>(`SELECT \`key\`, value FROM ${table()}`);
    expect(rows.map((row) => [row.key, row.value.toString()])).toEqual([['user', 'lower']]);
  });

  it('refuses a write when the record changed since the editor saw it', async () => {
    const first = await backend.editing.writeIfUnchanged(ns, { key: 'k', value: 'v1' }, null);
    const second = await backend.editing.writeIfUnchanged(ns, { key: 'k', value: 'v2' }, first);
    expect(second).not.toBe(first);
    expect((await backend.reading.inspect(ns, 'k', 10)).revision).toBe(second);
    // A service writes in between:
    await goMicroWrites('k', Buffer.from('service'), 60_000);
    const stale = backend.editing.writeIfUnchanged(ns, { key: 'k', value: 'mine' }, second);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ current: { key: 'k' } });
    await expect(backend.editing.writeIfUnchanged(ns, { key: 'k', value: 'new' }, null)).rejects.toBeInstanceOf(
      ConflictError,
    );
    const [rows] = await raw.query<mysql.RowDataPacket[]>(`SELECT value FROM ${table()} WHERE \`key\` = 'k'`);
    expect(rows[0]?.value.toString()).toBe('service');
    // go-micro's Expiry 0 is expired at once: missing, so a new record may take its key.
    await goMicroWrites('dead', Buffer.from('x'), 0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(backend.editing.writeIfUnchanged(ns, { key: 'dead', value: 'reborn' }, null)).resolves.toMatch(
      /^[0-9a-f]{32}$/,
    );
  });

  it('writes many in one transaction under each conflict policy; renames, duplicates, deletes, sets expiry', async () => {
    await backend.editing.writeMany(ns, [{ key: 'a', value: 'old' }]);
    const twoNew = [
      { key: 'a', value: 'x' },
      { key: 'b', value: 'y' },
    ];
    expect(await backend.editing.writeMany(ns, twoNew, 'skip')).toEqual({ written: 1, overwritten: 0, skipped: 1 });
    await expect(backend.editing.writeMany(ns, [{ key: 'c', value: 'z' }, twoNew[0]!], 'fail')).rejects.toThrow(
      /key "a" already exists; nothing was written/,
    );
    expect(await keysOf()).toEqual(['a', 'b']);
    expect(await backend.editing.writeMany(ns, [{ key: 'a', value: 'new' }])).toEqual({
      written: 0,
      overwritten: 1,
      skipped: 0,
    });
    await backend.editing.setExpiry?.(ns, ['a'], { ttl: 60_000 });
    await backend.editing.duplicate(ns, 'a', 'user/2');
    await backend.editing.rename(ns, 'a', 'moved');
    expect(await keysOf()).toEqual(['b', 'moved', 'user/2']);
    const [moved] = await backend.reading.recordsByKey(ns, ['moved']);
    expect(moved?.expiry).toBeGreaterThan(55_000);
    await expect(backend.editing.rename(ns, 'moved', 'user/2')).rejects.toThrow(/already exists/);
    expect(await backend.editing.setExpiry?.(ns, ['moved'], { none: true })).toBe(1);
    expect((await backend.reading.recordsByKey(ns, ['moved']))[0]?.expiry).toBe(0);
    expect(await backend.editing.deleteMatching(ns, { prefix: 'user/' })).toBe(1);
    expect(await backend.editing.deleteMany(ns, ['b', 'nope'])).toBe(1);
    expect(await keysOf()).toEqual(['moved']);
  });

  it('moves its change token when a service writes, and settles when the table is quiet', async () => {
    const token = () => backend.watching.changeToken(ns);
    const settled = async () => {
      for (let tries = 0; tries < 40; tries++) {
        const before = await token();
        await new Promise((resolve) => setTimeout(resolve, 200));
        if ((await token()) === before) return before;
      }
      throw new Error('the token never settled');
    };
    await goMicroWrites('a', Buffer.from('1'), 60_000);
    const quiet = await settled();
    await goMicroWrites('a', Buffer.from('2'), 60_000);
    expect(await token()).not.toBe(quiet);
    const again = await settled();
    expect(again).not.toBe(quiet);
    await raw.query(`DELETE FROM ${table()}`);
    expect(await token()).not.toBe(again);
  }, 30_000);

  it("creates a table with go-micro's DDL; refuses names go-micro could not use", async () => {
    const created = { database: ns.database, table: 'orders2024' };
    await backend.editing.createTable(created);
    const [rows] = await raw.query<mysql.RowDataPacket[]>(`SHOW CREATE TABLE \`${ns.database}\`.orders2024`);
    expect(rows[0]?.['Create Table']).toMatch(
      /`key` varchar\(255\) NOT NULL,\s+`value` blob DEFAULT NULL,\s+`expiry` timestamp NOT NULL,\s+PRIMARY KEY \(`key`\)/,
    );
    await raw.query(`CREATE TABLE \`${ns.database}\`.notmicro (\`key\` varchar(10) PRIMARY KEY, value blob)`);
    const mine = (await backend.reading.databases()).find((db) => db.database === ns.database);
    expect(mine?.tables.map((t) => t.table)).toEqual(['micro', 'orders2024']);
    await expect(
      backend.reading.page({ ...ns, table: 'notmicro' }, { filter: {}, order: 'asc', limit: 1 }),
    ).rejects.toThrow(/is not a go-micro table/);
    await expect(backend.editing.createTable({ database: 'db2', table: 'micro' })).rejects.toThrow(/letters only/);
    await expect(backend.editing.createTable({ database: ns.database, table: 'my-table' })).rejects.toThrow(/unquoted/);
  });

  it('reports a server that is not there by name, with what to do', async () => {
    const failing = openMysqlBackend(serverTarget('mysql://root@127.0.0.1:1/test'));
    await expect(failing).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(failing).rejects.toThrow(/MySQL at 127\.0\.0\.1:1 refused the connection: is the server running/);
  });

  const ourConnections = async () => {
    const [rows] = await raw.query<mysql.RowDataPacket[]>(
      'SELECT ID AS id, INFO AS info FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER = ?',
      ['root'],
    );
    return rows as { id: number; info: string | null }[];
  };

  it('loses nothing half-written when the server kills the connection mid-import, and reconnects after', async () => {
    const records = Array.from({ length: 30_000 }, (_, i) => ({ key: `k${i}`, value: `v${i}`.repeat(20) }));
    const outcome = backend.editing.writeMany(ns, records).then(
      () => 'finished',
      (error: Error) => error,
    );
    let killed = 0;
    for (let tries = 0; tries < 400 && killed === 0; tries++) {
      for (const connection of await ourConnections()) {
        if (connection.info?.includes(ns.database)) {
          await raw.query(`KILL ${connection.id}`);
          killed++;
        }
      }
      if (killed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const failure = await outcome;
    expect(failure).toBeInstanceOf(BackendUnavailableError);
    expect((failure as Error).message).toMatch(/^MySQL at 127\.0\.0\.1:3306 dropped the connection/);
    const [rows] = await raw.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table()}`);
    expect(Number(rows[0]?.n)).toBe(0);
    await backend.editing.writeMany(ns, [{ key: 'after', value: 'v' }]);
    expect(await keysOf()).toEqual(['after']);
  });

  it('opens a fresh connection when its idle ones were killed', async () => {
    await backend.editing.writeMany(ns, [{ key: 'a', value: 'v' }]);
    for (const connection of await ourConnections()) {
      if (connection.info === null) await raw.query(`KILL ${connection.id}`).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await keysOf()).toEqual(['a']);
  });
});
