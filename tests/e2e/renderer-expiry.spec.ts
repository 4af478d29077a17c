import { expect, test } from './support/serve-fixture.js';
import { cli, panel } from './support/store-page.js';

test('a record written with a 2 s TTL leaves the grid by itself', async ({ page, served }) => {
  await served.writer.write({ key: 'stays', value: 'forever' });
  await page.goto(served.url);
  await expect(page.getByRole('row', { name: /stays/ })).toBeVisible();
  await served.writer.write({ key: 'fleeting', value: 'soon gone' }, { ttl: 2_000 });
  const row = page.getByRole('row', { name: /fleeting/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('under a minute');
  await expect(row).toBeHidden({ timeout: 5_000 });
  await expect(page.getByRole('search').getByText('1 record', { exact: true })).toBeVisible();
});

test('the countdown ticks each second', async ({ page, served }) => {
  await served.writer.write({ key: 'ticking', value: 'x' }, { ttl: 50_000 });
  await page.goto(served.url);
  const cell = page
    .getByRole('row', { name: /ticking/ })
    .getByRole('gridcell')
    .nth(4);
  const first = await cell.textContent();
  await expect(cell).not.toHaveText(first ?? '', { timeout: 2_500 });
});

test('an expiry preset set in the editor is saved', async ({ page, served }) => {
  await served.writer.write({ key: 'cache/x', value: 'hello' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /cache\/x/ }).click();
  await panel(page).getByRole('button', { name: '5 min' }).click();
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /cache\/x/ })).toContainText(/4m 5\ds|5m 00s/);
  expect(cli('read', 'cache/x', '-v', '--store', served.storePath)).toMatch(/\(expires: (4m5\ds|5m0s)\)/);
});
