/**
 * The command line on a server named by URL (`--store postgres://…`), against the real Postgres: the same
 * commands, flags and messages as on a file, and a clear error for a server that is not there.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTGRES, serverAvailable } from '../backends/server-available.js';
import { runBin, runInProcess } from '../helpers/cli.js';
import { tempDirForTest } from '../helpers/files.js';

const reachable = await serverAvailable(POSTGRES);
const SERVER = 'postgresql://root:not-this-one@127.0.0.1/test';

describe.skipIf(!reachable)('the CLI on a Postgres store', () => {
  let schema: string;
  const run = (...args: string[]) => {
    const [command = '', ...rest] = args;
    return runInProcess([command, '--store', SERVER, '-d', schema, ...rest]);
  };

  beforeEach(() => {
    schema = `si_cli_${randomBytes(6).toString('hex')}`;
  });
  afterEach(async () => {
    const raw = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
    await raw.connect();
    await raw.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await raw.end();
  });

  async function createTable(): Promise<void> {
    const raw = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
    await raw.connect();
    await raw.query(`CREATE SCHEMA "${schema}"`);
    await raw.query(
      `CREATE TABLE "${schema}".micro (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
    );
    await raw.end();
  }

  it('index: prints the paging index a language-collated table needs, adds it only with --yes', async () => {
    const raw = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
    await raw.connect();
    await raw.query(`CREATE SCHEMA "${schema}"`);
    await raw.query(
      `CREATE TABLE "${schema}".micro (key text COLLATE "en-US-x-icu" NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
    );
    const statement = `CREATE INDEX CONCURRENTLY IF NOT EXISTS "key_bytes_index_micro" ON "${schema}"."micro" (key COLLATE "C");\n`;
    const indexes = async () =>
      (
        await raw.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = 'key_bytes_index_micro'`, [
          schema,
        ])
      ).rowCount;
    try {
      expect(await run('index')).toMatchObject({
        status: 0,
        stdout: statement,
        stderr: expect.stringContaining('--yes'),
      });
      expect(await indexes()).toBe(0);
      expect(await run('index', '--yes', '--read-only')).toMatchObject({ status: 1 });
      expect(await indexes()).toBe(0);
      expect(await run('index', '--yes')).toMatchObject({ status: 0, stdout: statement });
      expect(await indexes()).toBe(1);
      expect(await run('index')).toMatchObject({
        status: 0,
        stdout: '',
        stderr: expect.stringContaining('nothing to add'),
      });
    } finally {
      await raw.end();
    }
  });

  it('writes, reads, lists and deletes as on a file', async () => {
    await createTable();
    expect(await run('write', 'user/1', 'Ada', 'Lovelace', '--metadata', '{"team":"a"}')).toMatchObject({ status: 0 });
    expect(await run('write', 'user/2', 'Grace', '--ttl', '1h')).toMatchObject({ status: 0 });
    expect(await run('read', 'user/1')).toMatchObject({ status: 0, stdout: 'Ada Lovelace\n' });
    expect((await run('read', 'user/2', '-v')).stdout).toMatch(/^user\/2\tGrace\t\(expires: [0-9hms.]+\)\n$/);
    expect(await run('read', 'user/', '--prefix', '--order', 'desc')).toMatchObject({
      stdout: 'Grace\nAda Lovelace\n',
    });
    expect(await run('list', '--prefix', 'user/', '--offset', '1')).toMatchObject({ status: 0, stdout: 'user/2\n' });
    const json = JSON.parse((await run('read', 'user/1', '--output', 'json')).stdout) as { metadata: unknown }[];
    expect(json[0]?.metadata).toEqual({ team: 'a' });
    expect(await run('delete', 'user/1')).toMatchObject({ status: 0 });
    expect(await run('read', 'user/1')).toMatchObject({ status: 1, stderr: 'not found\n' });
    expect(await run('delete', 'user/1')).toMatchObject({ status: 1, stderr: 'not found\n' });
  });

  it("lists its databases and a database's tables with counts", async () => {
    await createTable();
    await run('write', 'k', 'v');
    expect((await run('databases')).stdout.split('\n')).toContain(schema);
    expect(await run('tables')).toMatchObject({ status: 0, stdout: 'micro\t1\n' });
    const missing = await runInProcess(['tables', '--store', SERVER, '-d', `${schema}_none`]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      `database "${schema}_none" does not exist in postgresql://root:****@127.0.0.1/test`,
    );
  });

  it('--read-only refuses a write with the reason and writes nothing', async () => {
    await createTable();
    const refused = await run('write', 'k', 'v', '--read-only');
    expect(refused).toMatchObject({ status: 1, stderr: 'the store is open read-only: nothing was written\n' });
    expect(await run('list')).toMatchObject({ status: 0, stdout: '' });
  });

  it('a table not in go-micro shape is named with what it needs', async () => {
    const read = await run('read', 'k');
    expect(read.status).toBe(1);
    expect(read.stderr).toMatch(/is missing or is not a go-micro table/);
  });

  it('exports a table and imports it into another database, with a dry run first', async () => {
    await createTable();
    await run('write', 'a', '1', '--metadata', '{"m":1}');
    await run('write', 'b', '2', '--ttl', '1h');
    const file = join(tempDirForTest(), 'out.ndjson');
    expect(await run('export', '--format', 'ndjson', '--out', file)).toMatchObject({ status: 0 });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    const other = `${schema}_copy`;
    const into = (...args: string[]) => runInProcess(['import', file, '--store', SERVER, '-d', other, ...args]);
    try {
      const dry = await into('--dry-run');
      expect(dry).toMatchObject({ status: 0 });
      expect(dry.stdout).toContain('dry run: 2 records read, 0 keys exist, nothing written');
      expect(await into()).toMatchObject({ status: 0 });
      expect((await into('--on-conflict', 'skip')).stdout).toContain('imported 0 new, 0 overwritten, 2 skipped');
      const failed = await into('--on-conflict', 'fail');
      expect(failed).toMatchObject({ status: 1 });
      expect(failed.stderr).toContain('2 key(s) of the file already exist');
      const copy = await runInProcess(['read', 'a', '--store', SERVER, '-d', other, '--output', 'json']);
      expect(JSON.parse(copy.stdout)).toMatchObject([{ key: 'a', metadata: { m: 1 } }]);
      expect((await runInProcess(['read', 'b', '-v', '--store', SERVER, '-d', other])).stdout).toMatch(/expires: \d/);
    } finally {
      const raw = new pg.Client({ connectionString: 'postgresql://root@127.0.0.1/test' });
      await raw.connect();
      await raw.query(`DROP SCHEMA IF EXISTS "${other}" CASCADE`);
      await raw.end();
    }
  });

  it('the built binary takes the same URL, its password from STORE_INSPECTOR_PASSWORD', async () => {
    await createTable();
    const store = ['--store', 'postgres://root@127.0.0.1:5432/test', '-d', schema];
    const env = { STORE_INSPECTOR_PASSWORD: 'from-the-environment' };
    expect(await runBin(['write', ...store, 'k', 'v'], { env })).toMatchObject({ status: 0 });
    expect(await runBin(['read', ...store, 'k'], { env })).toMatchObject({ status: 0, stdout: 'v\n' });
  });
});

describe('a server that is not there', () => {
  it('is named with host and port, never with its password', async () => {
    const run = await runInProcess(['list', '--store', 'postgres://ada:hunter2@127.0.0.1:1/test']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('127.0.0.1:1');
    expect(run.stderr).not.toContain('hunter2');
  });

  it('an unknown scheme is refused, naming those accepted', async () => {
    const run = await runInProcess(['list', '--store', 'mongodb://127.0.0.1/x']);
    expect(run).toMatchObject({ status: 1 });
    expect(run.stderr).toContain('"mongodb://" is not a store this app opens');
  });

  it('export and import name the server, and create no file named like the URL', async () => {
    const run = await runInProcess(['export', '--store', 'postgres://127.0.0.1:1/test']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('127.0.0.1:1');
    expect(existsSync('postgres:')).toBe(false);
  });
});
