import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { cli, panel, valueField } from './support/store-page.js';

async function editUnderCli(page: Page, storePath: string) {
  await page.getByRole('row', { name: /shared/ }).click();
  await valueField(page).fill('mine');
  cli('write', 'shared', 'theirs', '--store', storePath);
  const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('region', { name: 'Your version (unsaved)' })).toContainText('mine');
  await expect(conflict.getByRole('region', { name: 'In the store now' })).toContainText('theirs');
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
  await expect(valueField(page)).toHaveValue('theirs');
  await expect(panel(page).getByRole('button', { name: 'Save' })).toBeDisabled();
});

test('without unsaved edits, a change from outside simply reloads', async ({ page, served }) => {
  await served.writer.write({ key: 'shared', value: 'original' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /shared/ }).click();
  await expect(valueField(page)).toHaveValue('original');
  await served.writer.write({ key: 'shared', value: 'updated elsewhere' });
  await expect(valueField(page)).toHaveValue('updated elsewhere');
  await expect(panel(page).getByText('Reloaded: the record changed in the store')).toBeVisible();
});
