import { resolve } from 'node:path';
import { startServer } from '../../electron/serve/server.js';
import { expect, test } from './support/serve-fixture.js';
import { cli, fillValue, panel, valueField, valueText } from './support/store-page.js';

test('a JSON edit saved in the editor is what the command line reads', async ({ page, served }) => {
  await served.writer.write({ key: 'user/1', value: '{"name":"Ada","age":36}' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /user\/1/ }).click();
  await expect(panel(page).getByRole('button', { name: 'JSON' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => valueText(page)).toBe('{\n  "name": "Ada",\n  "age": 36\n}');
  // CodeMirror's own stylesheet applies under the page's CSP: indentation kept, long lines wrapped.
  await expect(valueField(page)).toHaveCSS('white-space', /^(pre-wrap|break-spaces)$/);
  const edited = '{\n  "name": "Ada Lovelace",\n  "age": 36,\n  "id": 12345678901234567890\n}';
  await fillValue(page, edited);
  await expect(panel(page).getByText('Valid JSON')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'user/1', '--store', served.storePath).trim()).toBe(edited);
});

test('invalid JSON is reported and not saved', async ({ page, served }) => {
  await served.writer.write({ key: 'cfg', value: '{"a":1}' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /cfg/ }).click();
  await fillValue(page, '{"a":');
  await expect(panel(page).getByText(/Invalid JSON/)).toBeVisible();
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByRole('alert')).toContainText('Invalid JSON');
  expect(cli('read', 'cfg', '--store', served.storePath).trim()).toBe('{"a":1}');
  await panel(page).getByRole('button', { name: 'Revert' }).click();
  await expect.poll(() => valueText(page)).toBe('{\n  "a": 1\n}');
});

test('the value shows as text, hex and base64', async ({ page, served }) => {
  await served.writer.write({ key: 'greeting', value: 'Hi!' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /greeting/ }).click();
  await expect.poll(() => valueText(page)).toBe('Hi!');
  await panel(page).getByRole('button', { name: 'Hex' }).click();
  const hex = panel(page).getByRole('region', { name: 'Value' });
  await expect(hex.locator('.hex-row')).toHaveText([`00000000${'48 69 21'.padEnd(48)}Hi!`]);
  await panel(page).getByRole('button', { name: 'Base64' }).click();
  await expect.poll(() => valueText(page)).toBe('SGkh');
  await panel(page).getByRole('button', { name: 'JSON' }).click();
  await expect(panel(page).getByText('The value is not valid JSON')).toBeVisible();
});

test('new record, duplicate and rename', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'New record' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New record' });
  await dialog.getByLabel('Key').fill('team/core');
  await dialog.getByLabel('Value', { exact: true }).fill('{"members":3}');
  await dialog.getByLabel('Metadata').fill('{"owner":"ops"}');
  await dialog.getByRole('button', { name: '1 h' }).click();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('row', { name: /team\/core/ })).toContainText('owner=ops');
  expect(cli('read', 'team/core', '--store', served.storePath).trim()).toBe('{"members":3}');

  await panel(page).getByRole('button', { name: 'Duplicate' }).click();
  const duplicate = page.getByRole('dialog', { name: /Duplicate/ });
  await expect(duplicate.getByLabel('New key')).toHaveValue('team/core-copy');
  await duplicate.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('row', { name: /team\/core-copy/ })).toBeVisible();

  await panel(page).getByRole('button', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: /Rename/ });
  await rename.getByLabel('New key').fill('team/web');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('row', { name: /team\/web/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /team\/core-copy/ })).toBeHidden();
});

test('unsaved changes are not dropped when another record is opened', async ({ page, served }) => {
  await served.writer.write({ key: 'a', value: 'first' });
  await served.writer.write({ key: 'b', value: 'second' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /^a/ }).click();
  await fillValue(page, 'first, edited');
  await page.getByRole('row', { name: /^b/ }).click();
  const ask = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => valueText(page)).toBe('first, edited');
  await page.getByRole('row', { name: /^b/ }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect.poll(() => valueText(page)).toBe('second');
});

