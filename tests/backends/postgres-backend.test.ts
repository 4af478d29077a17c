import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canEdit } from '../../electron/backends/backend.js';
import { BackendUnavailableError } from '../../electron/backends/backend-errors.js';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { PostgresBackend } from '../../electron/backends/postgres/postgres-backend.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import { StoreInputError } from '../../electron/store/types.js';
import { POSTGRES, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(POSTGRES);

describe.skipIf(!reachable)('the Postgres backend behind the seam', () => {
  let backend: PostgresBackend;
  let ns: Namespace;

  beforeEach(async () => {
    const target = parseConnectionString('postgresql://root:unused@127.0.0.1/test', {});
    if (target.kind === 'path') throw new Error('expected a server');
    backend = new PostgresBackend(target);
    ns = { database: `si_test_${randomBytes(6).toString('hex')}`, table: 'micro' };
    await backend.editing.createTable(ns);
  });
  afterEach(async () => {
    await backend.close();
    const raw = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
    await raw.connect();
    await raw.query(`DROP SCHEMA IF EXISTS "${ns.database}" CASCADE`);
    await raw.end();
  });

  const keys = async () =>
    (await backend.reading.page(ns, { filter: {}, order: 'asc', limit: 100 })).records.map((row) => row.key);

  it('declares what it can do and masks the password it was given', () => {
    expect(canEdit(backend)).toBe(true);
    expect(backend.capabilities).toMatchObject({ metadata: true, perRecordExpiry: true, orderedPaging: true });
    expect(backend.display).toBe('postgresql://root:****@127.0.0.1/test');
  });

  it('lists the schema as a database with its table and counts', async () => {
    await backend.editing.writeMany(ns, [
      { key: 'a', value: '1' },
      { key: 'b', value: '2', expiry: 60_000 },
    ]);
    const mine = (await backend.reading.databases()).find((db) => db.database === ns.database);
    expect(mine).toEqual({ database: ns.database, tables: [{ table: 'micro', count: 2, expired: 0 }] });
  });

  it('refuses a table that is not in go-micro shape, saying what it needs', async () => {
    const missing = backend.reading.page({ ...ns, table: 'nope' }, { filter: {}, order: 'asc', limit: 1 });
    await expect(missing).rejects.toBeInstanceOf(StoreInputError);
    await expect(missing).rejects.toThrow(/is not a go-micro table \(it needs exactly key text primary key/);
  });

  it('writes many in one transaction under each conflict policy', async () => {
    await backend.editing.writeMany(ns, [{ key: 'a', value: 'old' }]);
    expect(
      await backend.editing.writeMany(
        ns,
        [
          { key: 'a', value: 'x' },
          { key: 'b', value: 'y' },
        ],
        'skip',
      ),
    ).toEqual({
      written: 1,
      overwritten: 0,
      skipped: 1,
    });
    const failing = backend.editing.writeMany(
      ns,
      [
        { key: 'c', value: 'z' },
        { key: 'a', value: 'x' },
      ],
      'fail',
    );
    await expect(failing).rejects.toThrow(/key "a" already exists; nothing was written/);
    expect(await keys()).toEqual(['a', 'b']);
    expect(await backend.editing.writeMany(ns, [{ key: 'a', value: 'new' }], 'overwrite')).toEqual({
      written: 0,
      overwritten: 1,
      skipped: 0,
    });
  });

  it('writes an import the same inside a transaction as outside: statements of 1,000, a key given twice ends as its last record', async () => {
    // Three statements of at most 1,000 rows; "k7" again in the last, and "dup" twice within it.
    const records = [
      ...Array.from({ length: 2_500 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
      { key: 'k7', value: 'later' },
      { key: 'dup', value: 'first' },
      { key: 'dup', value: 'second' },
    ];
    const other = { ...ns, table: 'other' };
    await backend.editing.createTable(other);
    const outside = await backend.editing.writeMany(ns, records);
    const inside = await backend.editing.transaction?.((writing) => writing.writeMany(other, records, 'overwrite'));
    expect(outside).toEqual({ written: 2_501, overwritten: 2, skipped: 0 });
    expect(inside).toEqual(outside);
    for (const table of [ns, other]) {
      const found = await backend.reading.recordsByKey(table, ['k7', 'dup', 'k2499']);
      expect(found.map((record) => Buffer.from(record.value).toString())).toEqual(['second', 'v2499', 'later']);
    }
  });

  it('renames and duplicates keeping value, metadata and expiry; deletes by filter; sets expiry', async () => {
    await backend.editing.writeMany(ns, [{ key: 'user/1', value: 'v', metadata: { m: 1 }, expiry: 60_000 }]);
    await backend.editing.duplicate(ns, 'user/1', 'user/2');
    await backend.editing.rename(ns, 'user/1', 'moved');
    expect(await keys()).toEqual(['moved', 'user/2']);
    const [moved, copy] = await backend.reading.recordsByKey(ns, ['moved', 'user/2']);
    expect(moved?.metadata).toEqual({ m: 1 });
    expect(copy?.expiry).toBeGreaterThan(50_000);
    await expect(backend.editing.rename(ns, 'moved', 'user/2')).rejects.toThrow(/already exists/);
    expect(await backend.editing.setExpiry?.(ns, ['moved'], { none: true })).toBe(1);
    expect((await backend.reading.recordsByKey(ns, ['moved']))[0]?.expiry).toBe(0);
    expect(await backend.editing.deleteMatching(ns, { prefix: 'user/' })).toBe(1);
    expect(await keys()).toEqual(['moved']);
  });

  it('loses nothing half-written when the server drops the connection mid-import, and reconnects after', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    const importing = backend.editing.writeMany(ns, records);
    const outcome = importing.then(
      () => 'finished',
      (error: Error) => error,
    );
    // The server ends the importing session, as a restart or an admin would.
    const admin = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
    await admin.connect();
    let killed = 0;
    for (let tries = 0; tries < 200 && killed === 0; tries++) {
      const { rows } = await admin.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') AND query LIKE $1`,
        [`INSERT INTO "${ns.database}"%`],
      );
      killed = rows.filter((row) => row.ended).length;
      if (killed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const failure = await outcome;
    expect(failure).toBeInstanceOf(BackendUnavailableError);
    expect((failure as Error).message).toMatch(/^Postgres at 127\.0\.0\.1:5432 (dropped the connection|refused)/);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${ns.database}".micro`);
    await admin.end();
    expect(rows[0].n).toBe(0);
    // The pool opens a fresh connection for the next call.
    await backend.editing.writeMany(ns, [{ key: 'after', value: 'v' }]);
    expect(await keys()).toEqual(['after']);
  });
});
