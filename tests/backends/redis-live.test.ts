import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConnectionString, type ServerTarget } from '../../electron/backends/connection-string.js';
import { openRedisBackend } from '../../electron/backends/redis/redis-backend.js';
import { BackendUnavailableError } from '../../electron/backends/redis/redis-errors.js';
import { scanSortedKeys } from '../../electron/backends/redis/redis-key-scan.js';
import type { Change } from '../../electron/store/change-feed.js';
import { eventually, randomTable, rawClient, removeTable } from './redis-fixture.js';
import { REDIS, serverAvailable } from './server-available.js';

const reachable = await serverAvailable(REDIS);

function targetOf(url: string): ServerTarget {
  return parseConnectionString(url) as ServerTarget;
}

describe.skipIf(!reachable)('Redis live changes and a lost server', () => {
  let client: Redis;
  let table: string;
  let notifications: string;
  const ns = () => ({ database: 'micro', table });

  beforeAll(async () => {
    client = rawClient();
    notifications = ((await client.config('GET', 'notify-keyspace-events')) as string[])[1] ?? '';
  });
  afterAll(async () => {
    // The server's setting is the operator's: put back what was there.
    await client?.config('SET', 'notify-keyspace-events', notifications);
    await client?.quit();
  });
  beforeEach(() => {
    table = randomTable();
  });
  afterEach(async () => {
    await removeTable(client, table);
  });

  it('pushes external writes within a second when the server publishes keyspace events', async () => {
    await client.config('SET', 'notify-keyspace-events', 'KEA');
    const backend = await openRedisBackend(targetOf('redis://127.0.0.1:6379/0'));
    try {
      expect(backend.capabilities.liveChanges).toBe('events');
      expect(backend.watching.mode).toBe('events');
      await client.set(`${table}before`, 'x');
      const first = await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
      expect(first.records.map((row) => row.key)).toEqual(['before']);
      // A write is told apart as create or update by the table's key list: wait until it is complete (a
      // first page may come while it is still being listed, on a busy server with many keys).
      expect(await backend.reading.count(ns(), {})).toBe(1);
      const changes: Change[] = [];
      const stop =
        backend.watching.mode === 'events' ? backend.watching.subscribe(ns(), (c) => changes.push(c)) : () => {};
      const started = Date.now();
      await client.set(`${table}new`, 'from a service');
      await client.set(`${table}before`, 'changed');
      await client.set(`${table}short`, 'x', 'PX', 50);
      await client.del(`${table}new`);
      await eventually(() => {
        expect(changes.map(({ key, kind }) => `${kind} ${key}`)).toEqual([
          'create new',
          'update before',
          'create short',
          'update short',
          'delete new',
          'expired short',
        ]);
      });
      expect(Date.now() - started).toBeLessThan(1_000 + 200);
      await client.set(`${table}later`, 'y');
      await eventually(async () => {
        const page = await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
        expect(page.records.map((row) => row.key)).toEqual(['before', 'later']);
      }, 1_000);
      stop();
    } finally {
      await backend.close();
    }
  });

  it('says why and polls the visible page when the server publishes no events', async () => {
    await client.config('SET', 'notify-keyspace-events', '');
    const backend = await openRedisBackend(targetOf('redis://127.0.0.1:6379/0'));
    try {
      expect(backend.capabilities.liveChanges).toBe('polling');
      expect(backend.liveNote).toContain('CONFIG SET notify-keyspace-events');
      if (backend.watching.mode !== 'polling') throw new Error('expected polling');
      const watching = backend.watching;
      await client.set(`${table}a`, '1');
      await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
      const before = await watching.changeToken(ns());
      expect(await watching.changeToken(ns())).toBe(before);
      await client.set(`${table}a`, '2');
      const after = await watching.changeToken(ns());
      expect(after).not.toBe(before);
      await client.pexpire(`${table}a`, 60_000);
      expect(await watching.changeToken(ns())).not.toBe(after);
    } finally {
      await backend.close();
    }
  });

  it('a killed connection gives a clear error, then the next calls work again; a batch is whole or absent', async () => {
    const name = `si-test-${randomBytes(4).toString('hex')}`;
    const backend = await openRedisBackend(targetOf(`redis://127.0.0.1:6379/0?client_name=${name}`));
    try {
      await client.set(`${table}k`, 'v');
      await backend.reading.page(ns(), { filter: {}, order: 'asc', limit: 10 });
      const batch = Array.from({ length: 1_000 }, (_, index) => ({ key: `batch/${index}`, value: 'x'.repeat(200) }));
      const writing = backend.editing.writeMany(ns(), batch).catch((error: unknown) => error);
      await killClients(client, name);
      const failed = await backend.reading.inspect(ns(), 'k', 10).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(BackendUnavailableError);
      expect(String((failed as Error).message)).toMatch(/^Redis at 127\.0\.0\.1:6379 is not connected .* reconnect/);
      const written = await writing;
      const count = (await scanSortedKeys(client, table, 'batch/')).length;
      expect([0, 1_000]).toContain(count);
      if (written instanceof Error) expect(written).toBeInstanceOf(BackendUnavailableError);
      await eventually(async () => {
        expect((await backend.reading.inspect(ns(), 'k', 10)).size).toBe(1);
      });
    } finally {
      await backend.close();
    }
  });
});

