/**
 * The file an import reads: it must be a regular file (a pipe would be read for ever), and it must be the
 * same file, whole and unchanged, at the end as at the start. Another program that truncates, rewrites or
 * replaces it meanwhile makes the import roll back and say so, instead of importing what was read so far.
 * Driven through TransferTasks.runImport, the entry the app and browser mode use.
 */
import { spawnSync } from 'node:child_process';
import { renameSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { CancelledError, TransferTasks } from '../../electron/api/transfer-tasks.js';
import { goodLines, MICRO, seedTypical, snapshot, thrown, workspace } from './helpers.js';

const LINES = 60_000;

/** Imports `path`, calling `meddle` once, at the first progress event (after the first batch is written). */
function importMeddled(storePath: string, path: string, meddle: () => void) {
  let meddled = false;
  const tasks = new TransferTasks((event: ApiEvent) => {
    if (event.type !== 'progress' || meddled) return;
    meddled = true;
    meddle();
  });
  return tasks.runImport({
    taskId: 'import',
    storePath,
    path,
    format: 'auto',
    namespace: MICRO,
    policy: 'overwrite',
    dryRun: false,
  });
}

describe('a file that changes while it is imported is not half imported', () => {
  it('truncated by another program at a line end: rolled back, with the sizes', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const text = goodLines(LINES);
    const path = ws.file('records.ndjson', text);
    const size = statSync(path).size;
    // At a line end, what is left is a valid, shorter file: only the change itself can tell.
    const cut = text.indexOf('\n', Math.floor(size / 3)) + 1;
    const error = await thrown(() => importMeddled(ws.store, path, () => truncateSync(path, cut)));
    expect(error.message).toBe(
      `${path} changed while it was imported (its size went from ${size} to ${cut} bytes): nothing was imported; import it again once no other program writes it`,
    );
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('replaced by another file of the same size: rolled back', async () => {
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const path = ws.file('records.ndjson', goodLines(LINES));
    const other = ws.file('other.ndjson', goodLines(LINES, 1));
    const error = await thrown(() => importMeddled(ws.store, path, () => renameSync(other, path)));
    expect(error.message).toMatch(/changed while it was imported \(it was replaced by another file\)/);
    expect(snapshot(ws.store)).toEqual(before);
  });

  it('a file nobody touches imports whole', async () => {
    const ws = workspace();
    const path = ws.file('records.ndjson', goodLines(LINES));
    const report = await importMeddled(ws.store, path, () => {});
    expect(report.written).toBe(LINES);
  });
});

describe('only regular files are imported', () => {
  it('a named pipe (FIFO) is refused at once instead of read for ever', async () => {
    const ws = workspace();
    const path = join(ws.dir, 'pipe.ndjson');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    const error = await thrown(() => importMeddled(ws.store, path, () => {}));
    expect(error.message).toBe(`cannot import ${path}: it is a named pipe (FIFO), not a regular file: choose a file`);
  });

  it('a folder, and a missing file, are named with what to do, without an errno', async () => {
    const ws = workspace();
    const folder = await thrown(() => importMeddled(ws.store, ws.dir, () => {}));
    expect(folder.message).toBe(`cannot import ${ws.dir}: it is a folder; choose a records file`);
    const missing = join(ws.dir, 'gone.json');
    const error = await thrown(() => importMeddled(ws.store, missing, () => {}));
    expect(error.message).toBe(`cannot import ${missing}: no such file; check the path`);
  });
});

describe('a cancel as the import starts', () => {
  it('rejects the import as cancelled, writes nothing, and leaves no stream error unheard (it would end the process)', async () => {
    const uncaught: unknown[] = [];
    const listen = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', listen);
    onTestFinished(() => {
      process.off('uncaughtException', listen);
    });
    const ws = workspace();
    await seedTypical(ws.store);
    const before = snapshot(ws.store);
    const path = ws.file('records.ndjson', goodLines(1_000));
    const tasks = new TransferTasks(() => {});
    const task = { taskId: 'import', storePath: ws.store, path, format: 'auto', namespace: MICRO } as const;
    const importing = tasks.runImport({ ...task, policy: 'overwrite', dryRun: false });
    // Before the import has read a byte: the file's stream is destroyed while nobody listens to it yet.
    expect(tasks.cancel('import')).toBe(true);
    await expect(importing).rejects.toBeInstanceOf(CancelledError);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
    expect(snapshot(ws.store)).toEqual(before);
  });
});
