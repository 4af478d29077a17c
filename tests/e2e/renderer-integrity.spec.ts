import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { parseDuration } from '../../renderer/src/shared/duration.js';
import { expect, test } from './support/serve-fixture.js';

/** Issue 11: the app changes nothing the user did not change. */

const cli = (...args: string[]) => execFileSync('node', ['bin/store-inspector.js', ...args]);
const panel = (page: Page) => page.getByRole('complementary', { name: 'Record details' });

test('focusing "Expires at" keeps a typed duration, and saving stores it', async ({ page, served }) => {
  await served.writer.write({ key: 'session/1', value: 'x' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /session\/1/ }).click();
  const duration = panel(page).getByLabel('Custom duration');
  await duration.fill('2m30s');
  await duration.press('Tab');
  await expect(panel(page).getByLabel('Expires at')).toBeFocused();
  await expect(duration).toHaveValue('2m30s');
  await expect(panel(page).getByText('Will expire 2m30s after saving')).toBeVisible();
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  const printed = cli('read', 'session/1', '-v', '--store', served.storePath).toString();
  const left = parseDuration(/expires: ([^)]+)\)/.exec(printed)?.[1] ?? '');
  expect(left).toBeGreaterThan(120_000);
  expect(left).toBeLessThanOrEqual(150_000);
});

test('tabbing through the editor of a never-expiring record leaves it saved as it was', async ({ page, served }) => {
  await served.writer.write({ key: 'forever', value: 'x' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /forever/ }).click();
  await panel(page).getByLabel('Custom duration').focus();
  await page.keyboard.press('Tab');
  await expect(panel(page).getByLabel('Expires at')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel(page).getByText('Unsaved')).toBeHidden();
  await expect(panel(page).getByText(/Expires in:\s*never/i)).toBeVisible();
});

test('the delete confirmation focuses Cancel, so Enter deletes nothing', async ({ page, served }) => {
  await served.writer.write({ key: 'keep/me', value: 'x' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /keep\/me/ }).click();
  await panel(page).getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete records?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  expect(cli('read', 'keep/me', '--store', served.storePath).toString().trimEnd()).toBe('x');
});
