import { expect, test } from './support/serve-fixture.js';

/** Issue 11, item 8: Set TTL on everything matching works at any size, with progress. */

const NS = { database: 'micro', table: 'micro' };

test('Set TTL on 125,000 matching records sets every one, with progress', async ({ page, served }) => {
  test.setTimeout(90_000);
  const records = Array.from({ length: 125_000 }, (_, i) => ({ key: `tmp/${String(i).padStart(6, '0')}`, value: 'x' }));
  await served.writer.writeMany(NS, records);
  await served.writer.writeMany(NS, [{ key: 'keep/a', value: 'a' }]);
  await page.goto(served.url);
  await page.getByLabel('Prefix').fill('tmp/');
  await expect(page.getByRole('search').getByText('125,000 matching', { exact: true })).toBeVisible({
    timeout: 10_000,
  });
  const grid = page.getByRole('grid', { name: 'Records' });
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+a');
  const bar = page.getByRole('toolbar', { name: 'Selected records' });
  await expect(bar).toContainText('125,000 selected (all matching)');
  await bar.getByRole('button', { name: 'Set TTL…' }).click();
  const dialog = page.getByRole('dialog', { name: /Set a TTL on 125,000 records/ });
  await dialog.getByLabel('Time to live').fill('2h');
  await dialog.getByRole('button', { name: 'Set TTL' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Setting the TTL' })).toBeVisible();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  // The toast, once the dialog (whose title reads the same) has closed.
  await expect(page.getByText('Set a TTL on 125,000 records', { exact: true })).toBeVisible();
  expect(await served.writer.count(NS, { prefix: 'tmp/', expiry: 'has-ttl' })).toBe(125_000);
  expect(await served.writer.count(NS, { expiry: 'no-ttl' })).toBe(1);
});
