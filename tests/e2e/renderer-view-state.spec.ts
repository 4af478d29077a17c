import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { grid, keysInGrid, sidebar } from './support/store-page.js';

test.beforeEach(async ({ served }) => {
  await served.writer.writeMany({ database: 'micro', table: 'micro' }, [
    { key: 'user/1', value: '1', metadata: { team: 'core' } },
    { key: 'user/2', value: '2', metadata: { team: 'web' } },
    { key: 'user/3', value: '3', metadata: { team: 'web' } },
    { key: 'order/1', value: 'o', metadata: { team: 'web' } },
  ]);
  await served.writer.writeMany({ database: 'shop', table: 'orders' }, [
    { key: 'a/1', value: 'x' },
    { key: 'b/1', value: 'y' },
  ]);
});

const hashOf = (page: Page) => new URL(page.url()).hash;
const matching = (page: Page, text: string) =>
  page.getByRole('search', { name: 'Filter records' }).getByText(text, { exact: true });

test('the filters, the order and the table are in the address, and a reload shows the same view', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  expect(page.url()).not.toContain('token');
  await page.getByLabel('Prefix').fill('user/');
  await page.getByLabel('Metadata', { exact: true }).fill('team=web');
  await page.getByLabel('Expiry').selectOption({ label: 'No TTL' });
  await page.getByRole('button', { name: /^Key/ }).click();
  await expect(matching(page, '2 matching')).toBeVisible();
  await expect.poll(() => hashOf(page)).toContain('order=desc');
  const hash = new URLSearchParams(hashOf(page).slice(1));
  expect(Object.fromEntries(hash)).toEqual({
    db: 'micro',
    table: 'micro',
    prefix: 'user/',
    metadata: 'team=web',
    expiry: 'no-ttl',
    order: 'desc',
  });
  expect(page.url()).not.toContain('token');
  const historyLength = Number(await page.evaluate('history.length'));

  await page.reload();
  await expect(page.getByLabel('Prefix')).toHaveValue('user/');
  await expect(page.getByLabel('Metadata', { exact: true })).toHaveValue('team=web');
  await expect(page.getByLabel('Expiry')).toHaveValue('no-ttl');
  await expect(matching(page, '2 matching')).toBeVisible();
  expect(await keysInGrid(page)).toEqual(['user/3', 'user/2']);
  // Typing replaced the address each time: no history entry per keystroke.
  expect(historyLength).toBeLessThanOrEqual(2);

  await sidebar(page)
    .getByRole('button', { name: /orders/ })
    .click();
  await expect.poll(() => hashOf(page)).toContain('db=shop&table=orders');
});

test('a shared link opens its table and filters, and the token still leaves the address', async ({ page, served }) => {
  await page.goto(`${served.url}#db=shop&table=orders&contains=b%2F`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/shop\s*\/\s*orders/);
  await expect(page.getByLabel('Key contains')).toHaveValue('b/');
  await expect(matching(page, '1 matching')).toBeVisible();
  expect(await keysInGrid(page)).toEqual(['b/1']);
  expect(page.url()).not.toContain('token');
  expect(hashOf(page)).toContain('contains=b%2F');
});

test('what in the address is not a valid view is ignored with a notice, never a crash', async ({ page, served }) => {
  await page.goto(`${served.url}#prefix=user%2F&order=sideways&expiry=bogus&db=nowhere&table=none&zoom=9`);
  await expect(
    page.getByText(/^Ignored in the address: order=sideways; expiry=bogus; zoom=9; no table nowhere/),
  ).toBeVisible();
  await expect(page.getByLabel('Prefix')).toHaveValue('user/');
  await expect(page.getByLabel('Expiry')).toHaveValue('live');
  await expect(matching(page, '3 matching')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/micro\s*\/\s*micro/);
  await expect.poll(() => hashOf(page)).not.toContain('sideways');
});
