import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { cli, fillValue, grid, panel, valueField } from './support/store-page.js';

/** A 1×1 PNG, as a file would hold it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

/** {"name":"Ada","ids":[1,2],"raw":<bin 00 ff>} in MessagePack: a fixmap of 3, fixstr keys, a bin 8. */
const MSGPACK = Buffer.from([
  0x83,
  0xa4,
  ...Buffer.from('name'),
  0xa3,
  ...Buffer.from('Ada'),
  0xa3,
  ...Buffer.from('ids'),
  0x92,
  0x01,
  0x02,
  0xa3,
  ...Buffer.from('raw'),
  0xc4,
  0x02,
  0x00,
  0xff,
]);

const MICRO = { database: 'micro', table: 'micro' };

const clipboard = (page: Page): Promise<string> => page.evaluate('navigator.clipboard.readText()');

test('JSON is edited like code: line numbers, folding, a lint marker at the error, search and replace', async ({
  page,
  served,
}) => {
  await served.writer.write({ key: 'cfg', value: '{"name":"Ada","tags":["a","b"],"n":1}' });
  await page.goto(served.url);
  await page.getByRole('row', { name: /cfg/ }).click();
  const editor = panel(page).locator('.cm-editor');
  await expect(editor.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^7$/ })).toBeVisible();
  await expect(editor.locator('.cm-content .tok-propertyName, .cm-content span').first()).toBeVisible();
  // Folding: the array's fold marker hides its lines.
  await editor.locator('.cm-foldGutter .cm-gutterElement span[title="Fold line"]').nth(1).click();
  await expect(editor.locator('.cm-foldPlaceholder')).toBeVisible();
  await expect(editor.locator('.cm-line', { hasText: '"a"' })).toHaveCount(0);
  // A syntax error is marked where it is, not only reported below the field.
  await fillValue(page, '{\n  "a": 1,\n  "b": ,\n}');
  await expect(editor.locator('.cm-lint-marker-error')).toHaveCount(1);
  await expect(
    editor.locator('.cm-line', { hasText: '"b"' }).locator('.cm-lintPoint-error, .cm-lintRange-error'),
  ).toHaveCount(1);
  await expect(editor.locator('.cm-gutterElement:has(.cm-lint-marker-error)')).toHaveCount(1);
  // Search and replace inside the value.
  await fillValue(page, '{"colour":"red","other":"red"}');
  await valueField(page).click();
  await page.keyboard.press('ControlOrMeta+f');
  const search = panel(page).getByRole('textbox', { name: 'Find' });
  await expect(search).toBeFocused();
  await search.fill('red');
  await panel(page).getByRole('textbox', { name: 'Replace' }).fill('blue');
  await panel(page).getByRole('button', { name: 'replace all' }).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'cfg', '--store', served.storePath).trim()).toBe('{"colour":"blue","other":"blue"}');
});

test('an image is shown as an image, chosen by its magic bytes', async ({ page, served }) => {
  await served.writer.write({ key: 'avatar.bin', value: PNG });
  await page.goto(served.url);
  await page.getByRole('row', { name: /avatar/ }).click();
  await expect(panel(page).getByRole('button', { name: 'Image' })).toHaveAttribute('aria-pressed', 'true');
  const image = panel(page).getByRole('img', { name: /PNG image/ });
  await expect(image).toHaveAccessibleName(/1 × 1 px/);
  await panel(page).getByRole('button', { name: 'Hex' }).click();
  await expect(panel(page).locator('.hex-row').first()).toContainText('.PNG');
});

