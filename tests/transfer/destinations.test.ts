/**
 * Where an export may write: never over the open store or its -wal/-shm (with or without --force), never
 * over an existing file unless the user said so, and never leaving a temporary file behind, not even when
 * the process is killed (the next export into the folder removes it). Errors name the user's path.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TransferTasks } from '../../electron/api/transfer-tasks.js';
import { writeFileAtomically } from '../../electron/transfer/atomic-file.js';
import { BIN, PROJECT_ROOT, runBin, runInProcess } from '../helpers/cli.js';
import { MICRO, seed, seedTypical, snapshot, thrown, workspace } from './helpers.js';

describe('an existing file is replaced only when the user says so', () => {
  it('the CLI refuses it without --force, naming the path, and replaces it with --force', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const out = ws.file('records.json', 'keep me');
    const refused = await runInProcess(['export', '--out', out, '--store', ws.store]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `${out} already exists: nothing was written; choose another file, or allow replacing it (use --force)\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await runInProcess(['export', '--out', out, '--store', ws.store, '--force']);
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(50);
  });

  it('an API export refuses it unless the task carries the overwrite choice', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const path = ws.file('out.json', 'keep me');
    const tasks = new TransferTasks(() => {});
    const task = { storePath: ws.store, path, format: 'array', scope: { kind: 'table', namespace: MICRO } } as const;
    const error = await thrown(() => tasks.runExport({ ...task, taskId: 'a' }));
    expect(error.message).toMatch(/already exists: nothing was written/);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    await tasks.runExport({ ...task, taskId: 'b', overwrite: true });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(50);
  });
});

describe('the open store is never an export target', () => {
  it('export --out STORE --store STORE is refused, even with --force, and the store keeps every record', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    for (const target of [ws.store, `${ws.store}-wal`, `${ws.store}-shm`]) {
      const run = await runInProcess(['export', '--out', target, '--store', ws.store, '--force']);
      expect(run.status, target).toBe(1);
      expect(run.stderr).toBe(
        `${target} is the open store (or one of its files): nothing was written; choose another file\n`,
      );
    }
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('the API refuses it by identity too (another name for the same file)', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const tasks = new TransferTasks(() => {});
    const sameFile = join(ws.dir, '.', 'store.db');
    const error = await thrown(() =>
      tasks.runExport({
        taskId: 't',
        storePath: ws.store,
        path: sameFile,
        format: 'dump',
        scope: { kind: 'dump' },
        overwrite: true,
      }),
    );
    expect(error.message).toMatch(/is the open store/);
    expect(snapshot(ws.store)).toEqual(before);
  });
});

describe('errors name the user path, never the temporary file or an errno', () => {
  it('a missing folder', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const out = join(ws.dir, 'missing', 'x.json');
    const run = await runInProcess(['export', '--out', out, '--store', ws.store]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `cannot write ${out}: the folder ${join(ws.dir, 'missing')} does not exist; create it first\n`,
    );
  });

  it('a folder as the target', async () => {
    const ws = workspace();
    const error = await thrown(() => writeFileAtomically(ws.dir, async (out) => out.end('x')));
    expect(error.message).toBe(`${ws.dir} is a folder: choose a file name inside it`);
  });
});

describe('no temporary file outlives its export', () => {
  it('a SIGKILLed CLI export leaves a partial file that the next export into the folder removes', async () => {
    const ws = workspace();
    const records = Array.from({ length: 40_000 }, (_, i) => ({ key: `k/${i}`, value: 'x'.repeat(500) }));
    await seed(ws.store, [{ namespace: MICRO, records }]);
    const outDir = join(ws.dir, 'exports');
    mkdirSync(outDir);
    const partials = () => readdirSync(outDir).filter((name) => name.includes('.partial-'));
    const child = spawn(
      process.execPath,
      [BIN, 'export', '--out', join(outDir, 'x.ndjson'), '--format', 'ndjson', '--store', ws.store],
      {
        cwd: PROJECT_ROOT,
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for (let waited = 0; partials().length === 0 && child.exitCode === null && waited < 30_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGKILL');
    await exited;
    expect(readdirSync(outDir).filter((name) => name === 'x.ndjson')).toEqual([]);
    expect(partials()).toHaveLength(1);
    const next = await runBin(['export', '--out', join(outDir, 'y.json'), '--store', ws.store, '-t', 'none']);
    expect(next.status).toBe(0);
    expect(readdirSync(outDir)).toEqual(['y.json']);
  }, 60_000);
});
