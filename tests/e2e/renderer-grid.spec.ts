import { expect, test } from './support/serve-fixture.js';
import { grid, sidebar } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };

test('an empty store offers sample data, and the grid shows typed previews', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Add sample records' }).click();
  await expect(grid(page).getByRole('row', { name: /user\/1/ })).toContainText('Ada Lovelace');
  await expect(grid(page).getByRole('row', { name: /blob\/avatar-1/ })).toContainText('89 50 4e 47');
  await expect(grid(page).getByRole('row', { name: /cache:greeting/ })).toContainText('Hello from the store');
  await expect(page.getByRole('navigation').getByRole('button', { name: /micro\s*8/ })).toBeVisible();
});

test('sorting by key flips the order', async ({ page, served }) => {
  for (const key of ['a', 'b', 'c']) await served.writer.write({ key, value: key });
  await page.goto(served.url);
  const rows = page.getByRole('grid').getByRole('row');
  await expect(rows.nth(1)).toContainText('a');
  await page.getByRole('button', { name: /^Key/ }).click();
  await expect(rows.nth(1)).toContainText('c');
  await expect(page.getByRole('columnheader', { name: /Key/ })).toHaveAttribute('aria-sort', 'descending');
});

test('5,000 records scroll to the end with a bounded number of rows in the DOM', async ({ page, served }) => {
  const records = Array.from({ length: 5_000 }, (_, index) => ({
    key: `item/${String(index).padStart(5, '0')}`,
    value: `value ${index}`,
  }));
  await served.writer.writeMany(NS, records);
  await page.goto(served.url);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '5001');
  await expect(grid(page).getByRole('row', { name: /item\/00000/ })).toBeVisible();
  await grid(page).focus();
  await page.keyboard.press('End');
  await expect(grid(page).getByRole('row', { name: /item\/04999/ })).toBeVisible();
  expect(await grid(page).getByRole('row').count()).toBeLessThan(200);
  await page.keyboard.press('Home');
  await expect(grid(page).getByRole('row', { name: /item\/00000/ })).toBeVisible();
});

test('a record written by another process appears without a refresh', async ({ page, served }) => {
  await served.writer.write({ key: 'first', value: '1' });
  await page.goto(served.url);
  await expect(page.getByRole('row', { name: /first/ })).toBeVisible();
  await served.writer.write({ key: 'second', value: '2' });
  await expect(page.getByRole('row', { name: /second/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('2 records');
});

test('a new table created from the sidebar is listed and selected', async ({ page, served }) => {
  await served.writer.write({ key: 'k', value: 'v' });
  await page.goto(served.url);
  await sidebar(page).getByRole('button', { name: '+ New table' }).click();
  await sidebar(page).getByLabel('Database').fill('shop');
  await sidebar(page).getByLabel('Table', { exact: true }).fill('orders');
  await sidebar(page).getByRole('button', { name: 'Create' }).click();
  await expect(sidebar(page).getByRole('button', { name: /orders\s*0/ })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('heading', { name: 'This table has no records yet' })).toBeVisible();
});

test("the grid tells the focused row's position, and 'about' after a far jump", async ({ page, served }) => {
  const records = Array.from({ length: 5_000 }, (_, index) => ({
    key: `item/${String(index).padStart(5, '0')}`,
    value: `value ${index}`,
  }));
  await served.writer.writeMany(NS, records);
  await page.goto(served.url);
  await expect(page.getByText('Row 1 of 5,000', { exact: true })).toBeVisible();
  await grid(page).focus();
  // The first arrow selects the focused row; the next one moves.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByText('Row 2 of 5,000', { exact: true })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByText('Row 5,000 of 5,000', { exact: true })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByText('Row 1 of 5,000', { exact: true })).toBeVisible();
  // Dragging the scrollbar to the middle jumps to an interpolated key: the number is an estimate.
  await grid(page)
    .locator('.grid-scroller')
    .evaluate((scroller) => {
      scroller.scrollTop = scroller.scrollHeight / 2;
    });
  await expect(page.getByText(/^About row 2,\d{3} of 5,000$/)).toBeVisible();
  await expect(grid(page)).toHaveAccessibleDescription(/row 2,\d{3} of 5,000/);
});

test('every relative time tells its absolute local time and UTC instant on hover', async ({ page, served }) => {
  await served.writer.write({ key: 'soon', value: 'x' }, { ttl: 300_000 });
  await page.goto(served.url);
  const countdown = grid(page).getByRole('row', { name: /soon/ }).locator('.cell-expires .countdown');
  await expect(countdown).toHaveText(/^4m \d\ds$/);
  const title = await countdown.getAttribute('title');
  expect(title).toMatch(/^Expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d local · \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z UTC$/);
  const iso = title?.match(/· (\S+) UTC/)?.[1] ?? '';
  expect(Math.abs(Date.parse(iso) - (Date.now() + 300_000))).toBeLessThan(30_000);
  await expect(countdown).toHaveAccessibleDescription(title ?? '');
  const updated = grid(page).getByRole('row', { name: /soon/ }).locator('.cell-updated');
  await expect(updated).toHaveAttribute('title', /^Updated .* local · .*Z UTC$/);
});
