import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../../electron/backends/backend-errors.js';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { PostgresBackend } from '../../electron/backends/postgres/postgres-backend.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import { POSTGRES, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(POSTGRES);
const RAW_URL = 'postgresql://root@127.0.0.1/test';

/** Polls the token as the live view would (every 100 ms) until it differs from `before`, for at most `ms`. */
async function movesWithin(backend: PostgresBackend, ns: Namespace, before: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await backend.watching.changeToken(ns)) !== before) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe.skipIf(!reachable)('the Postgres backend live: polling a change token, surviving a lost server', () => {
  let backend: PostgresBackend;
  let ns: Namespace;
  let service: pg.Client;

  beforeEach(async () => {
    const target = parseConnectionString('postgresql://root@127.0.0.1/test', {});
    if (target.kind === 'path') throw new Error('expected a server');
    backend = new PostgresBackend(target);
    ns = { database: `si_test_${randomBytes(6).toString('hex')}`, table: 'micro' };
    await backend.editing.createTable(ns);
    await backend.editing.createTable({ ...ns, table: 'other' });
    await backend.editing.writeMany(ns, [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    // Another client, as a go-micro service would be.
    service = new pg.Client({ connectionString: RAW_URL });
    await service.connect();
  });
  afterEach(async () => {
    await backend.close();
    await service.query(`DROP SCHEMA IF EXISTS "${ns.database}" CASCADE`);
    await service.end();
  });

  const table = () => `"${ns.database}".micro`;

  it('polls for changes and says so', () => {
    expect(backend.capabilities.liveChanges).toBe('polling');
    expect(backend.watching.mode).toBe('polling');
  });

  it('keeps its token while nothing writes the table, even when other tables are written', async () => {
    const first = await backend.watching.changeToken(ns);
    await service.query(`INSERT INTO "${ns.database}".other (key, value, metadata) VALUES ('x', 'v', '{}')`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await backend.watching.changeToken(ns)).toBe(first);
    expect(await backend.watching.changeToken(ns)).toBe(first);
  });

  it.each([
    ['an insert', `INSERT INTO %t (key, value, metadata) VALUES ('c', 'v', '{}')`],
    ['an update', `UPDATE %t SET value = 'changed' WHERE key = 'a'`],
    ['an update to the same value', `UPDATE %t SET value = value WHERE key = 'a'`],
    ['a delete', `DELETE FROM %t WHERE key = 'b'`],
    ['an expiry set', `UPDATE %t SET expiry = now() + interval '1 hour' WHERE key = 'a'`],
  ])('moves within a second of %s by another client', async (_, sql) => {
    const before = await backend.watching.changeToken(ns);
    await service.query(sql.replace('%t', table()));
    expect(await movesWithin(backend, ns, before, 1_000)).toBe(true);
  });

  it('does not move for a write still uncommitted, and moves once it commits', async () => {
    const before = await backend.watching.changeToken(ns);
    await service.query('BEGIN');
    await service.query(`INSERT INTO ${table()} (key, value, metadata) VALUES ('pending', 'v', '{}')`);
    expect(await movesWithin(backend, ns, before, 300)).toBe(false);
    await service.query('COMMIT');
    expect(await movesWithin(backend, ns, before, 1_000)).toBe(true);
  });

  it('estimates the row count from the catalog once the table was analysed', async () => {
    await service.query(
      `INSERT INTO ${table()} (key, value, metadata) SELECT 'k' || i, 'v', '{}' FROM generate_series(1, 998) AS i`,
    );
    await service.query(`ANALYZE ${table()}`);
    expect(await backend.reading.estimatedCount?.(ns)).toBe(1000);
    expect(await backend.reading.estimatedCount?.({ ...ns, table: 'other' })).toBeNull();
  });

  it('says the server ended its connections by name, then reconnects on the next call', async () => {
    await backend.reading.page(ns, { filter: {}, order: 'asc', limit: 10 });
    // Only this test's connections: those whose last query named its schema.
    const { rows } = await service.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE $1`,
      [`%${ns.database}%`],
    );
    expect(rows.length).toBeGreaterThan(0);
    const first = await backend.reading.page(ns, { filter: {}, order: 'asc', limit: 10 }).then(
      (page) => page.records.map((row) => row.key),
      (error: Error) => error,
    );
    // The pool may have noticed the ended connection before this call (then it just opens another one).
    if (first instanceof Error) {
      expect(first).toBeInstanceOf(BackendUnavailableError);
      expect(first.message).toMatch(/^Postgres at 127\.0\.0\.1:5432 dropped the connection/);
    } else expect(first).toEqual(['a', 'b']);
    const again = await backend.reading.page(ns, { filter: {}, order: 'asc', limit: 10 });
    expect(again.records.map((row) => row.key)).toEqual(['a', 'b']);
  });

  it('names the server when used after it was closed', async () => {
    await backend.close();
    const late = backend.reading.page(ns, { filter: {}, order: 'asc', limit: 1 });
    await expect(late).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(late).rejects.toThrow(/^Postgres at 127\.0\.0\.1:5432 is no longer open here/);
    const target = parseConnectionString('postgresql://root@127.0.0.1/test', {});
    if (target.kind === 'path') throw new Error('expected a server');
    backend = new PostgresBackend(target);
  });
});
