import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { grid } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };

test.beforeEach(async ({ served }) => {
  await served.writer.writeMany(NS, [
    { key: 'user/1', value: '{"name":"Ada"}', metadata: { kind: 'user' } },
    { key: 'user/2', value: '{"name":"Grace"}', metadata: { kind: 'user' } },
  ]);
});

const headers = (page: Page) => grid(page).getByRole('columnheader');
const separator = (page: Page, column: string) =>
  grid(page).getByRole('separator', { name: `Resize ${column} column` });
const width = async (page: Page, column: string) => Number(await separator(page, column).getAttribute('aria-valuenow'));

test('columns hide from the Columns menu, by keyboard, and stay hidden after a reload', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(headers(page)).toHaveCount(6);
  await page.getByRole('button', { name: 'Columns' }).focus();
  await page.keyboard.press('Enter');
  const metadata = page.getByRole('checkbox', { name: 'Metadata' });
  await metadata.focus();
  await page.keyboard.press('Space');
  await expect(metadata).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Key' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Columns' })).toBeFocused();
  await expect(page.getByRole('checkbox', { name: 'Metadata' })).toHaveCount(0);
  await expect(headers(page)).toHaveCount(5);
  await expect(grid(page).getByRole('columnheader', { name: 'Metadata' })).toHaveCount(0);
  await expect(
    grid(page)
      .getByRole('row', { name: /user\/1/ })
      .getByRole('gridcell'),
  ).toHaveCount(5);
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).not.toContainText('kind=user');

  await page.reload();
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  await expect(headers(page)).toHaveCount(5);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Metadata' }).check();
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toContainText('kind=user');
});

test('a column resizes by keyboard on its separator and by dragging, and keeps its width', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  const before = await width(page, 'Key');
  expect(before).toBeGreaterThan(0);
  await separator(page, 'Key').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => width(page, 'Key')).toBe(Math.round(before + 20));
  // The arrows resized the column; they did not move the grid's selection.
  await expect(grid(page).getByRole('row', { selected: true })).toHaveCount(0);
  const keyHeader = grid(page).getByRole('columnheader', { name: /Key/ });
  expect(Math.round((await keyHeader.boundingBox())?.width ?? 0)).toBe(Math.round(before + 20));

  const box = await separator(page, 'Size').boundingBox();
  if (box === null) throw new Error('the Size separator is not on screen');
  const sizeBefore = await width(page, 'Size');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => width(page, 'Size')).toBe(sizeBefore + 60);

  await page.reload();
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  await expect.poll(() => width(page, 'Key')).toBe(Math.round(before + 20));
  await expect.poll(() => width(page, 'Size')).toBe(sizeBefore + 60);
  await separator(page, 'Size').focus();
  await page.keyboard.press('Home');
  await expect.poll(() => width(page, 'Size')).toBe(sizeBefore);
});

test('a column layout stored by an older version or by hand is ignored, not a crash', async ({ page, served }) => {
  await page.goto(served.url);
  // A string runs in the page: these specs type-check without the DOM's globals.
  await page.evaluate(`localStorage.setItem('store-inspector.grid-columns', '{"hidden":"key","widths":[1')`);
  await page.reload();
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toBeVisible();
  await expect(headers(page)).toHaveCount(6);
});
