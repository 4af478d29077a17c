/**
 * The flags a `micro store` user types, through runCli in this process: write's value words and
 * --expiry/-e, read -p, --order on read and list.
 */
import { describe, expect, it } from 'vitest';
import { cliOnFreshStore as cli } from '../helpers/cli.js';

const goRecords = (stdout: string) => JSON.parse(stdout) as { key: string; value: string; expiry?: number }[];

describe('write as micro store write', () => {
  it('joins the words after the key with single spaces into the value', async () => {
    const { run } = cli();
    expect((await run('write', 'k', 'hello', 'big', 'world')).status).toBe(0);
    expect(await run('read', 'k')).toEqual({ status: 0, stdout: 'hello big world\n', stderr: '' });
    await run('write', 'spaced', '  two  ', 'words ');
    expect((await run('read', 'spaced')).stdout).toBe('  two   words \n');
  });

  it('--expiry and -e are --ttl under micro store’s name; giving both is a usage error', async () => {
    const { run } = cli();
    await run('write', 'long', 'v', '--expiry', '1h');
    await run('write', 'short', 'v', '-e', '90s');
    const [long] = goRecords((await run('read', 'long', '-o', 'json')).stdout);
    const [short] = goRecords((await run('read', 'short', '-o', 'json')).stdout);
    expect(long?.expiry).toBeGreaterThan(3_590e9);
    expect(long?.expiry).toBeLessThanOrEqual(3_600e9);
    expect(short?.expiry).toBeGreaterThan(80e9);
    expect(short?.expiry).toBeLessThanOrEqual(90e9);

    const both = await run('write', 'k', 'v', '--ttl', '1m', '-e', '1m');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('give --ttl or --expiry');
    expect((await run('read', 'k')).status).toBe(1);
  });
});

describe('read and list flags as micro store has them', () => {
  async function storeWithKeys() {
    const context = cli();
    for (const key of ['p/a', 'p/b', 'p/\u{1F600}', 'p/\uFF61', 'q/a']) {
      await context.run('write', key, key.toUpperCase());
    }
    return context;
  }

  it('read -p is --prefix', async () => {
    const { run } = await storeWithKeys();
    expect((await run('read', 'p/', '-p')).stdout).toBe((await run('read', 'p/', '--prefix')).stdout);
    expect((await run('read', 'p/', '-p')).stdout).toBe('P/A\nP/B\nP/\uFF61\nP/\u{1F600}\n');
  });

  it('--order desc on read gives byte order backwards, then --offset and --limit; asc is the default', async () => {
    const { run } = await storeWithKeys();
    expect((await run('read', 'p/', '-p', '--order', 'desc')).stdout).toBe('P/\u{1F600}\nP/\uFF61\nP/B\nP/A\n');
    expect((await run('read', 'p/', '-p', '--order', 'desc', '--offset', '1', '--limit', '2')).stdout).toBe(
      'P/\uFF61\nP/B\n',
    );
    expect((await run('read', '/a', '--suffix', '--order', 'desc')).stdout).toBe('Q/A\nP/A\n');
    expect((await run('read', 'p/', '-p', '--order', 'asc')).stdout).toBe((await run('read', 'p/', '-p')).stdout);
    const json = goRecords((await run('read', 'p/', '-p', '--order', 'desc', '-o', 'json', '--limit', '1')).stdout);
    expect(json.map((record) => record.key)).toEqual(['p/\u{1F600}']);
    expect((await run('read', 'q/a', '--order', 'desc')).stdout).toBe('Q/A\n');
  });

  it('--order desc on list, with --prefix, --suffix, --offset and --limit', async () => {
    const { run } = await storeWithKeys();
    expect((await run('list', '--order', 'desc')).stdout).toBe('q/a\np/\u{1F600}\np/\uFF61\np/b\np/a\n');
    expect((await run('list', '--order', 'desc', '--prefix', 'p/', '--offset', '2')).stdout).toBe('p/b\np/a\n');
    expect((await run('list', '--order', 'desc', '--suffix', 'a', '--limit', '1')).stdout).toBe('q/a\n');
    expect(JSON.parse((await run('list', '--order', 'desc', '-o', 'json', '--offset', '9')).stdout)).toEqual([]);
  });

  it('--order desc pages past the inspector’s page size without losing or repeating a key', async () => {
    const { run, store } = cli();
    const { createSqliteStore } = await import('../../electron/store/index.js');
    const library = createSqliteStore({ path: store });
    const keys = Array.from({ length: 2_345 }, (_, index) => `k/${String(index).padStart(5, '0')}`);
    for (const key of keys) await library.write({ key, value: 'v' });
    await library.close();
    const listed = (await run('list', '--order', 'desc', '--offset', '5')).stdout.trimEnd().split('\n');
    expect(listed).toEqual(keys.toReversed().slice(5));
    const limited = (await run('list', '--order', 'desc', '--offset', '1000', '--limit', '1001')).stdout;
    expect(limited.trimEnd().split('\n')).toEqual(keys.toReversed().slice(1000, 2001));
  });

  it('--order other than asc or desc is a usage error', async () => {
    const { run } = cli();
    for (const command of ['read', 'list']) {
      const args = command === 'read' ? ['read', 'k', '--order', 'up'] : ['list', '--order', 'up'];
      const result = await run(...args);
      expect(result.status, command).toBe(2);
      expect(result.stderr).toBe(
        `${command}: --order must be asc or desc, not "up" (see store-inspector ${command} --help)\n`,
      );
    }
  });
});