async function killClients(client: Redis, name: string): Promise<void> {
  const list = (await client.client('LIST')) as string;
  for (const line of list.split('\n')) {
    const id = /^id=(\d+) .* name=(\S*)/.exec(line);
    if (id?.[2] === name) await client.client('KILL', 'ID', id[1] as string);
  }
}

const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);

describe.skipIf(!reachable || redisServer === undefined)('Redis that goes down and comes back', () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let server: ChildProcess | undefined;

  const start = async () => {
    server = spawn(
      redisServer as string,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await eventually(async () => {
      const probe = await openRedisBackend(targetOf(`redis://127.0.0.1:${port}/0`));
      await probe.close();
    }, 5_000);
  };
  const stop = async () => {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server?.kill('SIGTERM');
    await exited;
  };
  afterAll(async () => {
    if (server?.exitCode === null) await stop();
  });

  it('names the server when it is not there, and recovers by itself when it returns', async () => {
    const refused = openRedisBackend(targetOf(`redis://127.0.0.1:${port}/0`));
    await expect(refused).rejects.toThrow(`Redis at 127.0.0.1:${port} refused the connection`);
    await start();
    const backend = await openRedisBackend(targetOf(`redis://127.0.0.1:${port}/0`));
    const ns = { database: 'micro', table: 'micro' };
    try {
      await backend.editing.writeMany(ns, [{ key: 'a', value: '1' }]);
      await stop();
      const down = backend.reading.inspect(ns, 'a', 10);
      await expect(down).rejects.toBeInstanceOf(BackendUnavailableError);
      await expect(down).rejects.toThrow(`Redis at 127.0.0.1:${port}`);
      await expect(backend.editing.writeMany(ns, [{ key: 'b', value: '2' }])).rejects.toBeInstanceOf(
        BackendUnavailableError,
      );
      await start();
      await eventually(async () => {
        await backend.editing.writeMany(ns, [{ key: 'c', value: '3' }]);
      }, 5_000);
      expect((await backend.reading.inspect(ns, 'c', 10)).size).toBe(1);
    } finally {
      await backend.close();
    }
  });
});

describe.skipIf(redisServer === undefined)('a Redis Cluster node', () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'si-redis-cluster-'));
  let server: ChildProcess | undefined;

  afterAll(async () => {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    if (server?.exitCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with a clear reason, rather than shown as a store holding only its own share of keys', async () => {
    server = spawn(
      redisServer as string,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    // The same server, standalone: it opens (so the refusal below is the cluster's, not the port's).
    await eventually(async () => {
      const probe = await openRedisBackend(targetOf(`redis://127.0.0.1:${port}/0`));
      await probe.close();
    }, 5_000);
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    server = spawn(
      redisServer as string,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir].concat([
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
      ]),
      { stdio: 'ignore' },
    );
    let refusal: unknown;
    await eventually(async () => {
      refusal = await openRedisBackend(targetOf(`redis://127.0.0.1:${port}/0`)).then(
        (opened) => opened.close(),
        (error: unknown) => error,
      );
      expect(String(refusal)).not.toMatch(/refused the connection/);
    }, 5_000);
    expect(refusal).toBeInstanceOf(BackendUnavailableError);
    expect(String((refusal as Error).message)).toMatch(
      new RegExp(`^Redis at 127\\.0\\.0\\.1:${port} is a Redis Cluster node .*one standalone server`),
    );
  });
});

describe.skipIf(redisServer === undefined)('a Redis that requires a password', () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let server: ChildProcess | undefined;

  afterAll(async () => {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    if (server?.exitCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses the open without it (not the first page), and opens for a user who may not read INFO', async () => {
    server = spawn(
      redisServer as string,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'si_pw'],
      { stdio: 'ignore' },
    );
    const url = (auth: string) => targetOf(`redis://${auth}127.0.0.1:${port}/0`);
    await eventually(async () => {
      const probe = await openRedisBackend(url(':si_pw@'));
      await probe.close();
    }, 5_000);
    // Refused at open, with ioredis's ready check off (checkServer stands for it), not at the first page.
    const refused = openRedisBackend(url(''));
    await expect(refused).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(refused).rejects.toMatchObject({ reason: 'auth-failed' });
    await expect(refused).rejects.toThrow(`Redis at 127.0.0.1:${port}`);
    // ioredis's ready check let NOPERM through; so does ours (a standalone server is assumed).
    const admin = await openRedisBackend(url(':si_pw@'));
    await admin.close();
    const { Redis } = await import('ioredis');
    const raw = new Redis({ port, host: '127.0.0.1', password: 'si_pw' });
    await raw.acl('SETUSER', 'si_reader', 'on', '>si_pw2', '~*', '+@all', '-info');
    await raw.quit();
    const reader = await openRedisBackend(url('si_reader:si_pw2@'));
    try {
      expect(reader.capabilities.reading).toBe(true);
    } finally {
      await reader.close();
    }
  });
});
