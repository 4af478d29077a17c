import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { cli, fillValue, panel, valueText } from './support/store-page.js';

async function editUnderCli(page: Page, storePath: string) {
  await page.getByRole('row', { name: /shared/ }).click();
  await fillValue(page, 'mine');
  cli('write', 'shared', 'theirs', '--store', storePath);
  const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('textbox', { name: 'Value: Your version (unsaved)' })).toContainText('mine');
  await expect(conflict.getByRole('textbox', { name: 'Value: In the store now' })).toContainText('theirs');
  return conflict;
}

test('a change made with the command line under unsaved edits shows both versions; keep mine', async ({
  page,
  served,
}) => {
  await served.writer.write({ key: 'shared', value: 'original' });
  await page.goto(served.url);
  const conflict = await editUnderCli(page, served.storePath);
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'shared', '--store', served.storePath).trim()).toBe('mine');
});

test('take theirs reloads the store version and drops the edits', async ({ page, served }) => {
  await served.writer.write({ key: 'shared', value: 'original' });
  await page.goto(served.url);
  const conflict = await editUnderCli(page, served.storePath);
  await conflict.getByRole('button', { name: 'Take theirs' }).click();
  await expect.poll(() => valueText(page)).toBe('theirs');
  await expect(panel(page).getByRole('button', { name: 'Save' })).toBeDisabled();
});

test('without unsaved edits, a change from outside simply reloads', async ({ page, served }) => {
  await served.writer.write({ key: 'shared', value: 'original' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /shared/ }).click();
  await expect.poll(() => valueText(page)).toBe('original');
  await served.writer.write({ key: 'shared', value: 'updated elsewhere' });
  await expect.poll(() => valueText(page)).toBe('updated elsewhere');
  await expect(panel(page).getByText('Reloaded: the record changed in the store')).toBeVisible();
});

test('the conflict view marks what differs between the two versions, and nothing else', async ({ page, served }) => {
  await served.writer.write({ key: 'shared', value: '{"a":1,"b":2,"c":3}' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /shared/ }).click();
  await fillValue(page, '{\n  "a": 1,\n  "b": 20,\n  "c": 3\n}');
  cli('write', 'shared', '{"a":1,"b":2,"c":30}', '--store', served.storePath);
  const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
  const mine = conflict.getByRole('textbox', { name: 'Value: Your version (unsaved)' });
  const theirs = conflict.getByRole('textbox', { name: 'Value: In the store now' });
  await expect(mine.locator('.cm-changedLine')).toHaveText(['  "b": 20,', '  "c": 3']);
  await expect(theirs.locator('.cm-changedLine')).toHaveText(['  "b": 2,', '  "c": 30']);
  // Within a changed line, the changed characters themselves are marked.
  await expect(mine.locator('.cm-changedText')).toHaveText(['0']);
  await expect(theirs.locator('.cm-changedText')).toHaveText(['0']);
  await expect(mine.locator('.cm-line', { hasText: '"a": 1' })).not.toHaveClass(/cm-changedLine/);
});
