/**
 * Store files in the states real machines leave them in: not writable by this user, in a read-only folder
 * or on read-only media, a pipe where a file should be, a foreign or newer SQLite file in WAL mode, a text
 * file with secrets. Each opens as far as it can be opened, with the reason, or is refused without a byte
 * changing beside it, and no message repeats what a file holds.
 *
 * Permissions: these tests run as root, and root ignores file modes. The cases that depend on them run the
 * opening in a child process that drops to the unprivileged user `nobody` with `setpriv` (util-linux); the
 * read-only medium is a read-only bind mount in a private mount namespace (`unshare -m`). Where either tool
 * is missing or not permitted, that test is skipped with the reason printed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { listDir, sha256File, tempDirForTest } from '../helpers/files.js';

const CHILD = fileURLToPath(new URL('./open-store.child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOBODY = 65_534;
const RECORDS = 300;

interface ChildResult {
  opened: boolean;
  sessionReadOnly?: boolean;
  readOnly?: boolean;
  reason?: string;
  records?: number;
  write?: string;
  error?: string;
}

/** Runs the child with `prefix` (privilege or mount wrappers) and a deadline: a hang is a failure, not a stuck run. */
function openInChild(prefix: string[], path: string, flag?: string): ChildResult {
  const command = [...prefix, process.execPath, '--import', 'tsx', CHILD, path, ...(flag ? [flag] : [])];
  const run = spawnSync(command[0] ?? '', command.slice(1), { cwd: ROOT, timeout: 30_000, encoding: 'utf8' });
  if (run.error) throw new Error(`the child did not finish: ${run.error.message}`);
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (!line.startsWith('{')) throw new Error(`the child printed no result (status ${run.status}): ${run.stderr}`);
  return JSON.parse(line) as ChildResult;
}

const AS_NOBODY = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];

function canRun(command: string[]): string | undefined {
  const run = spawnSync(command[0] ?? '', command.slice(1), { encoding: 'utf8', timeout: 10_000 });
  return run.status === 0 ? undefined : (run.error?.message ?? run.stderr.trim()) || `exit ${run.status}`;
}

/** A closed store with RECORDS records (WAL mode, checkpointed, no -wal or -shm left). */
async function makeStore(path: string): Promise<void> {
  const store = createSqliteStore({ path });
  await store.writeMany(
    { database: 'micro', table: 'micro' },
    Array.from({ length: RECORDS }, (_, i) => ({ key: `k/${i}`, value: `v${i}` })),
  );
  await store.close();
}

/** A folder `nobody` can reach (mkdtemp makes 0700 ones). */
function sharedDir(): string {
  const dir = tempDirForTest();
  chmodSync(dir, 0o755);
  return dir;
}

