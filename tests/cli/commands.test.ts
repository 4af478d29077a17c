/**
 * The command line, command by command, through `runCli` in this process (the binary itself is
 * covered by binary.test.ts): what is printed where, and the exit status (0 ok, 1 error, 2 usage).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, loadCommands } from '../../electron/cli/main.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { cliOnFreshStore as cli, runInProcess } from '../helpers/cli.js';
import { sha256File } from '../helpers/files.js';

/** A record that expired a second ago, written through the library (the CLI refuses a negative --ttl). */
async function writeExpired(path: string, key: string, options: { database?: string; table?: string } = {}) {
  const store = createSqliteStore({ path, ...options });
  await store.write({ key, value: 'v' }, { ttl: -1_000 });
  await store.close();
}

interface GoRecord {
  key: string;
  value: string;
  metadata: Record<string, unknown>;
  expiry?: number;
}
const goRecords = (stdout: string) => JSON.parse(stdout) as GoRecord[];

describe('write and read', () => {
  it('read prints the value alone; write reports on stderr only', async () => {
    const { run } = cli();
    const written = await run('write', 'greeting', 'hello world');
    expect(written).toEqual({ status: 0, stdout: '', stderr: 'wrote "greeting"\n' });
    expect(await run('read', 'greeting')).toEqual({ status: 0, stdout: 'hello world\n', stderr: '' });
  });

  it('a second write replaces the value; unicode survives', async () => {
    const { run } = cli();
    await run('write', 'k', 'one');
    await run('write', 'k', 'zwei – 二 – 😀');
    expect((await run('read', 'k')).stdout).toBe('zwei – 二 – 😀\n');
  });

  it('--prefix and --suffix print one value per line in byte order, with --limit and --offset', async () => {
    const { run } = cli();
    // By UTF-8 bytes: a < b < U+FF61 < U+1F600 (JavaScript's sort would put the emoji first).
    for (const [key, value] of [
      ['p/b', 'B'],
      ['p/\u{1F600}', 'EMOJI'],
      ['p/a', 'A'],
      ['p/\uFF61', 'HALFWIDTH'],
      ['q/a', 'QA'],
    ]) {
      await run('write', key ?? '', value ?? '');
    }
    expect((await run('read', 'p/', '--prefix')).stdout).toBe('A\nB\nHALFWIDTH\nEMOJI\n');
    expect((await run('read', '/a', '--suffix')).stdout).toBe('A\nQA\n');
    expect((await run('read', 'p/', '--prefix', '--limit', '2', '--offset', '1')).stdout).toBe('B\nHALFWIDTH\n');
    expect((await run('read', '', '--prefix')).stdout.split('\n')).toHaveLength(6);
    expect(await run('read', 'none/', '--prefix')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('-v adds the key and the time left as a Go duration (1h29m59s, not 5399.466s)', async () => {
    const { run } = cli();
    await run('write', 'forever', 'v');
    await run('write', 'brief', 'w', '--ttl', '90s');
    await run('write', 'long', 'x', '--ttl', '1h30m');
    expect((await run('read', 'forever', '-v')).stdout).toBe('forever\tv\t(expires: never)\n');
    expect((await run('read', 'brief', '--verbose')).stdout).toMatch(/^brief\tw\t\(expires: 1m(29|30)s\)\n$/);
    expect((await run('read', 'long', '-v')).stdout).toMatch(/^long\tx\t\(expires: 1h(29m59|29m58|30m0)s\)\n$/);
  });

  it('--output json prints Go record JSON: base64 value, metadata, expiry in ns and left out when 0', async () => {
    const { run } = cli();
    await run('write', 'plain', 'hello');
    await run('write', 'timed', 'x', '--ttl', '1h', '--metadata', '{"owner":"auth","n":3,"tags":["a"]}');
    const [plain] = goRecords((await run('read', 'plain', '--output', 'json')).stdout);
    expect(plain).toEqual({ key: 'plain', value: Buffer.from('hello').toString('base64'), metadata: {} });
    expect(Object.keys(plain ?? {})).toEqual(['key', 'value', 'metadata']);

    const [timed] = goRecords((await run('read', 'timed', '-o', 'json')).stdout);
    expect(timed?.metadata).toEqual({ owner: 'auth', n: 3, tags: ['a'] });
    expect(Number.isInteger(timed?.expiry)).toBe(true);
    expect(timed?.expiry).toBeLessThanOrEqual(3_600 * 1e9);
    expect(timed?.expiry).toBeGreaterThan(3_590 * 1e9);
    expect((timed?.expiry ?? 1) % 1_000_000).toBe(0);

    const all = goRecords((await run('read', '', '--prefix', '-o', 'json')).stdout);
    expect(all.map((record) => record.key)).toEqual(['plain', 'timed']);
    expect((await run('read', 'zzz', '--prefix', '-o', 'json')).stdout).toBe('[]\n');
  });

  it('--ttl takes Go durations: 1h30m and 500ms', async () => {
    const { run } = cli();
    await run('write', 'long', 'v', '--ttl', '1h30m');
    await run('write', 'short', 'v', '--ttl', '500ms');
    const [long] = goRecords((await run('read', 'long', '-o', 'json')).stdout);
    expect(long?.expiry).toBeGreaterThan(5_390 * 1e9);
    expect(long?.expiry).toBeLessThanOrEqual(5_400 * 1e9);
    const [short] = goRecords((await run('read', 'short', '-o', 'json')).stdout);
    expect(short?.expiry).toBeGreaterThan(0);
    expect(short?.expiry).toBeLessThanOrEqual(500 * 1e6);
  });

  it('a negative --ttl is a usage error (2) and writes nothing, not an already-expired record', async () => {
    const { run, store } = cli();
    await run('write', 'kept', 'old');
    // A value starting with '-' is given with '=' (node:util parseArgs reads `--ttl -5s` as a missing value).
    for (const flag of ['--ttl=-5s', '--expiry=-1h', '-e-2m']) {
      const result = await run('write', 'kept', 'new', flag);
      expect(result.status, flag).toBe(2);
      expect(result.stderr, flag).toMatch(/^write: --(ttl|expiry) must not be negative \(got -\w+\)/);
    }
    expect((await run('read', 'kept')).stdout).toBe('old\n');
    expect(existsSync(store)).toBe(true);
  });

  it('a bad --ttl is a usage error (2) with a message, and nothing is written', async () => {
    const { run, store } = cli();
    for (const ttl of ['10', '1x', 'soon', '']) {
      const result = await run('write', 'k', 'v', '--ttl', ttl);
      expect(result.status, ttl).toBe(2);
      expect(result.stderr).toContain('--ttl');
      expect(result.stderr).toContain('invalid duration');
      expect(result.stderr).toContain('(see store-inspector write --help)');
    }
    expect(existsSync(store)).toBe(false);
  });

  it('--metadata must be a JSON object: anything else is a usage error (2)', async () => {
    const { run, store } = cli();
    for (const metadata of ['nope', '[1,2]', '"text"', 'null', '3', '{"a":']) {
      const result = await run('write', 'k', 'v', '--metadata', metadata);
      expect(result.status, metadata).toBe(2);
      expect(result.stderr).toContain('--metadata must be a JSON object');
    }
    expect(existsSync(store)).toBe(false);
    expect((await run('write', 'k', 'v', '-m', '{"a":{"b":[1,null,true]}}')).status).toBe(0);
    expect(goRecords((await run('read', 'k', '-o', 'json')).stdout)[0]?.metadata).toEqual({
      a: { b: [1, null, true] },
    });
  });

  it('the empty key cannot be written (exit 1, with a reason)', async () => {
    const { run } = cli();
    const result = await run('write', '', 'v');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/key must not be empty/);
  });

  it('a missing key: exit 1 and "not found" on stderr', async () => {
    const { run } = cli();
    await run('write', 'k', 'v');
    expect(await run('read', 'missing')).toEqual({ status: 1, stdout: '', stderr: 'not found\n' });
  });

  it('--output other than text or json is a usage error', async () => {
    const { run } = cli();
    await run('write', 'k', 'v');
    expect((await run('read', 'k', '--output', 'xml')).status).toBe(2);
    expect((await run('list', '-o', 'yaml')).status).toBe(2);
  });
});

describe('delete', () => {
  it('deletes a key; deleting a missing key says "not found" and exits 1, as read does', async () => {
    const { run } = cli();
    await run('write', 'k', 'v');
    await run('write', 'other', 'v');
    expect(await run('delete', 'k')).toEqual({ status: 0, stdout: '', stderr: 'deleted "k"\n' });
    expect((await run('read', 'k')).status).toBe(1);
    expect(await run('delete', 'k')).toEqual({ status: 1, stdout: '', stderr: 'not found\n' });
    expect(await run('delete', 'never-was')).toEqual({ status: 1, stdout: '', stderr: 'not found\n' });
    expect(await run('delete', 'other', '-d', 'elsewhere')).toEqual({ status: 1, stdout: '', stderr: 'not found\n' });
    expect((await run('read', 'other')).stdout).toBe('v\n');
  });
});

describe('list', () => {
  it('prints keys one per line in byte order, filtered and paged; --output json is an array', async () => {
    const { run, store } = cli();
    for (const key of ['b/2', 'a/1', 'a/2', 'c/2', 'a/3']) await run('write', key, 'v');
    await writeExpired(store, 'a/expired');
    expect((await run('list')).stdout).toBe('a/1\na/2\na/3\nb/2\nc/2\n');
    expect((await run('list', '--prefix', 'a/')).stdout).toBe('a/1\na/2\na/3\n');
    expect((await run('list', '--suffix', '/2')).stdout).toBe('a/2\nb/2\nc/2\n');
    expect((await run('list', '--prefix', 'a/', '--suffix', '3')).stdout).toBe('a/3\n');
    expect((await run('list', '--limit', '2')).stdout).toBe('a/1\na/2\n');
    expect((await run('list', '--limit', '2', '--offset', '3')).stdout).toBe('b/2\nc/2\n');
    expect((await run('list', '--offset', '9')).stdout).toBe('');
    expect(JSON.parse((await run('list', '--output', 'json', '--prefix', 'a/')).stdout)).toEqual(['a/1', 'a/2', 'a/3']);
    expect(JSON.parse((await run('list', '-o', 'json', '--prefix', 'zzz')).stdout)).toEqual([]);
  });

  it('--limit and --offset must be non-negative integers', async () => {
    const { run } = cli();
    await run('write', 'k', 'v');
    for (const [flag, value] of [
      ['--limit', '-1'],
      ['--limit', '1.5'],
      ['--limit', 'ten'],
      ['--offset', '-3'],
      ['--limit', '1e3'],
      ['--offset', ''],
    ]) {
      const result = await run('list', `${flag}=${value}`);
      expect(result.status, `${flag} ${value}`).toBe(2);
      expect(result.stderr).toContain(`${flag} must be a non-negative integer`);
    }
  });
});

describe('databases, tables and the -d/-t namespace flags', () => {
  it('-d and -t choose the namespace for write, read, list and delete', async () => {
    const { run } = cli();
    await run('write', 'k', 'in-default');
    await run('write', '-d', 'shop', '-t', 'orders', 'k', 'in-orders');
    await run('write', '--database', 'shop', '--table', 'carts', 'k', 'in-carts');
    expect((await run('read', 'k')).stdout).toBe('in-default\n');
    expect((await run('read', 'k', '-d', 'shop', '-t', 'orders')).stdout).toBe('in-orders\n');
    expect((await run('read', 'k', '--database', 'shop', '--table', 'carts')).stdout).toBe('in-carts\n');
    expect((await run('read', 'k', '-d', 'shop')).status).toBe(1);
    await run('delete', 'k', '-d', 'shop', '-t', 'orders');
    expect((await run('list', '-d', 'shop', '-t', 'orders')).stdout).toBe('');
    expect((await run('list', '-d', 'shop', '-t', 'carts')).stdout).toBe('k\n');
    expect((await run('read', 'k')).stdout).toBe('in-default\n');
  });

  it('databases lists every database in byte order; tables lists a database’s tables with live counts', async () => {
    const { run, store } = cli();
    await run('write', 'a', 'v');
    await run('write', '-d', 'shop', '-t', 'orders', 'o1', 'v');
    await run('write', '-d', 'shop', '-t', 'orders', 'o2', 'v');
    await writeExpired(store, 'old', { database: 'shop', table: 'orders' });
    await run('write', '-d', 'shop', '-t', 'carts', 'c1', 'v');
    await run('write', '-d', 'Shop', '-t', 'x', 'c1', 'v');
    expect(await run('databases')).toEqual({ status: 0, stdout: 'Shop\nmicro\nshop\n', stderr: '' });
    expect(await run('tables', '-d', 'shop')).toEqual({ status: 0, stdout: 'carts\t1\norders\t2\n', stderr: '' });
    expect((await run('tables')).stdout).toBe('micro\t1\n');
  });

  it('tables -d of a database that does not exist: exit 1, saying so and naming the ones there are', async () => {
    const { run, store } = cli();
    await run('write', '-d', 'shop', 'k', 'v');
    expect(await run('tables', '-d', 'nodb')).toEqual({
      status: 1,
      stdout: '',
      stderr: `database "nodb" does not exist in ${store} (its databases: shop)\n`,
    });
  });
});

describe('usage errors and help', () => {
  it('no command: the general usage and status 2; --help, -h and help: status 0', async () => {
    const none = await runInProcess([]);
    expect(none.status).toBe(2);
    expect(none.stdout + none.stderr).toContain('Usage: store-inspector COMMAND');
    for (const flag of ['--help', '-h', 'help']) {
      const help = await runInProcess([flag]);
      expect(help.status, flag).toBe(0);
      for (const name of COMMAND_NAMES) expect(help.stdout).toContain(name);
    }
  });

  it('an unknown command is status 2 and one line naming it', async () => {
    const result = await runInProcess(['frobnicate', 'x']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'unknown command "frobnicate" (see store-inspector --help)\n',
    });
  });

  it('--help on every command: status 0 and its usage', async () => {
    const commands = await loadCommands();
    expect(commands.map((command) => command.name)).toEqual(COMMAND_NAMES);
    expect(COMMAND_NAMES).toEqual(
      expect.arrayContaining(['databases', 'delete', 'list', 'read', 'serve', 'tables', 'write']),
    );
    for (const command of commands) {
      for (const flag of ['--help', '-h']) {
        const result = await runInProcess([command.name, flag]);
        expect(result.status, `${command.name} ${flag}`).toBe(0);
        expect(result.stdout).toContain(`Usage: store-inspector ${command.name}`);
        expect(result.stdout).toContain('--store FILE');
      }
    }
  });

  it('missing or extra arguments and unknown flags: status 2 and one line, not the whole help', async () => {
    const { run } = cli();
    const cases: string[][] = [
      ['read'],
      ['read', 'a', 'b'],
      ['write', 'only-key'],
      ['write'],
      ['delete'],
      ['list', 'stray'],
      ['databases', 'stray'],
      ['tables', 'stray'],
      ['read', 'k', '--bogus'],
      ['write', 'k', 'v', '--ttl'],
    ];
    for (const args of cases) {
      const result = await run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(
        new RegExp(`^${args[0]}: [^\n]+ \\(see store-inspector ${args[0]} --help\\)\n$`),
      );
      expect(result.stdout, args.join(' ')).toBe('');
    }
  });
});

describe('files that are not stores', () => {
  it('a text file: exit 1, a message naming the file, and the file unchanged', async () => {
    const { dir } = cli();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello, these are notes\n');
    const before = sha256File(notes);
    for (const args of [['read', 'k'], ['write', 'k', 'v'], ['list'], ['delete', 'k']]) {
      const [command, ...rest] = args;
      const result = await runInProcess([command ?? '', '--store', notes, ...rest]);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(notes);
      expect(result.stderr).toContain('not a SQLite database');
    }
    expect(sha256File(notes)).toBe(before);
  });

  it('reading a store that does not exist: exit 1, a message, and nothing created', async () => {
    const { store, run } = cli();
    for (const args of [['read', 'k'], ['list'], ['databases'], ['tables']]) {
      const result = await run(...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(store);
      expect(result.stderr).toContain('does not exist');
    }
    expect(existsSync(store)).toBe(false);
  });
});
