/**
 * The real binary, as a user types it: `node bin/store-inspector.js …` (the built JavaScript in
 * out/lib) and once `npx store-inspector`. Independent runs go in parallel and the many small cases
 * live in commands.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, PROJECT_ROOT, runBin } from '../helpers/cli.js';
import { sha256File, tempDirForTest } from '../helpers/files.js';

// Child processes are slow on a loaded machine: generous time, the assertions stay strict.
describe('node bin/store-inspector.js', { timeout: 60_000 }, () => {
  it('write, then read, read -v, read --output json, list, databases, tables, delete on one file', async () => {
    const dir = tempDirForTest();
    const store = join(dir, 'store.db');
    const at = (...args: string[]) => runBin([...args, '--store', store]);

    const [first, second] = [
      await at('write', 'greeting', 'hello'),
      await at('write', '-d', 'app', '-t', 'users', 'u/1', 'alice', '--ttl', '90s', '--metadata', '{"role":"admin"}'),
    ];
    expect(first).toMatchObject({ status: 0, stdout: '', stderr: 'wrote "greeting"\n' });
    expect(second.status).toBe(0);
    await at('write', '-d', 'app', '-t', 'users', 'u/2', 'bob');

    const [read, verbose, json, list, databases, tables, missing, deleted] = await Promise.all([
      at('read', 'greeting'),
      at('read', 'u/', '--prefix', '-v', '-d', 'app', '-t', 'users'),
      at('read', 'u/', '--prefix', '--output', 'json', '-d', 'app', '-t', 'users'),
      at('list', '--output', 'json', '-d', 'app', '-t', 'users', '--limit', '1', '--offset', '1'),
      at('databases'),
      at('tables', '-d', 'app'),
      at('read', 'nope'),
      at('delete', 'never-was'),
    ]);
    expect(read).toMatchObject({ status: 0, stdout: 'hello\n', stderr: '' });
    expect(verbose.status).toBe(0);
    expect(verbose.stdout).toMatch(/^u\/1\talice\t\(expires: (1m\d+|[5-9]\d)s\)\nu\/2\tbob\t\(expires: never\)\n$/);

    const records = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ key: 'u/1', value: Buffer.from('alice').toString('base64') });
    expect(records[0]?.metadata).toEqual({ role: 'admin' });
    expect(records[0]?.expiry).toBeGreaterThan(50e9);
    expect(records[0]?.expiry).toBeLessThanOrEqual(90e9);
    expect(records[1]).toEqual({ key: 'u/2', value: Buffer.from('bob').toString('base64'), metadata: {} });

    expect(JSON.parse(list.stdout)).toEqual(['u/2']);
    expect(databases).toMatchObject({ status: 0, stdout: 'app\nmicro\n' });
    expect(tables).toMatchObject({ status: 0, stdout: 'users\t2\n' });
    expect(missing).toMatchObject({ status: 1, stdout: '', stderr: 'not found\n' });
    expect(deleted).toMatchObject({ status: 1, stdout: '', stderr: 'not found\n' });

    expect((await at('delete', 'greeting')).status).toBe(0);
    expect((await at('read', 'greeting')).status).toBe(1);
  });

  it('binary values: stdin into write --value-file -, read writes the exact bytes; export - ends its line', async () => {
    const store = join(tempDirForTest(), 'store.db');
    const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]);
    const written = await runBin(['write', 'bin/png-header', '--value-file', '-', '--store', store], { input: header });
    expect(written).toMatchObject({ status: 0, stderr: 'wrote "bin/png-header"\n' });
    const [read, exported] = await Promise.all([
      runBin(['read', 'bin/png-header', '--store', store]),
      runBin(['export', '--out', '-', '--store', store]),
    ]);
    expect(read.stdoutBytes).toEqual(Buffer.concat([header, Buffer.from('\n')]));
    expect(exported.status).toBe(0);
    expect(exported.stdout.endsWith('}]\n')).toBe(true);
    expect(JSON.parse(exported.stdout)).toEqual([
      { key: 'bin/png-header', value: header.toString('base64'), metadata: {} },
    ]);
  });

  it('usage errors exit 2 with a message: bad --ttl, bad --metadata, unknown command, missing arguments', async () => {
    const dir = tempDirForTest();
    const store = join(dir, 'store.db');
    const [badTtl, badMetadata, unknown, missingArgs, noCommand] = await Promise.all([
      runBin(['write', 'k', 'v', '--ttl', '10', '--store', store]),
      runBin(['write', 'k', 'v', '--metadata', '[1]', '--store', store]),
      runBin(['frobnicate']),
      runBin(['write', 'just-a-key', '--store', store]),
      runBin([]),
    ]);
    expect(badTtl.status).toBe(2);
    expect(badTtl.stderr).toMatch(/--ttl: invalid duration "10"/);
    expect(badMetadata.status).toBe(2);
    expect(badMetadata.stderr).toContain('--metadata must be a JSON object');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(missingArgs).toMatchObject({
      status: 2,
      stderr: 'write: expected a VALUE after the KEY (or --value-file) (see store-inspector write --help)\n',
    });
    expect(noCommand.status).toBe(2);
    expect(existsSync(store)).toBe(false);
  });

  it('--help: the general help and a command’s help exit 0; npx store-inspector --help works too', async () => {
    const [general, read, serve, npx] = await Promise.all([
      runBin(['--help']),
      runBin(['read', '--help']),
      runBin(['serve', '--help']),
      runBin(['--help'], { command: ['npx', '--no-install', 'store-inspector'] }),
    ]);
    for (const result of [general, npx]) {
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Usage: store-inspector COMMAND');
      expect(result.stdout).toMatch(/read\s+print the value/);
    }
    expect(read).toMatchObject({ status: 0 });
    expect(read.stdout).toContain('Usage: store-inspector read KEY');
    expect(serve).toMatchObject({ status: 0 });
    expect(serve.stdout).toContain('Usage: store-inspector serve');
  });

  it('read loads only what it needs: compiled JavaScript, not the server, import/export or zod', async () => {
    const store = join(tempDirForTest(), 'store.db');
    await runBin(['write', 'k', 'v', '--store', store]);
    // A module hook that names every file module the process loads, on stderr.
    const hook = `export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (resolved.url.startsWith('file:')) process.stderr.write('LOADED ' + resolved.url + '\\n');
      return resolved;
    }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const read = await runBin(['read', 'k', '--store', store], {
      command: [process.execPath, '--import', `data:text/javascript,${encodeURIComponent(register)}`, BIN],
    });
    expect(read.status).toBe(0);
    expect(read.stdout).toBe('v\n');
    const loaded = read.stderr.split('\n').filter((line) => line.startsWith('LOADED '));
    expect(loaded.some((line) => line.includes('/out/lib/cli/commands/read.js'))).toBe(true);
    const unwanted = loaded.filter((line) => /\/(serve|transfer)\/|\/commands\/(?!read\.js)|\/zod\/|\.ts$/.test(line));
    expect(unwanted).toEqual([]);
  });

  it('a checkout without the compiled library: exit 1 and one message saying how to build it', async () => {
    const copy = join(tempDirForTest(), 'checkout');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, BIN), join(copy, BIN));
    const result = await runBin(['read', 'k'], { command: [process.execPath, join(copy, BIN)] });
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toBe(
      `store-inspector is not built: ${join(copy, 'out/lib/cli/index.js')} is missing.\n` +
        `Run \`npm run build:lib\` (or \`npm run build\`) in ${copy}/ first.\n`,
    );
  });

  it('a foreign file: exit 1, a message naming it, and the file unchanged', async () => {
    const dir = tempDirForTest();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just some text\n');
    const before = sha256File(notes);
    const result = await runBin(['write', 'k', 'v', '--store', notes]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(notes);
    expect(result.stderr).toContain('not a SQLite database');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(sha256File(notes)).toBe(before);
  });

  it('without --store: the default store under STORE_INSPECTOR_HOME, created on first write', async () => {
    const home = join(tempDirForTest(), 'home', 'nested');
    const env = { STORE_INSPECTOR_HOME: home };
    expect((await runBin(['write', 'dk', 'default value'], { env })).status).toBe(0);
    expect(existsSync(join(home, 'default.store.db'))).toBe(true);
    expect(await runBin(['read', 'dk'], { env })).toMatchObject({ status: 0, stdout: 'default value\n' });
  });
});
