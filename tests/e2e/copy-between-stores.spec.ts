/**
 * Copy to another store, in Chromium through serve (docs/import-export.md, "Copy between stores"): a SQLite
 * table into Postgres, read back raw in go-micro's layout; into Redis, whose refusal of metadata the dialog
 * shows in the one wording before copying without it; and a cancel mid-copy that leaves nothing in Postgres.
 * Also Import and Export from the app while the open store is a Postgres server. Each server's test is
 * skipped with a printed reason where it is not running (failed instead under CI=true).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { startServer } from '../../electron/serve/server.js';
import type { RecordInput } from '../../electron/store/index.js';
import { POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { expect, test } from './support/serve-fixture.js';
import { grid } from './support/store-page.js';

const PG_URL = 'postgresql://root@127.0.0.1/test';
const REDIS_URL = 'redis://127.0.0.1:6379/0';
const reachable = { postgres: await serverAvailable(POSTGRES), redis: await serverAvailable(REDIS) };
const ORDERS = { database: 'shop', table: 'orders' };

const hex = () => randomBytes(5).toString('hex');

/** Records of a service: every other one with metadata, every third with a TTL of an hour. */
function orders(count: number, valueBytes = 20): RecordInput[] {
  const pad = 'x'.repeat(valueBytes);
  return Array.from({ length: count }, (_, i) => ({
    key: `order/${String(i).padStart(6, '0')}`,
    value: `{"n":${i},"pad":"${pad}"}`,
    ...(i % 2 === 0 ? { metadata: { n: i, owner: 'billing' } } : {}),
    ...(i % 3 === 0 ? { expiry: 3_600_000 } : {}),
  }));
}

async function withPg<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const copyDialog = (page: Page) => page.getByRole('dialog', { name: 'Copy to another store' });

/** Opens the dialog from the app bar on the table, and names the target server (tested, as a user would). */
async function openCopy(page: Page, url: string, kind: string) {
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Copy to another store…' }).click();
  const dialog = copyDialog(page);
  await expect(dialog.getByRole('radio', { name: /The table shop \/ orders/ })).toBeChecked();
  await dialog.getByLabel('Target server URL').fill(url);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  // Redis lists no tables: the test samples its keys for suggestions, which takes longer on a full server.
  await expect(dialog.getByRole('status').first()).toContainText(`Connected to ${kind}`, { timeout: 20_000 });
  return dialog;
}

