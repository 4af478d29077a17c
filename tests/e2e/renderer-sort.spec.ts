import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { grid, keysInGrid } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };
const header = (page: Page, name: string) => grid(page).getByRole('columnheader', { name: new RegExp(`^${name}`) });
const sortButton = (page: Page, name: string) =>
  header(page, name).getByRole('button', { name: new RegExp(`^${name}`) });

test.beforeEach(async ({ served }) => {
  // Sizes 3, 1, 2, 1 (b and d tie: the key decides); c never expires, the others in 3, 1 and 2 hours.
  await served.writer.write({ key: 'a', value: 'xxx' }, { ttl: 3 * 3_600_000 });
  await served.writer.write({ key: 'b', value: 'x' }, { ttl: 3_600_000 });
  await served.writer.write({ key: 'c', value: 'xx' });
  await served.writer.write({ key: 'd', value: 'y' }, { ttl: 2 * 3_600_000 });
});

test('Size sorts both ways by click, ties by key, and the sort stays in the address', async ({ page, served }) => {
  await page.goto(served.url);
  await expect.poll(() => keysInGrid(page)).toEqual(['a', 'b', 'c', 'd']);
  await expect(header(page, 'Key')).toHaveAttribute('aria-sort', 'ascending');
  await sortButton(page, 'Size').click();
  await expect.poll(() => keysInGrid(page)).toEqual(['b', 'd', 'c', 'a']);
  await expect(header(page, 'Size')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header(page, 'Key')).not.toHaveAttribute('aria-sort');
  await sortButton(page, 'Size').click();
  await expect.poll(() => keysInGrid(page)).toEqual(['a', 'c', 'd', 'b']);
  await expect(header(page, 'Size')).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=size/);
  await page.reload();
  await expect.poll(() => keysInGrid(page)).toEqual(['a', 'c', 'd', 'b']);
  await expect(header(page, 'Size')).toHaveAttribute('aria-sort', 'descending');
});

test('Expires sorts by keyboard, with records that never expire last; Updated sorts by write time', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await expect.poll(() => keysInGrid(page)).toEqual(['a', 'b', 'c', 'd']);
  await sortButton(page, 'Expires').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => keysInGrid(page)).toEqual(['b', 'd', 'a', 'c']);
  await expect(header(page, 'Expires')).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Space');
  await expect.poll(() => keysInGrid(page)).toEqual(['c', 'a', 'd', 'b']);

  await served.writer.write({ key: 'b', value: 'rewritten' });
  await sortButton(page, 'Updated').click();
  await sortButton(page, 'Updated').click();
  await expect(header(page, 'Updated')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await keysInGrid(page))[0]).toBe('b');
});

test('a record written while sorted by size appears where its size puts it', async ({ page, served }) => {
  await page.goto(`${served.url}#sort=size`);
  await expect.poll(() => keysInGrid(page)).toEqual(['b', 'd', 'c', 'a']);
  await served.writer.writeMany(NS, [{ key: 'e', value: 'xxxxxxxx' }]);
  await expect.poll(() => keysInGrid(page)).toEqual(['b', 'd', 'c', 'a', 'e']);
});