test('MessagePack and protobuf values are shown decoded, read-only', async ({ page, served }) => {
  await served.writer.write({
    key: 'mp',
    value: MSGPACK,
  });
  // Field 1: varint 150; field 2: "Ada"; field 3: a nested message with field 1 = 7.
  await served.writer.write({
    key: 'pb',
    value: Buffer.from([0x08, 0x96, 0x01, 0x12, 0x03, 0x41, 0x64, 0x61, 0x1a, 0x02, 0x08, 0x07]),
  });
  await page.goto(served.url);
  await page.getByRole('row', { name: /^mp/ }).click();
  await expect(panel(page).getByRole('button', { name: 'MessagePack' })).toHaveAttribute('aria-pressed', 'true');
  await expect(valueField(page)).toContainText('"name": "Ada"');
  await expect(valueField(page)).toContainText('"raw": <bin 00ff>');
  await expect(valueField(page)).not.toBeEditable();
  await grid(page).getByRole('row', { name: /^pb/ }).click();
  await expect(panel(page).getByRole('button', { name: 'Protobuf' })).toHaveAttribute('aria-pressed', 'true');
  await expect(valueField(page)).toContainText('1: 150');
  await expect(valueField(page)).toContainText('2: "Ada"');
  await expect(valueField(page)).toContainText('3 {');
  await expect(valueField(page)).not.toBeEditable();
});

test('copy the key, the value as text, JSON and base64, and as a write command that recreates the record', async ({
  page,
  served,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const key = "-it's a key\nwith a newline";
  const value = 'say "hi" $HOME `x`';
  await served.writer.write({ key, value, metadata: { owner: "o'brien" } }, { ttl: 3_600_000 });
  await page.goto(served.url);
  await page.getByRole('row', { name: /it's a key/ }).click();
  const copy = async (item: string) => {
    const menu = panel(page).getByRole('button', { name: 'Copy ▾' });
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await panel(page).getByRole('group', { name: 'Copy' }).getByRole('button', { name: item }).click();
    await expect(panel(page).getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    return clipboard(page);
  };
  expect(await copy('Copy key')).toBe(key);
  expect(await copy('Copy value as text')).toBe(value);
  expect(await copy('Copy value as JSON')).toBe(JSON.stringify(value));
  expect(await copy('Copy value as base64')).toBe(Buffer.from(value).toString('base64'));
  const command = await copy('Copy as command');
  expect(command).toMatch(/^store-inspector write --store \S+ --database micro --table micro --metadata/);
  // Run in a shell as a user pasting it would: the record comes back exactly.
  await served.writer.deleteMany(MICRO, [key]);
  const bin = resolve('bin/store-inspector.js');
  execFileSync('sh', ['-c', command.replace(/^store-inspector /, `node ${bin} `)]);
  const record = await served.writer.inspect(MICRO, key, 1_000_000);
  expect(Buffer.from(record?.value ?? []).toString()).toBe(value);
  expect(record?.metadata).toEqual({ owner: "o'brien" });
  expect(record?.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
});

test('Undo brings a deleted record back exactly; a key written again meanwhile is left alone', async ({
  page,
  served,
}) => {
  const expiresAt = Date.now() + 3_600_000;
  await served.writer.write(
    { key: 'keep/me', value: Buffer.from([0, 1, 2, 255]), metadata: { v: 3 } },
    { ttl: expiresAt - Date.now() },
  );
  await page.goto(served.url);
  await page.getByRole('row', { name: /keep\/me/ }).click();
  const before = await served.writer.inspect(MICRO, 'keep/me', 1_000_000);
  await panel(page).getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(grid(page).getByRole('row', { name: /keep\/me/ })).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Restored 1 record')).toBeVisible();
  const after = await served.writer.inspect(MICRO, 'keep/me', 1_000_000);
  expect(Buffer.from(after?.value ?? [])).toEqual(Buffer.from([0, 1, 2, 255]));
  expect(after?.metadata).toEqual({ v: 3 });
  // The same instant (the write path turns an instant into a TTL and back: a few ms may shift), not a new TTL.
  expect(Math.abs((after?.expiresAt ?? 0) - (before?.expiresAt ?? 0))).toBeLessThan(1000);

  // Deleted again; someone writes the key before Undo: their record stays, and the user is told.
  await grid(page)
    .getByRole('row', { name: /keep\/me/ })
    .click();
  await panel(page).getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  cli('write', 'keep/me', 'newer', '--store', served.storePath);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(/written again meanwhile/)).toBeVisible();
  expect(cli('read', 'keep/me', '--store', served.storePath).trim()).toBe('newer');
});
