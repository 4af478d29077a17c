/**
 * Two processes on one file (docs/store-semantics.md §7: WAL and a busy timeout, "neither sees an error for it").
 * A child process writes 20,000 records through its own store while this process reads, writes and
 * deletes through another; no call fails and no record is lost.
 */
import { spawn } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { fileStore, text } from '../helpers/store.js';

const CHILD_RECORDS = 20_000;
const CHILD_SCRIPT = fileURLToPath(new URL('./two-processes.child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const childKey = (i: number) => `child/${String(i).padStart(5, '0')}`;

it('a child process writes 20,000 records while this one reads, writes and deletes: no error, nothing lost', async () => {
  const { store, path } = fileStore();
  await store.init();

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, path, String(CHILD_RECORDS)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exitCode: number | null | undefined;
  // 'close' comes after the child exited and its output was read to the end.
  const exited = new Promise<void>((resolve) => {
    child.on('close', (code) => {
      exitCode = code;
      resolve();
    });
    child.on('error', (error) => {
      stderr += `spawn failed: ${error.message}`;
      exitCode = null;
      resolve();
    });
  });

  const failures: string[] = [];
  const survivors = new Set<string>();
  const childCounts: number[] = [];
  const has = async (k: string) => (await store.read(k, { prefix: true })).some((r) => r.key === k);
  let iterations = 0;
  let overlapping = 0;
  while (exitCode === undefined) {
    const key = `parent/${String(iterations).padStart(6, '0')}`;
    try {
      const childDoneBefore = await has(childKey(CHILD_RECORDS - 1));
      await store.write({ key, value: `parent value ${iterations}`, metadata: { iterations } });
      survivors.add(key);
      const [back] = await store.read(key);
      if (text(back) !== `parent value ${iterations}`) failures.push(`read back ${key}: ${text(back)}`);
      if (iterations % 3 === 2) {
        const previous = `parent/${String(iterations - 1).padStart(6, '0')}`;
        await store.delete(previous);
        survivors.delete(previous);
      }
      // This turn overlapped the child's writing if the child had not finished when it began and had
      // started when it ended. (A starved write may wait out the whole run: that overlaps too.)
      if (!childDoneBefore && (await has(childKey(0)))) overlapping++;
      if (iterations % 25 === 0) {
        const seen = await store.list({ prefix: 'child/' });
        childCounts.push(seen.length);
        if (seen.length > 0) {
          const [last] = await store.read(seen[seen.length - 1]!);
          if (!last || !text(last).startsWith('child value ')) failures.push(`child record ${last?.key} unreadable`);
        }
      }
    } catch (error) {
      failures.push(`iteration ${iterations}: ${error instanceof Error ? error.message : String(error)}`);
    }
    iterations++;
    await nextTurn(); // let the child's output and close events in
  }
  await exited;

  expect(stderr).toBe('');
  expect(exitCode).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ written: CHILD_RECORDS });
  expect(failures).toEqual([]);
  // The two really overlapped, and what this process saw of the child's records only grew.
  expect(overlapping).toBeGreaterThan(0);
  expect(childCounts).toEqual([...childCounts].sort((a, b) => a - b));
  await store.close();

  const fresh = createSqliteStore({ path });
  try {
    const childKeys = await fresh.list({ prefix: 'child/' });
    expect(childKeys).toHaveLength(CHILD_RECORDS);
    expect(childKeys).toEqual(Array.from({ length: CHILD_RECORDS }, (_, i) => childKey(i)));
    for (const i of [0, 1, 9999, CHILD_RECORDS - 1]) {
      const [record] = await fresh.read(childKey(i));
      expect([text(record), record?.metadata]).toStrictEqual([`child value ${i}`, { i }]);
    }
    expect(await fresh.list({ prefix: 'parent/' })).toEqual([...survivors].sort());
    expect(survivors.size).toBeGreaterThan(10);
  } finally {
    await fresh.close();
  }
}, 60_000);
