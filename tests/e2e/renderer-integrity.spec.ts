import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { parseDuration } from '../../renderer/src/ui/duration.js';
import { expect, test } from './support/serve-fixture.js';
import { fillValue, valueText } from './support/store-page.js';

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

test('Duplicate copies a 5 MB value exactly, with its metadata and expiry', async ({ page, served }) => {
  const big = Buffer.alloc(5 * 1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = 32 + ((i * 7) % 90);
  await served.writer.write({ key: 'big/5mb', value: big, metadata: { owner: 'ops' } }, { ttl: 3_600_000 });
  await page.goto(served.url);
  await page.getByRole('row', { name: /big\/5mb/ }).click();
  await panel(page).getByRole('button', { name: 'Duplicate' }).click();
  const dialog = page.getByRole('dialog', { name: /Duplicate/ });
  await expect(dialog.getByLabel('New key')).toHaveValue('big/5mb-copy');
  await dialog.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('row', { name: /big\/5mb-copy/ })).toBeVisible();
  const [original] = await served.writer.read('big/5mb');
  const [copy] = await served.writer.read('big/5mb-copy');
  expect(copy?.value.length).toBe(big.length);
  expect(Buffer.from(copy?.value ?? []).equals(big)).toBe(true);
  expect(copy?.metadata).toEqual({ owner: 'ops' });
  // The same instant of expiry: both were read at once, so their time left differs by the read's duration.
  expect(Math.abs((copy?.expiry ?? 0) - (original?.expiry ?? 0))).toBeLessThan(1_000);
});

test('Duplicate keeps compact JSON byte for byte', async ({ page, served }) => {
  const compact = '{"name":"User 4","age":24}';
  await served.writer.write({ key: 'user/4', value: compact });
  await page.goto(served.url);
  await page.getByRole('row', { name: /user\/4/ }).click();
  await expect.poll(() => valueText(page)).toMatch(/\n {2}"name"/);
  await panel(page).getByRole('button', { name: 'Duplicate' }).click();
  await page
    .getByRole('dialog', { name: /Duplicate/ })
    .getByRole('button', { name: 'Duplicate' })
    .click();
  await expect(page.getByRole('row', { name: /user\/4-copy/ })).toBeVisible();
  expect(Buffer.from((await served.writer.read('user/4-copy'))[0]?.value ?? []).toString()).toBe(compact);
});

test('a metadata edit saves the value as stored, not as shown pretty', async ({ page, served }) => {
  const compact = '{"name":"User 5","age":25}';
  await served.writer.write({ key: 'user/5', value: compact });
  await page.goto(served.url);
  await page.getByRole('row', { name: /user\/5/ }).click();
  await panel(page).getByLabel('Metadata').fill('{"owner":"me"}');
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  const [saved] = await served.writer.read('user/5');
  expect(Buffer.from(saved?.value ?? []).toString()).toBe(compact);
  expect(saved?.metadata).toEqual({ owner: 'me' });
});

test('a key with control characters travels unchanged through Duplicate and Rename', async ({ page, served }) => {
  const key = 'multi\nline\nkey';
  await served.writer.write({ key, value: 'v' });
  await page.goto(served.url);
  const row = page.getByRole('row', { name: /multi/ });
  // Shown visibly: the newlines are marked, not swallowed.
  await expect(row).toContainText('multi␊line␊key');
  await row.click();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText('multi␊line␊key');

  await panel(page).getByRole('button', { name: 'Duplicate' }).click();
  const duplicate = page.getByRole('dialog', { name: /Duplicate/ });
  await expect(duplicate.getByLabel('New key')).toHaveValue(`${key}-copy`);
  await expect(duplicate).toContainText('multi␊line␊key-copy');
  await duplicate.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('row', { name: /key-copy/ })).toBeVisible();
  expect(await served.writer.list()).toEqual([key, `${key}-copy`].sort());

  await page.getByRole('row', { name: /key-copy/ }).click();
  await panel(page).getByRole('button', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: /Rename/ });
  await expect(rename.getByLabel('New key')).toHaveValue(`${key}-copy`);
  await rename.getByLabel('New key').fill(`${key}-copy\t2`);
  await expect(rename).toContainText('Shown as: multi␊line␊key-copy␉2');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('row', { name: /copy␉2/ })).toBeVisible();
  expect(await served.writer.list()).toEqual([key, `${key}-copy\t2`].sort());
});

test('taking theirs when the other side deleted the record closes the editor, saying so', async ({ page, served }) => {
  await served.writer.write({ key: 'shared', value: 'original' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /shared/ }).click();
  await fillValue(page, 'mine');
  cli('delete', 'shared', '--store', served.storePath);
  const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
  // Nothing to compare with a deleted record: the view says so, and "yours" stays in the editor below.
  await expect(conflict).toContainText('Deleted.');
  await expect.poll(() => valueText(page)).toBe('mine');
  await conflict.getByRole('button', { name: 'Take theirs' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByText('shared was deleted in the store')).toBeVisible();
  await expect(panel(page).getByText('Select a record to see and edit it.')).toBeVisible();
  await expect(page.getByRole('row', { name: /shared/ })).toBeHidden();
});
