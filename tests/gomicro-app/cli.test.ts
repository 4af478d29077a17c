/**
 * The command line on go-micro stores: --store names the fixture folder or one of its bbolt .db files (told
 * apart from SQLite by content) for read, list, databases, tables, export and serve; the writing commands
 * exit 1 with the read-only message and touch nothing.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllRecords } from '../../electron/records-json/index.js';
import { startServer } from '../../electron/serve/server.js';
import { runInProcess, startServe } from '../helpers/cli.js';
import { tempDirForTest } from '../helpers/files.js';
import { callOverHttp } from '../helpers/http.js';
import { expected, expectedFor, fixtureCopy, hashTree } from './fixture-store.js';

const READ_ONLY = "go-micro's file store is read-only: copy it into a Store Inspector store to edit";
const lines = (items: string[]) => items.map((item) => `${item}\n`).join('');
const liveKeys = (database: string, table: string) => expectedFor(database, table, 'live').map((r) => r.key);

describe('the CLI on a go-micro store folder', () => {
  it('databases and tables list names in byte order, tables with live counts', async () => {
    const root = fixtureCopy();
    expect(await runInProcess(['databases', '--store', root])).toEqual({
      status: 0,
      stdout: lines(['micro', 'service']),
      stderr: '',
    });
    expect((await runInProcess(['tables', '--store', root])).stdout).toBe(lines(['empty\t0', 'legacy\t3', 'users\t6']));
    expect((await runInProcess(['tables', '--store', root, '-d', 'service'])).stdout).toBe(lines(['orders\t2582']));
  });

  it('list and read see live records only, in byte order', async () => {
    const root = fixtureCopy();
    const list = await runInProcess(['list', '--store', root, '-t', 'users']);
    expect(list).toMatchObject({ status: 0, stdout: lines(liveKeys('micro', 'users')) });
    const some = await runInProcess([
      'list',
      '--store',
      root,
      '-d',
      'service',
      '-t',
      'orders',
      '--limit',
      '3',
      '--offset',
      '2',
    ]);
    expect(some.stdout).toBe(lines(liveKeys('service', 'orders').slice(2, 5)));
    expect(await runInProcess(['read', 'user/2', '--store', root, '-t', 'users'])).toMatchObject({
      status: 0,
      stdout: '{"name":"Linus"}\n',
    });
    expect(await runInProcess(['read', 'ttl/past', '--store', root, '-t', 'users'])).toMatchObject({
      status: 1,
      stderr: 'not found\n',
    });
    const json = await runInProcess(['read', 'old/', '--prefix', '--output', 'json', '--store', root, '-t', 'legacy']);
    expect((JSON.parse(json.stdout) as { key: string }[]).map((record) => record.key)).toEqual([
      'old/0',
      'old/1',
      'old/2',
    ]);
  });

  it('export writes a dump of the live records, and a filtered table', async () => {
    const root = fixtureCopy();
    const out = tempDirForTest();
    const dump = await runInProcess(['export', '--store', root, '--format', 'dump', '--out', join(out, 'all.dump')]);
    expect(dump.status).toBe(0);
    const records = await readAllRecords(createReadStream(join(out, 'all.dump')));
    expect(records).toHaveLength(expected.filter((record) => !record.expired).length);
    const table = ['export', '--store', root, '-d', 'service', '-t', 'orders', '--prefix', 'order/0001'];
    expect((await runInProcess([...table, '--out', join(out, 'orders.json')])).status).toBe(0);
    const orders = await readAllRecords(createReadStream(join(out, 'orders.json')));
    expect(orders.map((record) => record.key)).toEqual(
      liveKeys('service', 'orders').filter((key) => key.startsWith('order/0001')),
    );
  });

  it('write, delete and import exit 1 with the read-only message; the files are unchanged', async () => {
    const root = fixtureCopy();
    const before = hashTree(root);
    const input = join(tempDirForTest(), 'in.json');
    writeFileSync(input, '[{"key":"k","value":"dg=="}]');
    for (const argv of [
      ['write', 'k', 'v', '--store', root],
      ['write', 'user/1', 'v', '--store', root, '-t', 'users'],
      ['delete', 'user/1', '--store', root, '-t', 'users'],
      ['import', input, '--store', root],
      ['import', input, '--store', join(root, 'micro', 'users.db')],
    ]) {
      const result = await runInProcess(argv);
      expect(result.status, argv.join(' ')).toBe(1);
      expect(result.stderr).toContain(READ_ONLY);
    }
    expect(hashTree(root)).toEqual(before);
  });

  it('a folder that is not a go-micro store exits 1 saying so', async () => {
    const empty = tempDirForTest();
    mkdirSync(join(empty, 'micro'));
    const result = await runInProcess(['list', '--store', empty]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is a folder, but not a go-micro file store/);
  });
});

describe('the CLI on a single bbolt .db file', () => {
  it('names its database and table after its folder and file', async () => {
    const file = join(fixtureCopy(), 'micro', 'users.db');
    expect((await runInProcess(['databases', '--store', file])).stdout).toBe('micro\n');
    expect((await runInProcess(['tables', '--store', file])).stdout).toBe('users\t6\n');
    expect((await runInProcess(['list', '--store', file])).stdout).toBe(lines(liveKeys('micro', 'users')));
    expect((await runInProcess(['read', 'user/1', '--store', file])).stdout).toBe('{"name":"Ada"}\n');
    const out = join(tempDirForTest(), 'users.ndjson');
    expect((await runInProcess(['export', '--store', file, '--format', 'ndjson', '--out', out])).status).toBe(0);
    const records = await readAllRecords(createReadStream(out));
    expect(records.map((record) => record.key)).toEqual(liveKeys('micro', 'users'));
    const write = await runInProcess(['write', 'k', 'v', '--store', file]);
    expect(write.status).toBe(1);
    expect(write.stderr).toContain(READ_ONLY);
  });
});

describe('serve on a go-micro store', () => {
  it('startServer serves the folder read-only over HTTP', async () => {
    const root = fixtureCopy();
    const server = await startServer({ storePath: root, rendererDir: tempDirForTest() });
    try {
      const port = Number(new URL(server.url).port);
      const info = await callOverHttp(port, server.token, 'store.info', {});
      expect(info.json).toMatchObject({ ok: true, value: { kind: 'gomicro', readOnly: true, records: 2591 } });
      const page = await callOverHttp(port, server.token, 'records.page', { database: 'micro', table: 'users' });
      expect((page.json as { value: { records: { key: string }[] } }).value.records.map((r) => r.key)).toEqual(
        liveKeys('micro', 'users'),
      );
      const write = await callOverHttp(port, server.token, 'records.delete', {
        database: 'micro',
        table: 'users',
        keys: ['user/1'],
      });
      expect(write.json).toMatchObject({ ok: false, error: { code: 'read-only' } });
    } finally {
      await server.close();
    }
  });

  it('the serve command says the store is go-micro and read-only', async () => {
    const root = fixtureCopy();
    const renderer = tempDirForTest();
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    const serve = await startServe(['--store', root, '--renderer-dir', renderer]);
    try {
      expect(serve.line).toContain(`(store: ${root}, go-micro, read-only)`);
      const url = new URL(serve.line.split(' ')[2] ?? '');
      const token = url.searchParams.get('token') ?? '';
      const info = await callOverHttp(Number(url.port), token, 'store.databases', {});
      expect(info.json).toMatchObject({ ok: true, value: [{ database: 'micro' }, { database: 'service' }] });
    } finally {
      serve.child.kill('SIGINT');
      await serve.exited;
    }
  }, 30_000);
});
