/**
 * All or nothing (docs/records-json.md §3): an import that fails late, a cancelled import and an
 * import whose process is killed all leave the store's records exactly as they were before.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { CancelledError, TransferTasks } from '../../electron/api/transfer-tasks.js';
import { RecordsJsonError } from '../../electron/records-json/index.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import {
  goLine,
  goodLines,
  importFile,
  MICRO,
  openStore,
  PROJECT_ROOT,
  seedTypical,
  snapshot,
  thrown,
  workspace,
} from './helpers.js';

const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));

describe('an import that fails late', () => {
  it('a bad record at 90,000 of 100,000 leaves the records exactly as before', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const head = goodLines(90_000);
    const path = ws.file('big.ndjson', `${head}{"key":"rec/090000","value":"bad base64"}\n${goodLines(9_999, 90_001)}`);
    const progress: number[] = [];
    const error = await thrown(() =>
      importFile(ws.store, path, { onProgress: ({ records }) => progress.push(records) }),
    );
    expect(error).toBeInstanceOf(RecordsJsonError);
    expect(error.message).toMatch(/^record 90001 \("rec\/090000"\): value is not base64: illegal character " "/);
    expect(error.message).toMatch(
      new RegExp(`; the record starts at line 90001, column 1 \\(byte ${Buffer.byteLength(head)}\\)$`),
    );
    // Batches of about 1,000 records were written inside the transaction before the bad record was read.
    expect(progress.at(-1)).toBeGreaterThan(85_000);
    expect(progress.at(-1)).toBeLessThan(90_000);
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('a "fail" conflict at the last record of a record array rolls back everything before it', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const records = Array.from({ length: 5_000 }, (_, i) => goLine(`new/${i}`, `v${i}`));
    records.push(goLine('rec/000007', 'clash'));
    const path = ws.file('clash.json', `[${records.join(',')}]`);
    const error = await thrown(() => importFile(ws.store, path, { policy: 'fail' }));
    expect(error.message).toBe('record 5001 ("rec/000007"): key "rec/000007" already exists; nothing was written');
    expect(snapshot(ws.store)).toEqual(before);
  });
});

describe('a cancelled import writes nothing', () => {
  it('aborted from the first progress report of a 10,000-record file', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const path = ws.file('lines.ndjson', goodLines(10_000));
    const controller = new AbortController();
    const reason = new Error('stop');
    let reports = 0;
    const error = await thrown(() =>
      importFile(ws.store, path, {
        signal: controller.signal,
        onProgress: () => {
          reports++;
          controller.abort(reason);
        },
      }),
    );
    expect(error).toBe(reason);
    expect(reports).toBe(1);
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('aborted from the progress report of the last batch (a small file: one batch)', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const path = ws.file('small.ndjson', goodLines(500));
    const controller = new AbortController();
    const outcome = await importFile(ws.store, path, {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop')),
    }).then(
      (report) => `completed: ${report.written} written, ${report.overwritten} overwritten`,
      (error: Error) => `rejected: ${error.message}`,
    );
    expect(outcome).toBe('rejected: stop');
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('cancelled through TransferTasks.cancel: CancelledError, nothing written', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const path = ws.file('lines.ndjson', goodLines(20_000));
    const events: ApiEvent[] = [];
    const tasks: TransferTasks = new TransferTasks((event) => {
      events.push(event);
      if (event.type === 'progress') expect(tasks.cancel('import-1')).toBe(true);
    });
    const error = await thrown(() =>
      tasks.runImport({
        taskId: 'import-1',
        storePath: ws.store,
        path,
        format: 'auto',
        namespace: MICRO,
        policy: 'overwrite',
        dryRun: false,
      }),
    );
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.message).toBe('cancelled: nothing was written');
    expect(events.length).toBeGreaterThan(0);
    expect(tasks.cancel('import-1')).toBe(false);
    expect(snapshot(ws.store)).toEqual(before);
  });
});

describe('a process killed in the middle of an import', { timeout: 60_000 }, () => {
  it('SIGKILL after the first progress line leaves a store that opens, with none of the import', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    // 300,000 records (about 20 MB): far more than the child imports before it is killed.
    const parts: string[] = [];
    for (let from = 0; from < 300_000; from += 50_000) parts.push(goodLines(50_000, from));
    const path = ws.file('big.ndjson', parts.join(''));

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ws.store, path], {
      cwd: PROJECT_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const { firstLine, stdout, stderr, exit } = await killAfterFirstProgress(child);
    expect(await firstLine, `stderr: ${stderr()}`).toMatch(/^progress \d+$/);
    expect(await exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(stdout()).not.toContain('done');

    // The store opens as a store and reads; the killed import's records are not there.
    const store = openStore(ws.store);
    await store.init();
    expect((await store.read('rec/000000'))[0]?.value).toEqual(Buffer.from('before 0'));
    await expect(store.read('rec/000100')).rejects.toThrow('not found');
    await store.close();
    const check = openDatabase(ws.store, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    expect(snapshot(ws.store)).toEqual(before);

    // And nothing is left locked: the next import runs and commits.
    const report = await importFile(ws.store, ws.file('after.ndjson', goodLines(3)));
    expect(report).toMatchObject({ written: 0, overwritten: 3 });
    const reopened = createSqliteStore({ path: ws.store });
    expect((await reopened.read('rec/000002'))[0]?.value).toEqual(Buffer.from('after 2'));
    await reopened.close();
  });
});

function killAfterFirstProgress(child: ChildProcessWithoutNullStreams) {
  let out = '';
  let err = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const firstLine = new Promise<string>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end !== -1 && !child.killed) {
        child.kill('SIGKILL');
        resolve(out.slice(0, end));
      }
    });
    void exit.then(() => resolve(out));
  });
  return { firstLine, stdout: () => out, stderr: () => err, exit };
}
