import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startServer } from '../../electron/serve/server.js';
import { createSqliteStore } from '../../electron/store/index.js';
import { expect, test } from './support/serve-fixture.js';

/**
 * Browser mode keeps its token in the page (sessionStorage of this origin and port) and sends it in
 * a header: no cookie that every server on 127.0.0.1 would receive, or a second serve overwrite.
 */
const grid = (page: Page) => page.getByRole('grid', { name: 'Records' });

test('the page loads, survives a reload and hears changes, with no cookie and no token in the address bar', async ({
  page,
  served,
}) => {
  await served.writer.write({ key: 'before', value: '1' });
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /before/ })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(await page.context().cookies()).toEqual([]);

  await page.reload();
  await expect(grid(page).getByRole('row', { name: /before/ })).toBeVisible();
  // The event stream (fetch with the token in a header) is open again after the reload.
  await served.writer.write({ key: 'after-reload', value: '2' });
  await expect(grid(page).getByRole('row', { name: /after-reload/ })).toBeVisible({ timeout: 3_000 });
});

test('a second serve in the same browser leaves the first one working, reload included', async ({ page, served }) => {
  await served.writer.write({ key: 'first-store', value: '1' });
  const secondPath = `${served.storePath}.second.db`;
  const seed = createSqliteStore({ path: secondPath });
  await seed.write({ key: 'second-store', value: '2' });
  await seed.close();
  const second = await startServer({ storePath: secondPath, rendererDir: resolve('out/renderer') });
  try {
    await page.goto(served.url);
    await expect(grid(page).getByRole('row', { name: /first-store/ })).toBeVisible();
    const other = await page.context().newPage();
    await other.goto(second.url);
    await expect(grid(other).getByRole('row', { name: /second-store/ })).toBeVisible();

    await page.reload();
    await expect(grid(page).getByRole('row', { name: /first-store/ })).toBeVisible();
    await other.reload();
    await expect(grid(other).getByRole('row', { name: /second-store/ })).toBeVisible();
    await other.close();
  } finally {
    await second.close();
  }
});

test('a token with whitespace after it does not open the store', async ({ page, served }) => {
  await served.writer.write({ key: 'secret-key', value: '1' });
  const url = new URL(served.url);
  await page.goto(`${url.origin}/?token=${url.searchParams.get('token')}%20`);
  await expect(page.getByRole('heading', { name: 'No store' })).toBeVisible();
  await expect(page.getByText('secret-key')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
});

test('a page opened without the token says it is not connected and what to open instead', async ({ page, served }) => {
  await served.writer.write({ key: 'secret', value: '1' });
  const withoutToken = new URL(served.url);
  withoutToken.search = '';
  await page.goto(withoutToken.toString());
  await expect(page.getByRole('alert')).toContainText('no valid token');
  await expect(page.getByRole('alert')).toContainText('store-inspector serve printed');
  await expect(grid(page).getByRole('row', { name: /secret/ })).toHaveCount(0);
});
