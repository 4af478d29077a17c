import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from './support/serve-fixture.js';
import { grid, selectionBar } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };

test('while a filter field does not parse, nothing acts on "all matching" and no count is claimed', async ({
  page,
  served,
}) => {
  const records = Array.from({ length: 20 }, (_, index) => ({ key: `bulk/${index}`, value: 'v', metadata: { g: 3 } }));
  await served.writer.writeMany(NS, records);
  await page.goto(served.url);
  await page.getByLabel('Prefix').fill('bulk/');
  const search = page.getByRole('search');
  await expect(search.getByText('20 matching', { exact: true })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Metadata' }).fill('g>x');
  await expect(search.getByText('Filter not valid', { exact: true })).toBeVisible();
  await expect(search.getByText('20 matching', { exact: true })).toHaveCount(0);
  const deleteMatching = page.getByRole('button', { name: 'Delete matching…' });
  await expect(deleteMatching).toBeDisabled();
  await expect(deleteMatching).toHaveAccessibleDescription(/Metadata filter does not parse/);
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(selectionBar(page)).toContainText('(all matching)');
  for (const name of ['Delete selected…', 'Set TTL…', 'Remove TTL']) {
    await expect(selectionBar(page).getByRole('button', { name })).toBeDisabled();
  }
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Metadata' }).fill('g>2');
  await expect(search.getByText('20 matching', { exact: true })).toBeVisible();
  await expect(deleteMatching).toBeEnabled();
  expect((await served.writer.list()).length).toBe(20);
});

for (const width of [1280, 1400]) {
  test(`the Undo toast is readable at ${width} px, in a place of its own`, async ({ page, served }) => {
    await served.writer.writeMany(NS, [
      { key: 'toast/a', value: 'a' },
      { key: 'toast/b', value: 'b' },
    ]);
    await page.setViewportSize({ width, height: 800 });
    await page.goto(served.url);
    await grid(page)
      .getByRole('row', { name: /toast\/a/ })
      .click();
    await grid(page)
      .getByRole('row', { name: /toast\/b/ })
      .click({ modifiers: ['ControlOrMeta'] });
    await selectionBar(page).getByRole('button', { name: 'Delete selected…' }).click();
    await page.getByRole('dialog', { name: 'Delete records?' }).getByRole('button', { name: 'Delete' }).click();
    const message = page.locator('.toast > span');
    await expect(message).toHaveText('Deleted 2 records');
    const text = await message.evaluate((span) => ({ scroll: span.scrollWidth, client: span.clientWidth }));
    expect(text.scroll).toBeLessThanOrEqual(text.client);
    const toast = await page.locator('.toast').boundingBox();
    const bar = await page.locator('.app-bar').boundingBox();
    expect(toast?.width ?? 0).toBeGreaterThan(180);
    // Not in the app bar's row.
    expect(toast?.y ?? 0).toBeGreaterThan((bar?.y ?? 0) + (bar?.height ?? 0));
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  });
}

test("the editor's Custom duration reads Go's syntax as the CLI does, and says why it refuses", async ({
  page,
  served,
}) => {
  await served.writer.write({ key: 'session/1', value: 'x' });
  await page.goto(served.url);
  await grid(page)
    .getByRole('row', { name: /session\/1/ })
    .click();
  const details = page.getByRole('complementary', { name: 'Record details' });
  const duration = details.getByLabel('Custom duration');
  const cases: [string, string | RegExp][] = [
    ['1d', /"1d" is not a duration: use Go's syntax/],
    ['-5s', '"-5s" must not be negative'],
    ['0', '0 means no expiry: use No expiry'],
  ];
  for (const [typed, message] of cases) {
    await duration.fill(typed);
    await expect(duration).toHaveAttribute('aria-invalid', 'true');
    await expect(duration).toHaveAccessibleDescription(message);
  }
  await duration.fill('24h');
  await expect(
    details.getByText('Will expire 24h0m0s after saving').or(details.getByText('Will expire 24h after saving')),
  ).toBeVisible();
  await expect(duration).not.toHaveAttribute('aria-invalid', 'true');

  // The new-record dialog has the same field.
  await page.getByRole('button', { name: 'New record' }).first().click();
  const dialog = page.getByRole('dialog', { name: /New record/ });
  await dialog.getByLabel('Custom duration').fill('1d');
  await expect(dialog.getByLabel('Custom duration')).toHaveAccessibleDescription(/"1d" is not a duration/);
});

for (const width of [1280, 1400, 1920]) {
  test(`the filter bar is a tidy wrapping row at ${width} px, the metadata error right under its input`, async ({
    page,
    served,
  }) => {
    await served.writer.write({ key: 'a', value: 'v' });
    await page.setViewportSize({ width, height: 800 });
    await page.goto(served.url);
    const search = page.getByRole('search');
    const metadata = search.getByRole('searchbox', { name: 'Metadata' });
    await metadata.fill('g>x');
    await expect(metadata).toHaveAccessibleDescription(/At character 3: expected a number/);
    const tops = async (names: string[]) =>
      Promise.all(
        names.map(async (name) => {
          // The Expiry label wraps its select, whose options join its name.
          const field = name === 'Expiry' ? search.locator('select') : search.getByLabel(name, { exact: true });
          return (await field.boundingBox())?.y ?? -1;
        }),
      );
    const [prefix, suffix, contains, value, meta, expiry] = await tops([
      'Prefix',
      'Suffix',
      'Key contains',
      'Value contains',
      'Metadata',
      'Expiry',
    ]);
    const inputTops = [prefix, suffix, contains, value, meta];
    // Metadata never rises above the fields before it; the Expiry select shares its row with another field.
    expect(meta).toBeGreaterThanOrEqual(prefix ?? 0);
    expect(inputTops.some((top) => Math.abs((top ?? 0) - (expiry ?? 0)) < 3)).toBe(true);
    const input = await metadata.boundingBox();
    const error = await search.getByRole('alert').boundingBox();
    const gap = (error?.y ?? 0) - ((input?.y ?? 0) + (input?.height ?? 0));
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(8);
    expect(Math.abs((error?.x ?? 0) - (input?.x ?? 0))).toBeLessThan(4);
  });
}

test('an empty file offers no enabled Import, and says why', async ({ page, served }) => {
  const path = join(dirname(served.storePath), 'empty.json');
  writeFileSync(path, '[]');
  await page.goto(served.url);
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import records' });
  await dialog.getByLabel('Choose a file').setInputFiles(path);
  const importButton = dialog.getByRole('button', { name: 'Import 0 records' });
  await expect(importButton).toBeDisabled();
  await expect(importButton).toHaveAccessibleDescription('The file holds no records');
});

test('browser mode: Open connection names no Open command; the status bar says whose total it gives', async ({
  page,
  served,
}) => {
  await served.writer.writeMany(NS, [{ key: 'a', value: 'v' }]);
  await served.writer.write({ key: 'b', value: 'v' }, { database: 'other', table: 't' });
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toContainText('2 records in the store');
  await page.getByRole('button', { name: 'Open connection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open connection' });
  await expect(dialog.getByLabel('Server URL')).not.toHaveAccessibleDescription(/Open\./);
  await expect(dialog.getByLabel('Open read-only')).toBeEnabled();
  await expect(dialog.getByLabel('Open read-only')).not.toBeChecked();
});

test.describe('served with --read-only', () => {
  test.use({ readOnly: true });
  test('Open connection shows Open read-only checked and off, saying why', async ({ page, served }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Open connection…' }).click();
    const box = page.getByRole('dialog', { name: 'Open connection' }).getByLabel('Open read-only');
    await expect(box).toBeChecked();
    await expect(box).toBeDisabled();
    await expect(box).toHaveAccessibleDescription(/started with --read-only/);
  });
});

test('the Changes panel marks the older entries of a key deleted since as gone', async ({ page, served }) => {
  await served.writer.write({ key: 'keep', value: 'v' });
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /keep/ })).toBeVisible();
  await page.getByRole('button', { name: /^Changes/ }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  const entry = (key: string, kind: string) =>
    changes.getByRole('row').filter({ hasText: key }).filter({ hasText: kind });
  await served.writer.write({ key: 'doomed', value: 'one' });
  await expect(entry('doomed', 'created')).toBeVisible();
  await served.writer.write({ key: 'doomed', value: 'two' });
  await served.writer.write({ key: 'keep', value: 'w' });
  await expect(entry('doomed', 'updated')).toBeVisible();
  await expect(entry('doomed', 'updated')).not.toContainText('gone');
  await served.writer.delete('doomed');
  await expect(entry('doomed', 'deleted')).toContainText('gone');
  await expect(entry('doomed', 'updated')).toContainText('gone');
  await expect(entry('doomed', 'created')).toContainText('gone');
  await expect(entry('keep', 'updated')).not.toContainText('gone');
});
