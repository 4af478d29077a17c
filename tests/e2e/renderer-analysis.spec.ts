import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';

const NS = { database: 'micro', table: 'micro' };

test.beforeEach(async ({ served }) => {
  await served.writer.writeMany(NS, [
    { key: 'user/1/profile', value: 'a'.repeat(40) },
    { key: 'user/2/profile', value: 'b'.repeat(40) },
    { key: 'user/2/avatar', value: 'c'.repeat(9_000) },
    { key: 'order/7', value: 'seven' },
  ]);
  await served.writer.write({ key: 'session/a', value: 'x' }, { ttl: 30_000 });
  await served.writer.write({ key: 'session/b', value: 'y' }, { ttl: 3 * 3_600_000 });
});

const count = (page: Page, text: string) =>
  page.getByRole('search', { name: 'Filter records' }).getByText(text, { exact: true });

async function openAnalysis(page: Page) {
  await page.getByRole('button', { name: 'Analysis' }).click();
  const view = page.getByRole('main', { name: 'Analysis of micro / micro' });
  await expect(view.getByRole('status')).toHaveText('6 records, 8.9 KB of values');
  return view;
}

test('the key space, value sizes and expiry are tables a screen reader can read', async ({ page, served }) => {
  await page.goto(served.url);
  const view = await openAnalysis(page);
  const keySpace = view.getByRole('table', { name: 'Key space parts, sized by records' });
  await expect(keySpace.getByRole('row', { name: /^Show user\/ in the grid 3 / })).toBeVisible();
  await expect(keySpace.getByRole('row', { name: /^Show session\/ in the grid 2 / })).toBeVisible();
  const sizes = view.getByRole('table', { name: 'Records by value size' });
  await expect(sizes.getByRole('row', { name: /^4\.0 KB – under 16 KB 1 / })).toBeVisible();
  const expiry = view.getByRole('table', { name: 'Records by when they expire' });
  await expect(expiry.getByRole('row', { name: /within a minute 1$/ })).toBeVisible();
  await expect(expiry.getByRole('row', { name: /never expire 4$/ })).toBeVisible();
  await expect(view.getByRole('button', { name: 'Open user/2/avatar' })).toBeVisible();
});

test('a part of the key space filters the grid to its prefix; a branch breaks down a level', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  let view = await openAnalysis(page);
  await view.getByRole('button', { name: 'Break down user/' }).click();
  await expect(view.getByRole('heading', { name: 'Key space under user/' })).toBeVisible();
  await view.getByRole('button', { name: 'Show user/2/ in the grid' }).click();
  await expect(page.getByLabel('Prefix')).toHaveValue('user/2/');
  await expect(count(page, '2 matching')).toBeVisible();
  // The picture then follows the grid's filter.
  await page.getByRole('button', { name: 'Analysis' }).click();
  view = page.getByRole('main', { name: 'Analysis of micro / micro' });
  await expect(view.getByRole('status')).toHaveText('2 records, 8.8 KB of values');
});

test('an expiry bucket filters the grid, and a big record opens in the editor', async ({ page, served }) => {
  await page.goto(served.url);
  let view = await openAnalysis(page);
  await view.getByRole('button', { name: 'Show records expiring within a minute' }).click();
  await expect(page.getByLabel('Expiry')).toHaveValue('expiring');
  await expect(page.getByLabel('Within', { exact: true })).toHaveValue('1m');
  await expect(count(page, '1 matching')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  view = await openAnalysis(page);
  await view.getByRole('button', { name: 'Open user/2/avatar' }).click();
  await expect(page.getByRole('grid', { name: 'Records' })).toBeVisible();
  await expect(page.getByText('user/2/avatar').first()).toBeVisible();
});

test('both themes draw the picture from theme colours', async ({ page, served }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(served.url);
    const view = await openAnalysis(page);
    const fill = await view
      .locator('.analysis-shade-0 rect')
      .first()
      .evaluate((rect) => rect.ownerDocument.defaultView?.getComputedStyle(rect).fill);
    const expected = await view.evaluate((element) => {
      const root = element.ownerDocument.documentElement;
      return root.ownerDocument.defaultView?.getComputedStyle(root).getPropertyValue('--accent-soft').trim() ?? '';
    });
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;
    expect(fill).toBe(rgb(expected));
  }
});

test('clicking a tile of the treemap filters the grid to that prefix', async ({ page, served }) => {
  await page.goto(served.url);
  const view = await openAnalysis(page);
  await view.locator('svg.analysis-treemap g', { hasText: 'session/' }).click();
  await expect(page.getByLabel('Prefix')).toHaveValue('session/');
  await expect(count(page, '2 matching')).toBeVisible();
});
