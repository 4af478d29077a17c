import type { Page } from '@playwright/test';
import { type ExternalWriter, startExternalWriter } from './support/external-writer-process.js';
import { expect, type ServedStore, test } from './support/serve-fixture.js';
import { fillValue, grid, keysInGrid, panel, valueText } from './support/store-page.js';

/** Each change another process commits must be on screen within this long, with no user action. */
const WITHIN = { timeout: 1_000 };

const changes = (page: Page) => page.getByRole('region', { name: 'Changes' });
const changeRow = (page: Page, key: string, kind: string) =>
  changes(page).getByRole('row').filter({ hasText: key }).filter({ hasText: kind });

let external: ExternalWriter;
test.beforeEach(({ served }) => {
  external = startExternalWriter(served.storePath);
});
test.afterEach(async () => {
  await external.stop();
});

test('another process creates, updates, deletes and expires records: each shows within a second', async ({
  page,
  served,
}) => {
  await served.writer.write({ key: 'a/1', value: 'one' });
  await served.writer.write({ key: 'a/3', value: 'three' });
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /a\/3/ })).toBeVisible();
  await page.getByRole('button', { name: /^Changes/ }).click();

  await external.send({ op: 'write', key: 'a/2', value: 'two' });
  const created = grid(page).getByRole('row', { name: /a\/2/ });
  await expect(created).toBeVisible(WITHIN);
  await expect(created).toContainText('created just now');
  expect(await keysInGrid(page)).toEqual(['a/1', 'a/2', 'a/3']);
  await expect(page.getByRole('search').getByText('3 records', { exact: true })).toBeVisible(WITHIN);
  await expect(changeRow(page, 'a/2', 'created')).toBeVisible(WITHIN);

  await external.send({ op: 'write', key: 'a/1', value: 'uno' });
  await expect(grid(page).getByRole('row', { name: /a\/1/ })).toContainText('uno', WITHIN);
  await expect(grid(page).getByRole('row', { name: /a\/1/ })).toContainText('changed just now');
  await expect(changeRow(page, 'a/1', 'updated')).toBeVisible(WITHIN);

  await external.send({ op: 'delete', key: 'a/3' });
  await expect(grid(page).getByRole('row', { name: /a\/3/ })).toBeHidden(WITHIN);
  await expect(changeRow(page, 'a/3', 'deleted')).toContainText('gone', WITHIN);
  await expect(page.getByRole('status')).toContainText('2 records', WITHIN);

  await external.send({ op: 'write', key: 'a/4', value: 'brief', ttl: 1_200 });
  const brief = grid(page).getByRole('row', { name: /a\/4/ });
  await expect(brief).toBeVisible(WITHIN);
  await expect(brief).toBeHidden({ timeout: 3_000 });
  await page.getByRole('checkbox', { name: 'Show expired' }).check();
  await expect(brief).toContainText(/expired \d+s ago/);
  await external.send({ op: 'purge' });
  await expect(brief).toBeHidden(WITHIN);
  await expect(changeRow(page, 'a/4', 'expired')).toBeVisible(WITHIN);
});

test('pausing holds the view and counts what waits; resuming catches up', async ({ page, served }) => {
  await served.writer.write({ key: 'k/1', value: '1' });
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /k\/1/ })).toBeVisible();
  await page.getByRole('button', { name: 'Pause live updates' }).click();
  const resume = page.getByRole('button', { name: /^Resume/ });
  await expect(resume).toHaveAttribute('aria-pressed', 'true');
  await external.send({ op: 'write', key: 'k/2', value: '2' });
  await external.send({ op: 'write', key: 'k/3', value: '3' });
  await expect(resume).toHaveText('Resume (2 waiting)', WITHIN);
  await expect(page.getByText('Paused: 2 changes waiting')).toBeVisible(WITHIN);
  await expect(grid(page).getByRole('row', { name: /k\/2/ })).toBeHidden();
  await resume.click();
  await expect(grid(page).getByRole('row', { name: /k\/3/ })).toBeVisible(WITHIN);
  await expect(page.getByText('Live (polling)', { exact: true })).toBeVisible();
});

