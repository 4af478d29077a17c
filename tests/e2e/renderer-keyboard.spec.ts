import { execFileSync } from 'node:child_process';
import { expect, test } from './support/serve-fixture.js';

const cli = (...args: string[]) => execFileSync('node', ['bin/store-inspector.js', ...args]).toString();

test('a keyboard-only session: find, open, edit, save, delete', async ({ page, served }) => {
  await served.writer.write({ key: 'alpha', value: 'one' });
  await served.writer.write({ key: 'beta', value: 'two' });
  await page.goto(served.url);
  await expect(page.getByRole('row', { name: /beta/ })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Records' });

  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.getByLabel('Key contains')).toBeFocused();
  for (let presses = 0; presses < 10 && !(await grid.evaluate((element) => element.matches(':focus'))); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(grid).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('row', { name: /beta/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const value = page.getByRole('complementary', { name: 'Record details' }).getByLabel('Value', { exact: true });
  await expect(value).toBeFocused();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' and three');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'beta', '--store', served.storePath).trim()).toBe('two and three');

  await page.keyboard.press('Escape');
  await expect(grid).toBeFocused();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete records?' });
  // Cancel has focus (a stray Enter deletes nothing); deleting takes a deliberate Tab to Delete.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(grid.getByRole('row', { name: /beta/ })).toBeHidden();
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
