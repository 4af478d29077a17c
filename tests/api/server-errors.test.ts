/**
 * Common server problems, made to happen against the real servers, as the Open connection dialog and the CLI
 * receive them: each is `unavailable` with its reason and a sentence that names the server, never the
 * internal-fault `unexpected error`, and a connection that never carried a write never speaks of one.
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ApiError } from '../../electron/api/contract/results.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { ApiCallError } from '../../renderer/src/api/api-client.js';
import { connectionProblem } from '../../renderer/src/connect/connection-problem.js';
import { MYSQL, NATS, POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { apiClient } from '../helpers/api-client.js';
import { runInProcess } from '../helpers/cli.js';

const reachable = {
  postgres: await serverAvailable(POSTGRES),
  redis: await serverAvailable(REDIS),
  nats: await serverAvailable(NATS),
  mysql: await serverAvailable(MYSQL),
};

/** What Test connection answers for `url`, with the session closed afterwards. */
async function testConnection(url: string): Promise<ApiError> {
  const session = new StoreSession();
  try {
    return await apiClient(session).error('connections.test', { url });
  } finally {
    await session.close();
  }
}

/** What store.connect (the dialog's Connect, the CLI's --store) answers for `url`. */
async function connectTo(url: string): Promise<ApiError> {
  const session = new StoreSession();
  try {
    return await apiClient(session).error('store.connect', { url });
  } finally {
    await session.close();
  }
}

/** The Open connection dialog's heading for it. */
function heading(error: ApiError): string {
  return connectionProblem(new ApiCallError(error), false).heading;
}

function expectNoWriteTalk(error: ApiError): void {
  expect(error.message).not.toMatch(/unexpected error/);
  expect(error.message).not.toMatch(/unfinished write/);
}

describe.runIf(reachable.postgres)('Postgres problems', () => {
  it('a database that does not exist is refused with its name and the server', async () => {
    for (const error of [
      await testConnection('postgres://root@127.0.0.1:5432/nodb'),
      await connectTo('postgres://root@127.0.0.1:5432/nodb'),
    ]) {
      expect(error).toMatchObject({ code: 'unavailable', reason: 'refused' });
      expect(error.message).toMatch(/database nodb does not exist on 127\.0\.0\.1:5432/);
      expect(heading(error)).toBe('No such database on the server');
      expectNoWriteTalk(error);
    }
  });
});

describe.runIf(reachable.mysql)('MySQL problems', () => {
  it('a database that does not exist is refused with its name and the server', async () => {
    for (const error of [
      await testConnection('mysql://root@127.0.0.1:3306/nonexist'),
      await connectTo('mysql://root@127.0.0.1:3306/nonexist'),
    ]) {
      expect(error).toMatchObject({ code: 'unavailable', reason: 'refused' });
      expect(error.message).toMatch(/database nonexist does not exist on 127\.0\.0\.1:3306/);
      expect(heading(error)).toBe('No such database on the server');
      expectNoWriteTalk(error);
    }
  });
});

describe.runIf(reachable.mysql && reachable.redis)('the command line', () => {
  it('prints the same sentences, never "unexpected error"', async () => {
    const mysql = await runInProcess(['read', 'k', '--store', 'mysql://root@127.0.0.1:3306/nonexist']);
    expect(mysql.status).not.toBe(0);
    expect(mysql.stderr).toMatch(/database nonexist does not exist on 127\.0\.0\.1:3306/);
    expect(mysql.stderr).not.toMatch(/unexpected error/);
    const redis = await runInProcess(['write', 'k', 'v', '--store', 'redis://127.0.0.1:6379/99']);
    expect(redis.status).not.toBe(0);
    expect(redis.stderr).toMatch(/refused database 99 \(ERR DB index is out of range\)/);
  });
});

describe.runIf(reachable.nats)('NATS problems', () => {
  it('nothing listening is a refused connection', async () => {
    const error = await testConnection('nats://127.0.0.1:4223');
    expect(error).toMatchObject({ code: 'unavailable', reason: 'refused' });
    expect(error.message).toMatch(/NATS at 127\.0\.0\.1:4223 refused the connection/);
    expect(heading(error)).toBe('Connection refused');
    expectNoWriteTalk(error);
  });

  it('a bucket that does not exist is "No such database", not a wrong shape', async () => {
    const session = new StoreSession();
    onTestFinished(() => session.close());
    const error = await apiClient(session).error('connections.test', {
      url: 'nats://127.0.0.1:4222',
      database: 'si_no_such_bucket',
      table: 'micro',
    });
    expect(error).toMatchObject({ code: 'not-found' });
    expect(error.message).toMatch(/database "si_no_such_bucket" does not exist: there is no KV bucket/);
    expect(connectionProblem(new ApiCallError(error), true).heading).toBe('No such database');
  });
});

