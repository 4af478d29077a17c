import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { grid, panel, valueField } from './support/store-page.js';

test.beforeEach(async ({ served }) => {
  await served.writer.writeMany({ database: 'micro', table: 'micro' }, [
    { key: 'user/1', value: '{"name":"Ada","city":"London"}' },
    { key: 'user/2', value: '{"name":"Grace","city":"london town"}' },
    { key: 'user/3', value: '{"name":"Linus","city":"Helsinki"}' },
  ]);
  await served.writer.writeMany({ database: 'shop', table: 'orders' }, [
    { key: 'order/london-1', value: 'ship to LONDON' },
    { key: 'order/2', value: 'ship to Paris' },
  ]);
});

const matching = (page: Page, text: string) =>
  page.getByRole('search', { name: 'Filter records' }).getByText(text, { exact: true });

test('Value contains filters by value, with Exact case, kept in the address', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  await page.getByLabel('Value contains').fill('London');
  await expect(matching(page, '1 matching')).toBeVisible();
  await expect(grid(page)).toContainText('user/1');
  const exact = page.getByRole('button', { name: 'Exact case' });
  await expect(exact).toHaveAttribute('aria-pressed', 'true');
  await exact.press('Enter');
  await expect(exact).toHaveAttribute('aria-pressed', 'false');
  await expect(matching(page, '2 matching')).toBeVisible();
  await expect.poll(() => new URL(page.url()).hash).toContain('valuecase=insensitive');
  await page.getByLabel('Prefix').fill('user/2');
  await expect(matching(page, '1 matching')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Value contains')).toHaveValue('London');
  await expect(matching(page, '1 matching')).toBeVisible();

  // The open record's value marks each match, in either case as the filter does.
  await grid(page)
    .getByRole('row', { name: /user\/2/ })
    .click();
  await expect(valueField(page)).toBeVisible();
  await expect(panel(page).locator('.cm-value-match')).toHaveText(['london']);
});

test('the store search lists hits by table and opens one with the filter applied', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Search every table' });
  await box.fill('london');
  await box.press('Enter');
  const results = page.getByRole('region', { name: 'Store search results' });
  await expect(results).toContainText('"london" in 2 tables');
  await expect(results.getByRole('listitem')).toHaveText([
    /micro \/ micro\s*0 keys\s*2 values/,
    /shop \/ orders\s*1 key\s*1 value/,
  ]);
  await results.getByRole('button', { name: '1 value' }).click();
  await expect(page.getByRole('main', { name: 'Records in shop / orders' })).toBeVisible();
  await expect(page.getByLabel('Value contains')).toHaveValue('london');
  await expect(page.getByRole('button', { name: 'Exact case' })).toHaveAttribute('aria-pressed', 'false');
  await expect(matching(page, '1 matching')).toBeVisible();
  await grid(page)
    .getByRole('row', { name: /order\/london-1/ })
    .click();
  await expect(panel(page).locator('.cm-value-match')).toHaveText(['LONDON']);

  // Keyboard only: Enter searches, Enter again opens the first table with hits.
  await box.fill('Helsinki');
  await box.press('Enter');
  await expect(results).toContainText('"Helsinki" in 1 table');
  await box.press('Enter');
  await expect(results).toBeHidden();
  await expect(page.getByLabel('Value contains')).toHaveValue('Helsinki');
  await expect(page.getByRole('main', { name: 'Records in micro / micro' })).toBeVisible();
  await expect(matching(page, '1 matching')).toBeVisible();
  await expect(grid(page)).toContainText('user/3');
});
