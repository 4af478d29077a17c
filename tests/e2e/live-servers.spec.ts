/**
 * Live on servers, in Chromium through serve as `serve --store <URL>` starts it: a go-micro service writing to
 * Redis (keyspace notifications on) or NATS with its own client shows in the grid within a second; a save in
 * the page over a Postgres row a service changed meanwhile shows the conflict view; and the editor's fields
 * that the backend cannot keep are off, their description the refusal's one wording. Each suite is skipped
 * with a printed reason where its server is not running (failed instead under CI=true).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type KV, Kvm } from '@nats-io/kv';
import { type NatsConnection, connect as natsConnect } from '@nats-io/transport-node';
import { expect, type Page, test } from '@playwright/test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { NATS, POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { fillValue, grid, panel } from './support/store-page.js';

/** The page's budget: an external write shows within a second. */
const LIVE_MS = 1_000;

const reachable = {
  redis: await serverAvailable(REDIS),
  nats: await serverAvailable(NATS),
  postgres: await serverAvailable(POSTGRES),
};

/** serve --store URL, the page opened on `database`/`table` (the address's hash names them). */
async function serveUrl(url: string): Promise<RunningServer> {
  const store = parseConnectionString(url, {});
  return startServer({ store, rendererDir: resolve('out/renderer') });
}

async function openTable(page: Page, server: RunningServer, database: string, table: string): Promise<void> {
  await page.goto(`${server.url}#db=${encodeURIComponent(database)}&table=${encodeURIComponent(table)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${database} / ${table}`);
}

/** Redis lists no tables: the user types one in Open connection, where a SCAN sample suggests prefixes. */
async function openRedisTable(page: Page, server: RunningServer, table: string): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Open connection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open connection' });
  await dialog.getByLabel('Server URL').fill('redis://127.0.0.1:6379/0');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('status')).toContainText('Connected to Redis');
  await dialog.getByLabel('Table (optional)').fill(table);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`micro / ${table}`);
}

const row = (page: Page, key: string) => grid(page).getByRole('row', { name: new RegExp(key) });

