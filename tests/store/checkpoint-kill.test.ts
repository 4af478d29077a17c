/**
 * A writer killed (SIGKILL) while SQLite copies its WAL into the file leaves a file whose header already
 * counts pages that are still only in the WAL. SQLite reads such a store whole; so must we. The kill lands
 * at a spread of moments during the checkpoint, many times; every result opens with all committed records.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { tempDirForTest } from '../helpers/files.js';

const CHILD = fileURLToPath(new URL('./checkpoint-kill.child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BASE_RECORDS = 10;
const NEW_RECORDS = 12_000;
const RUNS = 12;

/** Starts the writer and kills it `delayMs` after it says the checkpoint begins. */
function killDuringCheckpoint(path: string, delayMs: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(NEW_RECORDS)], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('checkpoint\n') && child.exitCode === null && !child.killed) {
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!stdout.includes('checkpoint\n'))
        reject(new Error(`writer failed before its checkpoint (${code}): ${stderr}`));
      else resolve(signal === 'SIGKILL' && !stdout.includes('done') ? 'killed mid-checkpoint' : 'checkpoint finished');
    });
  });
}

/** True when the file is shorter than its header says: the state the old check refused as "truncated". */
function headerCountsMissingPages(path: string): boolean {
  const head = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, 100, 0);
  closeSync(fd);
  const pageSize = head.readUInt16BE(16) === 1 ? 65_536 : head.readUInt16BE(16);
  return statSync(path).size < pageSize * head.readUInt32BE(28);
}

it('a store whose writer was killed mid-checkpoint opens with every committed record, every time', async () => {
  const dir = tempDirForTest();
  const base = join(dir, 'base.db');
  const seed = createSqliteStore({ path: base });
  await seed.writeMany(
    { database: 'micro', table: 'micro' },
    Array.from({ length: BASE_RECORDS }, (_, i) => ({ key: `old/${i}`, value: 'v' })),
  );
  await seed.close();
  let shortFiles = 0;
  for (let run = 0; run < RUNS; run++) {
    const path = join(dir, `run-${run}.db`);
    copyFileSync(base, path);
    const outcome = await killDuringCheckpoint(path, run * 4);
    if (headerCountsMissingPages(path)) shortFiles++;
    const store = createSqliteStore({ path, readOnly: run % 2 === 1 });
    const [table] = (await store.databases()).flatMap((database) => database.tables);
    expect(table?.count, `run ${run} (${outcome})`).toBe(BASE_RECORDS + NEW_RECORDS);
    expect(await store.list({ prefix: 'new/', limit: 1, offset: NEW_RECORDS - 1 })).toEqual([
      `new/${String(NEW_RECORDS - 1).padStart(6, '0')}`,
    ]);
    await store.close();
  }
  // How many runs left the state the issue describes; the kills are timed, so this varies with load.
  console.log(`checkpoint kills: ${shortFiles} of ${RUNS} files were shorter than their header said`);
}, 180_000);
