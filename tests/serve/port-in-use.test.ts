/**
 * `serve --port N` on a port another program holds: one line saying so and which flag to change, exit 1,
 * the store closed (its -wal file gone), never a process that lingers with nothing served.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, PROJECT_ROOT } from '../helpers/cli.js';
import { tempDirForTest } from '../helpers/files.js';

const holders: Server[] = [];

afterEach(async () => {
  await Promise.all(holders.splice(0).map((holder) => new Promise((resolve) => holder.close(resolve))));
});

/** A port this test holds, as another program would. */
async function takenPort(): Promise<number> {
  const holder = createServer();
  holders.push(holder);
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const address = holder.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs serve to its end; killed (and reported as such) if it outlives `timeoutMs`. */
function runServe(args: string[], timeoutMs: number) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: PROJECT_ROOT, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

describe('serve on a port in use', { timeout: 30_000 }, () => {
  it('says so in one line, exits 1 and closes the store', async () => {
    const dir = tempDirForTest();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const storePath = join(dir, 'store.db');
    const port = await takenPort();

    const run = await runServe(['--port', String(port), '--store', storePath, '--renderer-dir', rendererDir], 15_000);

    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`port ${port} is in use: choose another with --port\n`);
    expect(existsSync(`${storePath}-wal`)).toBe(false);
  });
});
