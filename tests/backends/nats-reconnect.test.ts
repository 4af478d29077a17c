import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../../electron/backends/backend-errors.js';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { type NatsBackend, openNatsBackend } from '../../electron/backends/nats/nats-backend.js';
import type { Change } from '../../electron/store/change-feed.js';

/** The suite runs its own nats-server, so stopping it mid-run disturbs no other suite. */
const SERVER = '/usr/sbin/nats-server';
const present = existsSync(SERVER);
if (!present) {
  const line = `nats-server is not installed at ${SERVER}; to run these tests: apt-get install -y nats-server`;
  if (process.env.CI === 'true') throw new Error(`${line} (CI=true: backend suites must run, not skip)`);
  console.warn(`SKIPPED backend suite: ${line}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

async function until<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() - started > ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe.skipIf(!present)('the NATS backend when its server goes away mid-run', () => {
  let dir: string;
  let port: number;
  let server: ChildProcess | undefined;
  let backend: NatsBackend;

  const start = () => {
    server = spawn(SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
  };
  const stop = async () => {
    const child = server;
    if (child === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    server = undefined;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'si-nats-'));
    port = await freePort();
    start();
    const target = parseConnectionString(`nats://127.0.0.1:${port}`, {});
    if (target.kind === 'path') throw new Error('expected a server');
    backend = await until(() => openNatsBackend(target), 10_000);
  });
  afterAll(async () => {
    await backend?.close();
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails clearly while it is away, keeps nothing half-written, and reconnects when it returns', async () => {
    const ns = { database: 'reconnect', table: 't' };
    await backend.editing.writeMany(ns, [{ key: 'before', value: 'kept' }]);
    const seen: Change[] = [];
    backend.watching.subscribe(ns, (change) => seen.push(change));

    await stop();
    const write = backend.editing.writeMany(
      ns,
      Array.from({ length: 200 }, (_, i) => ({ key: `during${i}`, value: 'x' })),
    );
    await expect(write).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(write).rejects.toThrow(new RegExp(`NATS at 127.0.0.1:${port}`));
    await expect(backend.reading.page(ns, { filter: {}, order: 'asc', limit: 10 })).rejects.toBeInstanceOf(
      BackendUnavailableError,
    );

    start();
    const page = await until(() => backend.reading.page(ns, { filter: {}, order: 'asc', limit: 10 }), 15_000);
    expect(page.records.map((r) => r.key)).toEqual(['before']);
    const stored = await backend.reading.recordsByKey(ns, ['before']);
    expect(Buffer.from(stored[0]?.value ?? []).toString()).toBe('kept');

    await backend.editing.writeMany(ns, [{ key: 'after', value: 'v' }]);
    await until(async () => {
      if (!seen.some((change) => change.key === 'after')) throw new Error('no event yet');
    }, 5_000);
  }, 40_000);
});