test('the Changes panel filters by key and kind, and opens records (a deleted one as gone)', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: /^Changes/ }).click();
  await expect(changes(page)).toContainText('No changes yet.');
  await external.send({ op: 'write', key: 'user/1', value: '{"name":"Ada"}' });
  await external.send({ op: 'write', key: 'order/7', value: 'seven', database: 'shop', table: 'orders' });
  await external.send({ op: 'write', key: 'user/2', value: 'two' });
  await external.send({ op: 'delete', key: 'user/2' });
  await expect(changes(page).getByRole('row')).toHaveCount(5, WITHIN);

  await changes(page).getByRole('searchbox', { name: 'Changed key contains' }).fill('user/');
  await expect(changes(page).getByRole('row')).toHaveCount(4);
  await changes(page).getByRole('combobox', { name: 'Kind' }).selectOption('delete');
  await expect(changes(page).getByRole('row')).toHaveCount(2);
  await changes(page).getByRole('button', { name: 'user/2' }).click();
  await expect(panel(page)).toContainText('This record no longer exists');

  await changes(page).getByRole('searchbox', { name: 'Changed key contains' }).fill('');
  await changes(page).getByRole('combobox', { name: 'Kind' }).selectOption('any');
  await changes(page).getByRole('button', { name: 'order/7' }).click();
  await expect.poll(() => valueText(page)).toBe('seven');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('shop / orders');
});

async function changeFarDown(page: Page, served: ServedStore): Promise<void> {
  const records = Array.from({ length: 3_000 }, (_, index) => ({
    key: `item/${String(index).padStart(5, '0')}`,
    value: `value ${index}`,
  }));
  await served.writer.writeMany({ database: 'micro', table: 'micro' }, records);
  await page.goto(served.url);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3001');
  await page.getByRole('button', { name: /^Changes/ }).click();
  await external.send({ op: 'write', key: 'item/02500', value: 'changed far away' });
  await changes(page).getByRole('button', { name: 'item/02500' }).click();
}

test('a change far down a long table opens its record', async ({ page, served }) => {
  await changeFarDown(page, served);
  await expect.poll(() => valueText(page)).toBe('changed far away');
});

test('a change far down a long table opens with its row brought into view', async ({ page, served }) => {
  await changeFarDown(page, served);
  const row = grid(page).getByRole('row', { name: /item\/02500/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('changed far away');
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', /row-2500$/);
});

test('another process changes the open record under unsaved edits: the conflict view shows both', async ({
  page,
  served,
}) => {
  await served.writer.write({ key: 'shared', value: 'original' });
  await page.goto(served.url);
  await grid(page)
    .getByRole('row', { name: /shared/ })
    .click();
  await fillValue(page, 'mine');
  await external.send({ op: 'write', key: 'shared', value: 'theirs' });
  const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
  await expect(conflict).toBeVisible(WITHIN);
  await expect(conflict.getByRole('textbox', { name: 'Value: Your version (unsaved)' })).toContainText('mine');
  await expect(conflict.getByRole('textbox', { name: 'Value: In the store now' })).toContainText('theirs');
  await expect.poll(() => valueText(page)).toBe('mine');
});

test('Purge expired removes what expired and says how many', async ({ page, served }) => {
  await served.writer.write({ key: 'keep', value: 'x' });
  await page.goto(served.url);
  await external.send({ op: 'write', key: 'old/1', value: 'x', ttl: 300 });
  await external.send({ op: 'write', key: 'old/2', value: 'x', ttl: 300 });
  await page.getByRole('checkbox', { name: 'Show expired' }).check();
  await expect(grid(page).getByRole('row', { name: /old\/2/ })).toContainText(/expired \d+s ago/);
  const purge = page.getByRole('button', { name: 'Purge expired…' });
  await purge.click();
  const dialog = page.getByRole('dialog', { name: 'Purge expired records?' });
  await expect(dialog).toContainText('Remove the 2 expired records');
  await dialog.getByRole('button', { name: 'Purge' }).click();
  await expect(page.getByText('Purged 2 expired records')).toBeVisible();
  await expect(grid(page).getByRole('row', { name: /old\// })).toHaveCount(0);
  await purge.click();
  await expect(page.getByText('There are no expired records to purge')).toBeVisible();
});
