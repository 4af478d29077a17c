import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../electron/serve/server.js';
import { createSqliteStore } from '../electron/store/index.js';
import type { BenchArgs } from './bench-args.js';
import { loadDataset } from './dataset.js';
import { median, millis, percentile, timeAsync } from './measure.js';

const NS = { database: 'micro', table: 'micro' };

async function load(path: string, records: number): Promise<void> {
  const store = createSqliteStore({ path });
  await loadDataset(store, records);
  const big = { report: 'x'.repeat(5 * 1024 * 1024 - 20) };
  await store.write({ key: 'big/report.json', value: JSON.stringify(big) });
  await store.close();
}

/** A page of 200 and one 5 MB record, through browser mode over real HTTP, as the renderer asks. */
export async function runApiBench(args: BenchArgs): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-api-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const path = join(dir, 'api.db');
  console.log(`Loading ${args.records.toLocaleString('en-US')} records …`);
  await load(path, args.records);
  const server = await startServer({ storePath: path, rendererDir });
  const base = new URL(server.url).origin;
  const call = async (name: string, arg: unknown) => {
    const response = await fetch(`${base}/api/call/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(arg),
    });
    const body = (await response.json()) as { ok: boolean; value: unknown };
    if (!body.ok) throw new Error(JSON.stringify(body));
    return body.value;
  };
  try {
    const pages: number[] = [];
    let after: string | undefined;
    for (let index = 0; index < 200; index++) {
      const { ms, result } = await timeAsync(() =>
        call('records.page', { ...NS, limit: 200, ...(after ? { after } : {}) }),
      );
      pages.push(ms);
      after = (result as { next: string | null }).next ?? undefined;
    }
    const big: number[] = [];
    for (let index = 0; index < 20; index++) {
      big.push(
        (await timeAsync(() => call('record.get', { ...NS, key: 'big/report.json', maxBytes: 8 * 1024 * 1024 }))).ms,
      );
    }
    console.log(`\nAPI benchmark over HTTP (browser mode), ${args.records.toLocaleString('en-US')} records\n`);
    console.log('| work | median | p95 | target |');
    console.log('| --- | --- | --- | --- |');
    console.log(
      `| a page of 200 records (200 consecutive pages) | ${millis(median(pages))} | ${millis(percentile(pages, 95))} | median < 10 ms |`,
    );
    console.log(
      `| one record of 5 MB in full (20 reads) | ${millis(median(big))} | ${millis(percentile(big, 95))} | < 100 ms |`,
    );
  } finally {
    await server.close();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}
