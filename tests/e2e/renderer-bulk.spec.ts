import { expect, test } from './support/serve-fixture.js';
import { grid, selectionBar } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };

test.beforeEach(async ({ served }) => {
  const temporary = Array.from({ length: 10 }, (_, index) => ({ key: `tmp/${index}`, value: 'scratch' }));
  await served.writer.writeMany(NS, [...temporary, { key: 'keep/a', value: 'a' }, { key: 'keep/b', value: 'b' }]);
});

test('everything matching the filter is deleted after a confirmation that states the count', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await page.getByLabel('Prefix').fill('tmp/');
  await expect(page.getByRole('search').getByText('10 matching', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete matching…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete records?' });
  await expect(confirm).toContainText('all 10 records matching the filter');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'No records match the filters' })).toBeVisible();
  expect(await served.writer.list()).toEqual(['keep/a', 'keep/b']);
});

test('a selection made with Ctrl and Shift gets a TTL, then loses it', async ({ page, served }) => {
  await page.goto(served.url);
  await grid(page)
    .getByRole('row', { name: /tmp\/0/ })
    .click();
  await grid(page)
    .getByRole('row', { name: /tmp\/2/ })
    .click({ modifiers: ['Shift'] });
  await grid(page)
    .getByRole('row', { name: /keep\/a/ })
    .click({ modifiers: ['ControlOrMeta'] });
  await expect(selectionBar(page)).toContainText('4 selected');
  await selectionBar(page).getByRole('button', { name: 'Set TTL…' }).click();
  const dialog = page.getByRole('dialog', { name: /Set a TTL on 4 records/ });
  await dialog.getByLabel('Time to live').fill('10m');
  await dialog.getByRole('button', { name: 'Set TTL' }).click();
  await expect(grid(page).getByRole('row', { name: /tmp\/1/ })).toContainText(/9m \d\ds|10m 00s/);
  await expect(grid(page).getByRole('row', { name: /keep\/a/ })).toContainText(/9m \d\ds|10m 00s/);
  await expect(grid(page).getByRole('row', { name: /keep\/b/ })).toContainText('never');
  await selectionBar(page).getByRole('button', { name: 'Remove TTL' }).click();
  await expect(grid(page).getByRole('row', { name: /tmp\/1/ })).toContainText('never');
});

test('Ctrl+A selects all matching records, which are deleted in one go', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByLabel('Prefix').fill('keep/');
  await expect(page.getByRole('search').getByText('2 matching', { exact: true })).toBeVisible();
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(selectionBar(page)).toContainText('2 selected (all matching)');
  await selectionBar(page).getByRole('button', { name: 'Delete selected…' }).click();
  await page.getByRole('dialog', { name: 'Delete records?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'No records match the filters' })).toBeVisible();
  expect((await served.writer.list()).length).toBe(10);
});