describe('a store this user cannot write opens read-only, with the reason', () => {
  const missing = canRun([...AS_NOBODY, 'true']);

  it.skipIf(missing !== undefined)('a file without write permission (0444, another owner)', async () => {
    const dir = join(sharedDir(), 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const path = join(dir, 'store.db');
    await makeStore(path);
    chmodSync(path, 0o444);
    const result = openInChild(AS_NOBODY, path);
    expect(result).toMatchObject({ opened: true, readOnly: true, records: RECORDS });
    expect(result.reason).toBe(`you do not have permission to write ${path}`);
    expect(result.write).toMatch(/open read-only \(you do not have permission to write/);
    // What the API and the page go by: read-only, with the reason shown in the read-only banner.
    expect(openInChild(AS_NOBODY, path, '--session')).toMatchObject({
      sessionReadOnly: true,
      reason: `you do not have permission to write ${path}`,
    });
  });

  it.skipIf(missing !== undefined)('a writable file in a folder without write permission (0555), no -shm', async () => {
    const dir = join(sharedDir(), 'locked');
    mkdirSync(dir);
    const path = join(dir, 'store.db');
    await makeStore(path);
    chmodSync(path, 0o666);
    chmodSync(dir, 0o555);
    const before = { files: listDir(dir), hash: sha256File(path) };
    for (const flag of [undefined, '--read-only']) {
      const result = openInChild(AS_NOBODY, path, flag);
      expect(result, `opened ${flag ?? 'for writing'}`).toMatchObject({
        opened: true,
        readOnly: true,
        records: RECORDS,
      });
      if (flag === undefined) expect(result.reason).toMatch(/permission to write .*locked \(SQLite keeps its -wal/);
      expect(result.write).toMatch(/read-only/);
    }
    expect({ files: listDir(dir), hash: sha256File(path) }).toEqual(before);
  });

  it.skipIf(missing !== undefined)('a new store in a folder without write permission is refused, naming why', () => {
    const dir = join(sharedDir(), 'no-create');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const result = openInChild(AS_NOBODY, join(dir, 'new.db'));
    expect(result.opened).toBe(false);
    expect(result.error).toMatch(/new\.db does not exist, and cannot be created: you do not have permission/);
  });

  const mountProblem = canRun(['unshare', '-m', 'sh', '-c', 'mount --bind / /mnt && mount -o remount,bind,ro /mnt']);

  it.skipIf(mountProblem !== undefined)(
    'a store on a read-only mount (as root, who may write anything else)',
    async () => {
      const dir = tempDirForTest();
      const path = join(dir, 'store.db');
      await makeStore(path);
      const readOnlyMount = [
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"`,
        dir,
      ];
      for (const flag of [undefined, '--read-only']) {
        const result = openInChild(readOnlyMount, path, flag);
        expect(result, `opened ${flag ?? 'for writing'}`).toMatchObject({
          opened: true,
          readOnly: true,
          records: RECORDS,
        });
        if (flag === undefined) expect(result.reason).toBe(`${path} is on a read-only file system`);
      }
      expect(listDir(dir)).toEqual(['store.db']);
    },
  );

  if (missing !== undefined) console.log(`permission tests skipped: cannot run as nobody (${missing})`);
  if (mountProblem !== undefined) console.log(`read-only mount test skipped: ${mountProblem}`);
});

describe('files that are not regular files are refused at once', () => {
  it('a named pipe (FIFO), opened as a store and told apart by the app, is refused instead of hanging', () => {
    const path = join(tempDirForTest(), 'pipe.db');
    const made = spawnSync('mkfifo', [path]);
    expect(made.status, 'mkfifo').toBe(0);
    for (const flag of [undefined, '--read-only', '--backend']) {
      const result = openInChild([], path, flag);
      expect(result.opened, String(flag)).toBe(false);
      expect(result.error).toBe(`${path} is a named pipe (FIFO), not a regular file: choose a file`);
    }
  });
});

describe('refusing a SQLite file leaves nothing beside it', () => {
  /** Another application's database in WAL mode, closed cleanly (SQLite removed its -wal and -shm). */
  function makeForeignWalDatabase(path: string): void {
    const db = openDatabase(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
    db.prepare('INSERT INTO users (name) VALUES (?)').run('ada');
    db.close();
  }

  async function expectRefusedUntouched(path: string, message: RegExp): Promise<void> {
    const dir = join(path, '..');
    const before = { files: listDir(dir), hash: sha256File(path) };
    for (const readOnly of [false, true]) {
      const store = createSqliteStore({ path, readOnly });
      await expect(store.init()).rejects.toThrow(message);
      await store.close();
      expect({ files: listDir(dir), hash: sha256File(path) }).toEqual(before);
    }
  }

  it("another application's WAL-mode database", async () => {
    const path = join(tempDirForTest(), 'app.sqlite');
    makeForeignWalDatabase(path);
    await expectRefusedUntouched(path, /is a SQLite database of another application \(tables: users\)/);
  });

  it("another application's WAL-mode database whose schema spans many pages", async () => {
    const path = join(tempDirForTest(), 'big-schema.sqlite');
    makeForeignWalDatabase(path);
    const db = openDatabase(path);
    const columns = Array.from({ length: 30 }, (_, i) => `column_${i}_with_a_long_name TEXT`).join(', ');
    for (let i = 0; i < 300; i++) db.exec(`CREATE TABLE t${i} (id INTEGER PRIMARY KEY, ${columns})`);
    db.close();
    await expectRefusedUntouched(path, /is a SQLite database of another application \(tables: t0, t1, t10, t100/);
  });

  it('a store of a newer format, in WAL mode', async () => {
    const path = join(tempDirForTest(), 'newer.db');
    await makeStore(path);
    const db = openDatabase(path);
    db.pragma('user_version = 99');
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    await expectRefusedUntouched(path, /written by a newer Store Inspector \(format 99/);
  });
});

describe('messages say what a file is, never what it holds', () => {
  it('a text file of secrets', async () => {
    const secret = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
    const path = join(tempDirForTest(), 'secret.txt');
    writeFileSync(path, secret);
    const error = await createSqliteStore({ path })
      .init()
      .then(
        () => new Error('opened'),
        (e: unknown) => e as Error,
      );
    expect(error.message).toBe(`${path} is not a SQLite database: it is a text file`);
  });

  it('a JSON file is named as one, and pointed to import', async () => {
    const path = join(tempDirForTest(), 'config.json');
    writeFileSync(path, '{"password":"hunter2"}');
    await expect(createSqliteStore({ path }).init()).rejects.toThrow(
      `${path} is not a SQLite database: it is a JSON text file (to bring records in from it, use import)`,
    );
  });

  it('a binary file', async () => {
    const path = join(tempDirForTest(), 'key.bin');
    writeFileSync(path, Buffer.from([0x00, 0x9f, 0x42, 0x13, 0xfe, 0x01, 0x02, 0x03]));
    const error = await createSqliteStore({ path })
      .init()
      .then(
        () => new Error('opened'),
        (e: unknown) => e as Error,
      );
    expect(error.message).not.toMatch(/9f42|13fe/);
    expect(error.message).toMatch(/binary file of another kind/);
  });
});