describe.runIf(reachable.redis)('Redis problems', () => {
  it('a port that is not Redis (Postgres) says so, without talk of a write', async () => {
    const error = await testConnection('redis://127.0.0.1:5432/0');
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/127\.0\.0\.1:5432 did not answer as a Redis server/);
    expect(heading(error)).toBe('Not that kind of server (wrong port?)');
    expectNoWriteTalk(error);
  }, 20_000);

  it("a database number past the server's count is refused, not quietly database 0", async () => {
    const error = await testConnection('redis://127.0.0.1:6379/99');
    expect(error).toMatchObject({ code: 'unavailable', reason: 'refused' });
    expect(error.message).toMatch(/ERR DB index is out of range/);
    expect(error.message).toMatch(/database 99/);
    expect(heading(error)).toBe('No such Redis database on the server');
    expectNoWriteTalk(error);
  });
});

describe.runIf(reachable.postgres && reachable.mysql && reachable.redis && reachable.nats)(
  'a port that belongs to another kind of server',
  () => {
    // Redis says nothing to either client until it gets a line of text; NATS and MySQL speak first.
    it.each([
      ['postgres', 6379, 'Postgres'],
      ['postgres', 4222, 'Postgres'],
      ['postgres', 3306, 'Postgres'],
      ['mysql', 6379, 'MySQL'],
      ['mysql', 4222, 'MySQL'],
      ['mysql', 5432, 'MySQL'],
    ])(
      '%s:// at port %i says at once it is not that server, as Redis does',
      async (scheme, port, name) => {
        const started = Date.now();
        const error = await testConnection(`${scheme}://root@127.0.0.1:${port}/test`);
        expect(Date.now() - started).toBeLessThan(3_000);
        expect(error).toMatchObject({ code: 'unavailable', reason: 'refused' });
        expect(error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} did not answer as a ${name} server \\(`));
        expect(error.message).toMatch(new RegExp(`is that the ${name} port\\?`));
        expect(heading(error)).toBe('Not that kind of server (wrong port?)');
        expectNoWriteTalk(error);
      },
      20_000,
    );

    it.each([
      ['postgres', 5432],
      ['mysql', 3306],
    ])(
      '%s slower than a second to say its first word still opens',
      async (scheme, port) => {
        const slow = await slowToStart(port, 1_500);
        const session = new StoreSession();
        onTestFinished(() => session.close());
        await apiClient(session).value('connections.test', { url: `${scheme}://root@127.0.0.1:${slow}/test` });
      },
      20_000,
    );

    it('shows what the other server said', async () => {
      expect((await testConnection('postgres://root@127.0.0.1:4222/test')).message).toMatch(/it sent "INFO \{/);
      expect((await testConnection('postgres://root@127.0.0.1:6379/test')).message).toMatch(
        /it answered "\+PONG" to a line of text/,
      );
      expect((await testConnection('mysql://root@127.0.0.1:5432/test')).message).toMatch(
        /it closed a connection without a greeting/,
      );
    }, 20_000);
  },
);

/**
 * The real server on `port` behind a listener that holds back each connection's first answer for `delayMs`
 * (a busy server, a slow login), then passes everything on in order.
 */
async function slowToStart(port: number, delayMs: number): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    let held: Promise<void> | undefined;
    const after = (step: () => void) => void (held ?? Promise.resolve()).then(step);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      held ??= new Promise((resolve) => setTimeout(resolve, delayMs));
      after(() => client.write(chunk));
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => after(() => client.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

/** A real listener that accepts and never says a word: a host whose firewall swallows the handshake. */
async function silentPort(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

describe('servers that never answer', () => {
  it.each(['postgres', 'mysql', 'redis'])(
    '%s times out after 5 s, without talk of a write',
    async (kind) => {
      const port = await silentPort();
      const error = await testConnection(`${kind}://root@127.0.0.1:${port}/${kind === 'redis' ? '0' : 'test'}`);
      expect(error).toMatchObject({ code: 'unavailable', reason: 'timeout' });
      expect(heading(error)).toBe('Server unreachable (no answer in time)');
      expect(error.message).toMatch(new RegExp(`at 127\\.0\\.0\\.1:${port} did not answer: timed out after 5 s`));
      expectNoWriteTalk(error);
    },
    20_000,
  );

  it('an address nobody routes is unavailable, never a lost write', async () => {
    // Where 10.255.255.1 is dropped this is a timeout; behind a proxy that answers for it, a closed connection.
    const error = await testConnection('postgres://root@10.255.255.1:5432/test');
    expect(error.code).toBe('unavailable');
    if ((error as { reason?: string }).reason === 'timeout') expect(error.message).toMatch(/timed out after 5 s/);
    expectNoWriteTalk(error);
  }, 20_000);
});
