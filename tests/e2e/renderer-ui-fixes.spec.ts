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
