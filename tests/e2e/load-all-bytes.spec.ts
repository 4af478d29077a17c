import type { Page } from '@playwright/test';
import { BYTE_ANSWER_TYPE } from '../../electron/api/contract/byte-answer.js';
import { expect, test } from './support/serve-fixture.js';
import { panel, valueField } from './support/store-page.js';

/** Clicks Load all and returns the content type of the answer that brought the value. */
async function loadAll(page: Page): Promise<string | undefined> {
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/call/record.getBytes'));
  await panel(page).getByRole('button', { name: 'Load all' }).click();
  return (await answer).headers()['content-type'];
}

async function storedBytes(served: { writer: { read(key: string): Promise<{ value: Uint8Array }[]> } }, key: string) {
  const [record] = await served.writer.read(key);
  return Buffer.from(record?.value ?? new Uint8Array());
}

test('Load all of a multi-megabyte text value shows it whole, and a save after it writes the exact bytes', async ({
  page,
  served,
}) => {
  // About 6 MB in lines, with two-, three- and four-byte characters wherever the page's slices fall.
  const lines = Array.from({ length: 60_000 }, (_, index) => `line ${index} é€😀 ${'x'.repeat(80)}`);
  const text = `${lines.join('\n')}\nthe end`;
  await served.writer.write({ key: 'doc', value: text });
  await page.goto(served.url);
  await page.getByRole('row', { name: /doc/ }).click();
  await expect(panel(page).getByText(/Showing the first 256 KB of/)).toBeVisible();
  // The bytes as stored, not base64 in JSON.
  expect(await loadAll(page)).toBe(BYTE_ANSWER_TYPE);
  await expect(valueField(page)).toBeEditable();
  await expect(panel(page).getByText(/Showing the first/)).toBeHidden();
  await valueField(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(panel(page).locator('.cm-line').last()).toHaveText('the end');
  await page.keyboard.type('!');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  const saved = await storedBytes(served, 'doc');
  expect(saved.length).toBe(Buffer.byteLength(text) + 1);
  // Compared whole as a boolean: a failure prints no 6 MB.
  expect(saved.equals(Buffer.from(`${text}!`))).toBe(true);
});

test('Load all of a multi-megabyte value that is not UTF-8 shows it as hex, and a save keeps every byte', async ({
  page,
  served,
}) => {
  // Text for its first megabyte (the head reads as text), then bytes that are not UTF-8.
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 5);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = index < 1024 * 1024 ? 0x61 + (index % 26) : (index * 151) & 0xff;
  await served.writer.write({ key: 'blob', value: bytes });
  await page.goto(served.url);
  await page.getByRole('row', { name: /blob/ }).click();
  expect(await loadAll(page)).toBe(BYTE_ANSWER_TYPE);
  await expect(panel(page).getByRole('button', { name: 'Hex' })).toHaveAttribute('aria-pressed', 'true');
  const hex = panel(page).getByRole('region', { name: 'Value' });
  await hex.evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
  const lastRow = ((bytes.length - 1) & ~15).toString(16).padStart(8, '0');
  await expect(hex.locator('.hex-row').last()).toContainText(lastRow);
  // Only the metadata changes: the value is written back as it was loaded.
  await panel(page).getByLabel('Metadata').fill('{"kind":"blob"}');
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect((await storedBytes(served, 'blob')).equals(bytes)).toBe(true);
  const [record] = await served.writer.read('blob');
  expect(record?.metadata).toEqual({ kind: 'blob' });
});

test('after Load all, a change from outside under unsaved edits is a conflict, not overwritten', async ({
  page,
  served,
}) => {
  // Just over the 1 MB the editor opens whole, so that the conflict's two sides stay small to compare.
  const lines = Array.from({ length: 14_000 }, (_, index) => `line ${index} ${'y'.repeat(70)}`);
  const text = lines.join('\n');
  await served.writer.write({ key: 'shared', value: text });
  await page.goto(served.url);
  await page.getByRole('row', { name: /shared/ }).click();
  expect(await loadAll(page)).toBe(BYTE_ANSWER_TYPE);
  await valueField(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('!');
  const theirs = ['theirs', ...lines.slice(1)].join('\n');
  await served.writer.write({ key: 'shared', value: theirs });
  const conflict = panel(page).getByRole('region', { name: /changed in the store/ });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('textbox', { name: 'Value: In the store now' })).toContainText('theirs');
  expect((await storedBytes(served, 'shared')).toString()).toBe(theirs);
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect((await storedBytes(served, 'shared')).equals(Buffer.from(`${text}!`))).toBe(true);
});