test('a value over 1 MB shows its head, then loads whole', async ({ page, served }) => {
  const big = JSON.stringify({ items: 'x'.repeat(3 * 1024 * 1024) });
  await served.writer.write({ key: 'big', value: big });
  await page.goto(served.url);
  await page.getByRole('row', { name: /big/ }).click();
  await expect(panel(page).getByText(/Showing the first 256 KB of 3.0 MB/)).toBeVisible();
  await expect(valueField(page)).not.toBeEditable();
  await panel(page).getByRole('button', { name: 'Load all' }).click();
  await expect(valueField(page)).toBeEditable();
  await expect(panel(page).getByText(/Showing the first/)).toBeHidden();
  // The whole value is there: the hex view's last row is the row of its last byte.
  await panel(page).getByRole('button', { name: 'Hex' }).click();
  const hex = panel(page).getByRole('region', { name: 'Value' });
  await hex.evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
  const lastRow = ((big.length - 1) & ~15).toString(16).padStart(8, '0');
  await expect(hex.locator('.hex-row').last()).toContainText(`${lastRow}`);
  await expect(hex.locator('.hex-row').last()).toContainText('"}');
});

test('a long line of a large value is edited in pieces and saved as one line', async ({ page, served }) => {
  // 1.5 MB on one line: held as 16 KB pieces, which the value does not have.
  const long = Array.from({ length: 1_500_000 }, (_, index) => String(index % 10)).join('');
  await served.writer.write({ key: 'long', value: long });
  await page.goto(served.url);
  await page.getByRole('row', { name: /long/ }).click();
  await panel(page).getByRole('button', { name: 'Load all' }).click();
  await expect(valueField(page)).toBeEditable();
  await expect(panel(page).getByText(/lines over 16 KB are shown in pieces/)).toBeVisible();
  await expect(valueField(page)).toHaveCSS('white-space', 'pre');
  // The second piece is the same line of the value: no line number of its own.
  await expect(panel(page).locator('.cm-lineNumbers .cm-gutterElement').filter({ hasText: /^2$/ })).toHaveCount(0);
  await valueField(page).click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  // At the first piece's end: Delete removes the next character of the value, not the break.
  await page.keyboard.press('Delete');
  await page.keyboard.type('X');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  // Read back by another connection (the command line's output would overflow its 1 MB pipe buffer).
  const [record] = await served.writer.read('long');
  const saved = Buffer.from(record?.value ?? new Uint8Array()).toString();
  expect(saved.length).toBe(long.length);
  const expected = `${long.slice(0, 16_384)}X${long.slice(16_385)}`;
  // Compared around the edit, then whole: a failure prints 60 characters, not 1.5 MB.
  expect(saved.slice(16_354, 16_414)).toBe(expected.slice(16_354, 16_414));
  expect(saved === expected).toBe(true);
});

test('a read-only store disables editing and says so', async ({ page, served }) => {
  await served.writer.write({ key: 'locked', value: 'x' });
  const readOnly = await startServer({
    storePath: served.storePath,
    rendererDir: resolve('out/renderer'),
    readOnly: true,
  });
  try {
    await page.goto(readOnly.url);
    await expect(page.getByRole('status')).toContainText('Read-only');
    await page.getByRole('row', { name: /locked/ }).click();
    await expect(panel(page).getByText(/Read-only \(opened read-only\): nothing can be changed/)).toBeVisible();
    await expect(panel(page).getByRole('button', { name: 'Delete…' })).toBeDisabled();
    await expect(valueField(page)).not.toBeEditable();
    await expect(page.getByRole('button', { name: 'New record' }).first()).toBeDisabled();
  } finally {
    await page.close();
    await readOnly.close();
  }
});

test('typed text is saved exactly as typed: a space at a line’s end, and a selection typed over', async ({
  page,
  served,
}) => {
  // The editor's styles come in by the page's style nonce; the CSP refusing them used to turn a typed space
  // into U+00A0 and leave a stray line after typing over a selection.
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|style-src/.test(message.text())) refused.push(message.text());
  });
  await served.writer.write({ key: 'note', value: 'hello' });
  await served.writer.write({ key: 'lines', value: 'line1\nline2' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /note/ }).click();
  await panel(page).getByRole('button', { name: 'Text' }).click();
  await valueField(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' world ');
  await page.keyboard.press('Control+s');
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  // `read` prints the bytes as stored, then a newline (as `micro store read` does).
  expect(cli('read', 'note', '--store', served.storePath)).toBe('hello world \n');

  await page.getByRole('row', { name: /lines/ }).click();
  await panel(page).getByRole('button', { name: 'Text' }).click();
  await valueField(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('abc');
  await page.keyboard.press('Control+s');
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'lines', '--store', served.storePath)).toBe('abc\n');
  expect(refused).toEqual([]);
});
