/**
 * What the Open connection dialog's fields keep, in browser mode against the real servers: Escape forgets the
 * typed password as Cancel does, the place chosen for one server is not carried to another, and a Redis key
 * prefix sampled by the test is offered, never filled in over go-micro's default table; the Changes panel on a
 * polled server says why it lists nothing. Skipped with a printed reason where Redis or Postgres is not running.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { POSTGRES, REDIS, serverAvailable } from '../backends/server-available.js';
import { expect, type ServedStore, test } from './support/serve-fixture.js';

const PG_URL = 'postgresql://root@127.0.0.1/test';
const REDIS_URL = 'redis://127.0.0.1:6379/0';
const postgresReachable = await serverAvailable(POSTGRES);
const reachable = postgresReachable && (await serverAvailable(REDIS));

type Page = import('@playwright/test').Page;
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Open connection' });

/** The served store's page, its Open connection dialog opened by the shortcut. */
async function openDialog(page: Page, served: ServedStore) {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toContainText(served.storePath);
  await page.keyboard.press('Control+Shift+O');
  return dialog(page);
}

async function testRedis(open: ReturnType<typeof dialog>) {
  await open.getByLabel('Server URL').fill(REDIS_URL);
  await open.getByRole('button', { name: 'Test connection' }).click();
  await expect(open.getByRole('status')).toContainText('Connected to Redis');
}

test('a password typed for one server is not sent to another', async ({ page, served }) => {
  const open = await openDialog(page, served);
  await open.getByLabel('Server URL').fill('mysql://root@127.0.0.1:3306/test');
  await open.getByLabel('Password').fill('typo');
  await open.getByLabel('Server URL').fill('mysql://root@127.0.0.1:3306/other');
  await expect(open.getByLabel('Password'), 'the same server keeps it').toHaveValue('typo');
  await open.getByLabel('Server URL').fill('postgresql://root@127.0.0.1/test');
  await expect(open.getByLabel('Password')).toHaveValue('');
});

test('Escape forgets the typed password, as Cancel does', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toContainText(served.storePath);
  for (const close of ['Escape', 'Escape again'] as const) {
    await page.keyboard.press('Control+Shift+O');
    const open = dialog(page);
    await expect(open.getByLabel('Server URL')).toBeFocused();
    await expect(open.getByLabel('Password'), `${close}: reopened empty`).toHaveValue('');
    await open.getByLabel('Server URL').fill('mysql://root@127.0.0.1:3306/test');
    await open.getByLabel('Password').fill('typo');
    await page.keyboard.press('Escape');
    await expect(open).toBeHidden();
  }
  await page.keyboard.press('Control+Shift+O');
  await expect(dialog(page).getByLabel('Password')).toHaveValue('');
});

test('a dialog the browser closes without a cancel event is closed as by Cancel', async ({ page, served }) => {
  const open = await openDialog(page, served);
  await open.getByLabel('Password').fill('typo');
  // What Chromium's close watcher does on Escape when the page had no user activation since the last one.
  await page.evaluate("document.querySelector('dialog')?.close()");
  // Closed as by Cancel: the dialog leaves the page (closed but kept, it could never be opened again).
  await expect(page.locator('dialog')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+O');
  await expect(open).toBeVisible();
  await expect(open.getByLabel('Password')).toHaveValue('');
});

test('the Changes panel on a polled server says why it lists nothing, naming that server', async ({ page, served }) => {
  test.skip(!postgresReachable, 'PostgreSQL (127.0.0.1:5432) is not reachable');
  const open = await openDialog(page, served);
  await open.getByLabel('Server URL').fill(PG_URL);
  await open.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(open).toBeHidden();
  await expect(page.locator('.live-state')).toHaveText('Live (polling)');
  await page.getByRole('button', { name: /^Changes/ }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes).toContainText('PostgreSQL is watched by polling what is on screen and the counts');
  await expect(changes).not.toContainText('file store');
});

test.describe('Open connection fields across servers', () => {
  test.skip(!reachable, 'Redis (127.0.0.1:6379) or PostgreSQL (127.0.0.1:5432) is not reachable');
  let redis: Redis;
  let prefix: string;

  test.beforeEach(async () => {
    prefix = `si_e2e_${randomBytes(4).toString('hex')}/`;
    redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    await redis.connect();
    for (let index = 0; index < 5; index++) await redis.set(`${prefix}key-${index}`, 'v');
  });
  test.afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test('a sampled Redis prefix is offered, not filled in over the default table', async ({ page, served }) => {
    const open = await openDialog(page, served);
    await testRedis(open);
    const table = open.getByLabel('Table (optional)');
    await expect(table).toHaveValue('');
    await expect(table).toHaveAttribute('placeholder', 'micro');
    await expect(open.getByLabel('Database (optional)')).toHaveValue('');
    const offered = await open
      .locator('datalist option')
      .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    expect(offered).toContain('micro');
  });

  test("another server's URL clears the place chosen for the last one", async ({ page, served }) => {
    const open = await openDialog(page, served);
    await testRedis(open);
    await open.getByLabel('Table (optional)').fill(prefix);
    // The same server, another spelling: the user's table stays.
    await open.getByLabel('Server URL').fill('redis://127.0.0.1:6379/0?');
    await expect(open.getByLabel('Table (optional)')).toHaveValue(prefix);

    await open.getByLabel('Server URL').fill(PG_URL);
    await open.getByRole('button', { name: 'Test connection' }).click();
    await expect(open.getByRole('status')).toContainText(/Connected to PostgreSQL: found \d+ databases?/);
    await expect(open.getByRole('alert')).toHaveCount(0);
    await expect(open.getByRole('combobox', { name: 'Database' })).toBeVisible();
  });
});