test.describe('Redis with keyspace notifications', () => {
  test.skip(!reachable.redis, 'Redis is not reachable at 127.0.0.1:6379');
  let raw: Redis;
  let flags: string;
  let table: string;
  let server: RunningServer;

  test.beforeEach(async () => {
    raw = new Redis('redis://127.0.0.1:6379/0', { maxRetriesPerRequest: 1 });
    // The server's setting is the operator's: put back after.
    flags = ((await raw.config('GET', 'notify-keyspace-events')) as string[])[1] ?? '';
    await raw.config('SET', 'notify-keyspace-events', 'KEA');
    table = `si_e2e_${randomBytes(4).toString('hex')}/`;
    await raw.set(`${table}first`, 'one');
    server = await serveUrl('redis://127.0.0.1:6379/0');
  });
  test.afterEach(async () => {
    await server.close();
    const keys = await raw.keys(`${table}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.config('SET', 'notify-keyspace-events', flags);
    raw.disconnect();
  });

  test('a service’s write, overwrite and delete show in the grid within a second', async ({ page }) => {
    await openRedisTable(page, server, table);
    await expect(page.locator('.live-state')).toHaveText('Live (events)');
    await expect(row(page, 'first')).toBeVisible();

    await raw.set(`${table}second`, 'two');
    await expect(row(page, 'second')).toBeVisible({ timeout: LIVE_MS });
    await raw.set(`${table}second`, 'two, again');
    await expect(row(page, 'second')).toContainText('two, again', { timeout: LIVE_MS });
    await raw.del(`${table}first`);
    await expect(row(page, 'first')).toHaveCount(0, { timeout: LIVE_MS });
  });

  test('metadata is off in the editor and the new-record dialog, saying Redis keeps none', async ({ page }) => {
    await openRedisTable(page, server, table);
    await row(page, 'first').click();
    const metadata = panel(page).getByRole('textbox', { name: 'Metadata' });
    await expect(metadata).toBeDisabled();
    await expect(metadata).toHaveAccessibleDescription('Redis keeps no metadata');
    // Expiry is Redis's to keep: that field stays on.
    await expect(panel(page).getByRole('group', { name: 'Expiry' }).getByLabel('Custom duration')).toBeEnabled();

    await page.getByRole('button', { name: 'New record', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New record' });
    await expect(dialog.getByRole('textbox', { name: 'Metadata' })).toBeDisabled();
    await expect(dialog.getByRole('textbox', { name: 'Metadata' })).toHaveAccessibleDescription(
      'Redis keeps no metadata',
    );
  });
});

test.describe('NATS JetStream KV', () => {
  test.skip(!reachable.nats, 'NATS is not reachable at 127.0.0.1:4222');
  let nc: NatsConnection;
  let kv: KV;
  let bucket: string;
  let server: RunningServer;
  /** go-micro's store/nats-js-kv envelope, keys plain: `<table>_<key>`. */
  const put = (key: string, value: string) =>
    kv.put(
      `orders_${key}`,
      `{"key":${JSON.stringify(key)},"data":"${Buffer.from(value).toString('base64')}","metadata":{}}`,
    );

  test.beforeEach(async () => {
    nc = await natsConnect({ servers: '127.0.0.1:4222' });
    bucket = `si_e2e_${randomBytes(4).toString('hex')}`;
    kv = await new Kvm(nc).create(bucket, { history: 1 });
    await put('first', 'one');
    server = await serveUrl('nats://127.0.0.1:4222?keys=plain');
  });
  test.afterEach(async () => {
    await server.close();
    await kv.destroy().catch(() => undefined);
    await nc.close();
  });

  test('a service’s write, overwrite and delete show in the grid within a second', async ({ page }) => {
    await openTable(page, server, bucket, 'orders');
    await expect(page.locator('.live-state')).toHaveText('Live (events)');
    await expect(row(page, 'first')).toBeVisible();

    await put('second', 'two');
    await expect(row(page, 'second')).toBeVisible({ timeout: LIVE_MS });
    await put('second', 'two, again');
    await expect(row(page, 'second')).toContainText('two, again', { timeout: LIVE_MS });
    await kv.delete('orders_first');
    await expect(row(page, 'first')).toHaveCount(0, { timeout: LIVE_MS });
  });

  test('the Changes panel lists what the service changed, as the watch heard it', async ({ page }) => {
    await openTable(page, server, bucket, 'orders');
    await expect(row(page, 'first')).toBeVisible();
    await page.getByRole('button', { name: /^Changes/ }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await put('second', 'two');
    await expect(changes.getByRole('row', { name: /second/ })).toBeVisible({ timeout: LIVE_MS });
    await kv.delete('orders_first');
    await expect(changes.getByRole('row', { name: /first/ })).toContainText('gone', { timeout: LIVE_MS });
  });

  test('expiry is off in the editor, saying NATS KV has no per-record TTL', async ({ page }) => {
    await openTable(page, server, bucket, 'orders');
    await row(page, 'first').click();
    const expiry = panel(page).getByRole('group', { name: 'Expiry' });
    await expect(expiry).toHaveAccessibleDescription('NATS KV has no per-record TTL');
    await expect(expiry.getByRole('button', { name: 'No expiry' })).toBeDisabled();
    await expect(expiry.getByLabel('Custom duration')).toBeDisabled();
    await expect(panel(page).getByRole('textbox', { name: 'Metadata' })).toBeEnabled();
    // How the bucket's keys are written, and how that was decided, in the status bar.
    await expect(page.getByRole('contentinfo').getByRole('status')).toContainText('Keys: plain (chosen)');
  });
});

test.describe('Postgres', () => {
  test.skip(!reachable.postgres, 'PostgreSQL is not reachable at 127.0.0.1:5432');
  const url = 'postgresql://root@127.0.0.1/test';
  let raw: pg.Client;
  let schema: string;
  let server: RunningServer;

  test.beforeEach(async () => {
    schema = `si_e2e_${randomBytes(5).toString('hex')}`;
    raw = new pg.Client({ connectionString: url });
    await raw.connect();
    // go-micro's own DDL (store/postgres).
    await raw.query(`CREATE SCHEMA ${schema}`);
    await raw.query(
      `CREATE TABLE ${schema}.micro (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
    );
    await raw.query(`INSERT INTO ${schema}.micro (key, value, metadata) VALUES ('order/1', 'original', '{}')`);
    server = await serveUrl(url);
  });
  test.afterEach(async () => {
    await server.close();
    await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await raw.end();
  });

  test('a save over a row a service changed meanwhile shows the conflict view', async ({ page }) => {
    await openTable(page, server, schema, 'micro');
    await row(page, 'order/1').click();
    await fillValue(page, 'mine');
    await raw.query(`UPDATE ${schema}.micro SET value = 'theirs' WHERE key = 'order/1'`);
    await panel(page).getByRole('button', { name: 'Save', exact: true }).click();

    const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
    await expect(conflict).toBeVisible();
    await expect(conflict.getByRole('textbox', { name: 'Value: Your version (unsaved)' })).toContainText('mine');
    await expect(conflict.getByRole('textbox', { name: 'Value: In the store now' })).toContainText('theirs');
    // Nothing was written over the service's change.
    const { rows } = await raw.query<{ value: Buffer }>(`SELECT value FROM ${schema}.micro WHERE key = 'order/1'`);
    expect(rows[0]?.value.toString('utf8')).toBe('theirs');
  });

  test('the status bar shows the planner’s estimate, and the exact count when asked', async ({ page }) => {
    await raw.query(`INSERT INTO ${schema}.micro (key, value, metadata) VALUES ('order/2', 'second', '{}')`);
    await raw.query(`ANALYZE ${schema}.micro`);
    await openTable(page, server, schema, 'micro');
    const status = page.getByRole('contentinfo').getByRole('status');
    await expect(status).toContainText('~2 in this table');
    await status.getByRole('button', { name: 'Count exactly' }).click();
    await expect(status).toContainText('2 records in this table');
  });
});