test('the dialog starts from the filter (app bar) or the table (sidebar), and asks for a target first', async ({
  page,
  served,
}) => {
  await served.writer.writeMany(ORDERS, orders(30));
  await page.goto(`${served.url}#db=shop&table=orders`);
  // Filters once the table's rows are shown, as a user would: typed while the page was still opening, the
  // prefix once missed its "10 matching" in CI (passed on retry; not reproduced here).
  await expect(grid(page).getByRole('row', { name: /^order\/000000/ })).toBeVisible();
  await page.getByLabel('Prefix').fill('order/00001');
  await expect(page.getByText('10 matching')).toBeVisible();
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Copy to another store…' }).click();
  const dialog = copyDialog(page);
  await expect(dialog.getByRole('radio', { name: 'The records matching the filter (10)' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /The table shop \/ orders \(30\)/ })).not.toBeChecked();
  await expect(dialog.getByLabel('Target server URL')).toBeFocused();
  await dialog.getByRole('button', { name: 'Start copy' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Give the target’s server URL');
  await dialog.getByRole('radio', { name: /Every table of the database shop/ }).check();
  await expect(dialog.getByLabel('Into database')).toHaveValue('shop');
  await expect(dialog.getByLabel('Into table')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();

  await page
    .getByRole('navigation', { name: 'Databases and tables' })
    .getByRole('button', { name: 'Copy the selected table to another store…' })
    .click();
  await expect(copyDialog(page).getByRole('radio', { name: /The table shop \/ orders/ })).toBeChecked();
});

test.describe('into Postgres', () => {
  test.skip(!reachable.postgres, 'PostgreSQL is not reachable at 127.0.0.1:5432');
  let schema: string;
  test.beforeEach(() => {
    schema = `si_e2e_copy_${hex()}`;
  });
  test.afterEach(async () => {
    await withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  test('a SQLite table lands in go-micro’s layout, with the report', async ({ page, served }) => {
    await served.writer.writeMany(ORDERS, orders(300));
    await page.goto(`${served.url}#db=shop&table=orders`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('shop / orders');
    const dialog = await openCopy(page, PG_URL, 'PostgreSQL');
    // The target's names default to the source's; the database is a schema of our own here.
    await expect(dialog.getByLabel('Into table')).toHaveValue('orders');
    await dialog.getByLabel('Into database').fill(schema);
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const report = dialog.getByRole('region', { name: 'Copy report' });
    await expect(report).toContainText('Copied 300 records into postgresql://root@127.0.0.1/test');
    await expect(report).toContainText(/Written \(new keys\)\s*300/);
    await expect(report).toContainText('one transaction');
    await expect(report).toContainText('Nothing: every record was copied whole.');
    await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();

    const rows = await withPg(async (client) => {
      const { rows } = await client.query<{ key: string; value: Buffer; metadata: object; ttl: number | null }>(
        `SELECT key, value, metadata, EXTRACT(EPOCH FROM expiry - now()) AS ttl FROM ${schema}.orders ORDER BY key`,
      );
      return rows;
    });
    expect(rows).toHaveLength(300);
    expect(rows[0]?.value.toString()).toBe(`{"n":0,"pad":"${'x'.repeat(20)}"}`);
    expect(rows[0]?.metadata).toEqual({ n: 0, owner: 'billing' });
    expect(Number(rows[0]?.ttl)).toBeGreaterThan(3_500);
    expect(rows[1]?.metadata).toEqual({});
    expect(rows[1]?.ttl).toBeNull();
  });

  test('Cancel mid-copy writes nothing into Postgres, and says so', async ({ page, served }) => {
    await served.writer.writeMany(ORDERS, orders(80_000, 100));
    await page.goto(`${served.url}#db=shop&table=orders`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('shop / orders');
    const dialog = await openCopy(page, PG_URL, 'PostgreSQL');
    await dialog.getByLabel('Into database').fill(schema);
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const progress = dialog.getByRole('progressbar', { name: 'Copying' });
    await expect(progress).toHaveAttribute('aria-valuetext', /^[1-9][\d,]* of 80,000 records/, { timeout: 15_000 });
    expect(Number(await progress.getAttribute('aria-valuenow'))).toBeLessThan(100);
    await dialog.getByRole('button', { name: 'Cancel copy' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Copy cancelled' })).toContainText(
      'Nothing was written into postgresql://root@127.0.0.1/test.',
    );
    const left = await withPg(async (client) => {
      const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      return rows.length;
    });
    expect(left).toBe(0);
  });
});

test.describe('into Redis', () => {
  test.skip(!reachable.redis, 'Redis is not reachable at 127.0.0.1:6379');
  let raw: Redis;
  let table: string;
  test.beforeEach(() => {
    raw = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    table = `si_e2e_copy_${hex()}/`;
  });
  test.afterEach(async () => {
    const keys = await raw.keys(`${table}*`);
    if (keys.length > 0) await raw.del(...keys);
    raw.disconnect();
  });

  test('the metadata refusal in its one wording, then a copy without it, counted', async ({ page, served }) => {
    await served.writer.writeMany(ORDERS, orders(6));
    await page.goto(`${served.url}#db=shop&table=orders`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('shop / orders');
    const dialog = await openCopy(page, REDIS_URL, 'Redis');
    // Said before the copy, from the test: the one wording of electron/common/backend-refusals.ts.
    await expect(dialog.getByText(/^Redis keeps no metadata: a record carrying it stops the copy/)).toBeVisible();
    await dialog.getByLabel('Into table').fill(table);
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const refused = dialog.getByRole('alert');
    await expect(refused).toContainText('Nothing was copied');
    await expect(refused).toContainText('Redis keeps no metadata (3 record(s) carry some): nothing was written');
    expect(await raw.keys(`${table}*`)).toEqual([]);

    await dialog.getByRole('button', { name: 'Copy without what it cannot keep' }).click();
    const report = dialog.getByRole('region', { name: 'Copy report' });
    await expect(report).toContainText('Copied 6 records into redis://127.0.0.1:6379/0');
    await expect(report.getByRole('list', { name: 'What the target could not keep' })).toHaveText(
      'Redis keeps no metadata: 3 records copied without their metadata',
    );
    await expect(report).toContainText('this store has no transaction');
    expect((await raw.keys(`${table}*`)).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `${table}order/${String(i).padStart(6, '0')}`),
    );
    expect(await raw.get(`${table}order/000001`)).toBe(`{"n":1,"pad":"${'x'.repeat(20)}"}`);
    // A TTL is carried as the time left.
    expect(await raw.pttl(`${table}order/000003`)).toBeGreaterThan(3_500_000);
  });

  test('Cancel mid-copy says how many records Redis, which has no transaction, kept', async ({ page, served }) => {
    await served.writer.writeMany(ORDERS, orders(80_000, 100));
    await page.goto(`${served.url}#db=shop&table=orders`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('shop / orders');
    await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Copy to another store…' }).click();
    const dialog = copyDialog(page);
    await dialog.getByLabel('Target server URL').fill(REDIS_URL);
    await dialog.getByLabel('Into table').fill(table);
    await dialog.getByRole('checkbox', { name: /without that part/ }).check();
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const progress = dialog.getByRole('progressbar', { name: 'Copying' });
    await expect(progress).toHaveAttribute('aria-valuetext', /^[1-9][\d,]* of 80,000 records/, { timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Cancel copy' }).click();
    const said = dialog.getByRole('status').filter({ hasText: 'Copy cancelled' });
    await expect(said).toContainText(
      /redis:\/\/127\.0\.0\.1:6379\/0 has no transaction: \d+ record\(s\) were written whole before it stopped, none in part\./,
    );
    const written = Number(/(\d+) record\(s\) were written/.exec((await said.textContent()) ?? '')?.[1]);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(80_000);
    expect(await raw.keys(`${table}*`)).toHaveLength(written);
  });
});

test.describe('Import and Export on a Postgres store', () => {
  test.skip(!reachable.postgres, 'PostgreSQL is not reachable at 127.0.0.1:5432');
  let schema: string;
  let dir: string;
  test.beforeEach(async () => {
    schema = `si_e2e_io_${hex()}`;
    dir = mkdtempSync(join(tmpdir(), 'si-copy-io-'));
    await withPg(async (client) => {
      await client.query(`CREATE SCHEMA ${schema}`);
      // go-micro's store/postgres table, as a service made it.
      await client.query(
        `CREATE TABLE ${schema}.micro (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
      );
      await client.query(`INSERT INTO ${schema}.micro VALUES ('before', 'kept', '{}', NULL)`);
    });
  });
  test.afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  test('a file imports into the server and the table exports from it', async ({ page }) => {
    const server = await startServer({
      store: parseConnectionString(PG_URL, {}),
      rendererDir: resolve('out/renderer'),
    });
    try {
      const file = join(dir, 'in.ndjson');
      const lines = Array.from({ length: 40 }, (_, i) =>
        JSON.stringify({ key: `in/${i}`, value: Buffer.from(`v${i}`).toString('base64'), metadata: { i } }),
      );
      writeFileSync(file, `${lines.join('\n')}\n`);
      await page.goto(`${server.url}#db=${schema}&table=micro`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${schema} / micro`);

      await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Import…' }).click();
      const importing = page.getByRole('dialog', { name: 'Import records' });
      await importing.getByLabel('Choose a file').setInputFiles(file);
      await expect(importing.getByRole('region', { name: 'Preview' })).toContainText('40');
      await importing.getByRole('button', { name: 'Import 40 records' }).click();
      await expect(importing.getByRole('region', { name: 'Import report' })).toContainText('Imported 40 records');
      await importing.getByRole('button', { name: 'Show the records' }).click();
      await expect(grid(page).getByRole('row', { name: /^in\/1 text v1/ })).toBeVisible();
      const imported = await withPg(async (client) => {
        const { rows } = await client.query(
          `SELECT convert_from(value, 'UTF8') AS v, metadata FROM ${schema}.micro WHERE key = 'in/7'`,
        );
        return rows;
      });
      expect(imported).toEqual([{ v: 'v7', metadata: { i: 7 } }]);

      await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Export…' }).click();
      const exporting = page.getByRole('dialog', { name: 'Export records' });
      await exporting.getByRole('combobox').selectOption('lines');
      const download = page.waitForEvent('download');
      await exporting.getByRole('button', { name: 'Export', exact: true }).click();
      const out = join(dir, 'out.ndjson');
      await (await download).saveAs(out);
      await expect(exporting.getByRole('region', { name: 'Export result' })).toContainText('Exported 41 records');
      const exported = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { key: string });
      expect(exported.map((record) => record.key).sort()).toEqual(
        ['before', ...Array.from({ length: 40 }, (_, i) => `in/${i}`)].sort(),
      );
    } finally {
      await server.close();
    }
  });
});
