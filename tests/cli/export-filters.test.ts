/** `export --format dump` honours --prefix, --suffix, -d and -t as json and ndjson do (it used to ignore them). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOnFreshStore as cli } from '../helpers/cli.js';

/** The keys (with their database and table) a dump file holds. */
function dumpKeys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1, -1)
    .map((line) => JSON.parse(line) as { database: string; table: string; key: string })
    .map(({ database, table, key }) => `${database}/${table}:${key}`);
}

describe('export --format dump with filters', () => {
  it('keeps only the keys --prefix and --suffix match, in every table', async () => {
    const { dir, run } = cli();
    for (const key of ['user/1', 'user/2.json', 'other/1']) await run('write', key, 'v');
    await run('write', 'user/9', 'v', '-d', 'shop', '-t', 'carts');

    const prefixed = join(dir, 'prefix.dump');
    const result = await run('export', '--format', 'dump', '--prefix', 'user/', '--out', prefixed);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^exported 3 records/);
    expect(dumpKeys(prefixed)).toEqual(['micro/micro:user/1', 'micro/micro:user/2.json', 'shop/carts:user/9']);

    const suffixed = join(dir, 'suffix.dump');
    await run('export', '--format', 'dump', '--suffix', '.json', '--out', suffixed);
    expect(dumpKeys(suffixed)).toEqual(['micro/micro:user/2.json']);
  });

  it('-d and -t narrow a dump to that database or table', async () => {
    const { dir, run } = cli();
    await run('write', 'a', 'v');
    await run('write', 'b', 'v', '-d', 'shop', '-t', 'carts');
    await run('write', 'c', 'v', '-d', 'shop', '-t', 'orders');
    const out = join(dir, 'shop.dump');
    await run('export', '--format', 'dump', '-d', 'shop', '--out', out);
    expect(dumpKeys(out)).toEqual(['shop/carts:b', 'shop/orders:c']);
    const table = join(dir, 'carts.dump');
    await run('export', '--format', 'dump', '-d', 'shop', '-t', 'carts', '--out', table);
    expect(dumpKeys(table)).toEqual(['shop/carts:b']);
  });

  it('a -d/-t that names nothing is an error, not an empty dump; no file is left', async () => {
    const { dir, run } = cli();
    await run('write', 'a', 'v');
    const out = join(dir, 'typo.dump');
    const result = await run('export', '--format', 'dump', '-d', 'shpo', '--out', out);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: 'the store has no database "shpo": nothing to export\n',
    });
    expect(existsSync(out)).toBe(false);
  });
});
