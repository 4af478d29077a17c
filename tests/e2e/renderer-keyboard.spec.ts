import { expect, test } from './support/serve-fixture.js';
import { cli, grid, valueField } from './support/store-page.js';

test('a keyboard-only session: find, open, edit, save, delete', async ({ page, served }) => {
  await served.writer.write({ key: 'alpha', value: 'one' });
  await served.writer.write({ key: 'beta', value: 'two' });
  await page.goto(served.url);
  await expect(page.getByRole('row', { name: /beta/ })).toBeVisible();

  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.getByLabel('Key contains')).toBeFocused();
  const records = grid(page);
  for (let presses = 0; presses < 10 && !(await records.evaluate((element) => element.matches(':focus'))); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(records).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(records.getByRole('row', { name: /beta/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const value = valueField(page);
  await expect(value).toBeFocused();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' and three');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'beta', '--store', served.storePath).trim()).toBe('two and three');

  await page.keyboard.press('Escape');
  await expect(records).toBeFocused();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete records?' });
  // Cancel has focus (a stray Enter deletes nothing); deleting takes a deliberate Tab to Delete.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(records.getByRole('row', { name: /beta/ })).toBeHidden();
  expect(await served.writer.list()).toEqual(['alpha']);
});

test('Ctrl+N opens a new record form that can be filled and submitted from the keyboard', async ({ page, served }) => {
  await served.writer.write({ key: 'existing', value: 'x' });
  await page.goto(served.url);
  await expect(page.getByRole('row', { name: /existing/ })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+n');
  const dialog = page.getByRole('dialog', { name: 'New record' });
  await expect(dialog.getByLabel('Key')).toBeFocused();
  await page.keyboard.type('typed/key');
  for (const _field of ['Database', 'Table', 'Value format', 'Value']) await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Value', { exact: true })).toBeFocused();
  await page.keyboard.type('typed value');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('row', { name: /typed\/key/ })).toBeVisible();
});
