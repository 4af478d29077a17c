import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { grid, selectionBar } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-transfer-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Record lines as a Go service writes them: base64 values, expiry in nanoseconds left (negative: expired). */
function recordLines(count: number, valueBytes: number, expiredEvery = 0): string {
  const lines: string[] = [];
  const padding = 'x'.repeat(valueBytes);
  for (let index = 0; index < count; index++) {
    const key = `item/${String(index).padStart(6, '0')}`;
    const value = Buffer.from(`{"n":${index},"pad":"${padding}"}`).toString('base64');
    const expired = expiredEvery > 0 && index % expiredEvery === expiredEvery - 1;
    lines.push(JSON.stringify({ key, value, metadata: { n: index }, ...(expired ? { expiry: -1_000_000_000 } : {}) }));
  }
  return `${lines.join('\n')}\n`;
}

const importDialog = (page: Page) => page.getByRole('dialog', { name: 'Import records' });

/** Browser mode: the file is picked with the page's file input, uploaded, and previewed at once. */
async function preview(page: Page, path: string) {
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Import…' }).click();
  await importDialog(page).getByLabel('Choose a file').setInputFiles(path);
  return importDialog(page).getByRole('region', { name: 'Preview' });
}

/** Clicks Export and saves what the browser downloads as `path`. */
async function exportAndDownload(page: Page, dialog: ReturnType<Page['getByRole']>, path: string) {
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await (await download).saveAs(path);
}

test('a 50,000-line file: its preview, the import with progress and rate, the report, the records', async ({
  page,
  served,
}) => {
  const path = join(dir, 'items.ndjson');
  writeFileSync(path, recordLines(50_000, 200, 1_000));
  await served.writer.writeMany(NS, [
    { key: 'item/000001', value: 'old' },
    { key: 'item/000002', value: 'old' },
  ]);
  await page.goto(served.url);
  const found = await preview(page, path);
  await expect(found).toContainText('JSON record lines');
  await expect(found).toContainText('50,000');
  await expect(found).toContainText('2 keys exist in micro / micro');
  await expect(found).toContainText('50 (will be skipped)');
  await expect(found.getByRole('table', { name: 'The first 20 records' }).getByRole('row')).toHaveCount(21);
  await expect(found.getByRole('row', { name: /item\/000003/ })).toContainText('"pad"');

  const dialog = importDialog(page);
  await dialog.getByRole('radio', { name: 'Keep the existing record (skip)' }).check();
  await dialog.getByRole('button', { name: 'Import 50,000 records' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Importing' });
  await expect(progress).toHaveAttribute('aria-valuetext', /\d+% · [\d,]+ records\/s/);
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText(/Imported 49,948 records in/, { timeout: 15_000 });
  await expect(report).toContainText(/Skipped: the key existed\s*2/);
  await expect(report).toContainText(/Skipped: already expired\s*50/);

  await dialog.getByRole('button', { name: 'Show the records' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('search').getByText('49,950 records', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /item\/000001/ })).toContainText('old');
});

test('cancelling an import writes nothing', async ({ page, served }) => {
  const path = join(dir, 'big.ndjson');
  writeFileSync(path, recordLines(50_000, 2_000));
  await served.writer.write({ key: 'before', value: 'x' });
  await page.goto(served.url);
  await expect(await preview(page, path)).toContainText('50,000', { timeout: 10_000 });
  const dialog = importDialog(page);
  await dialog.getByRole('button', { name: 'Import 50,000 records' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Importing' })).toHaveAttribute('aria-valuenow', /^[1-9]/);
  await dialog.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog).toContainText('Import cancelled: nothing was written.');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('1 record');
  expect(await served.writer.list()).toEqual(['before']);
});

test('a broken file is refused with the place of the problem', async ({ page, served }) => {
  const path = join(dir, 'broken.json');
  writeFileSync(path, '[{"key":"a","value":"YQ=="},\n {"key":"b","value":"not base64!"}]');
  await page.goto(served.url);
  await preview(page, path);
  const problem = importDialog(page).getByRole('alert');
  await expect(problem).toContainText('Problems found in the file');
  await expect(problem).toContainText(/record 2 \("b"\): value is not base64.*line 2/);
  await expect(importDialog(page).getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
});

test('the filtered view exported from the window is the CLI export byte for byte', async ({ page, served }) => {
  await served.writer.writeMany(
    NS,
    Array.from({ length: 300 }, (_, index) => ({
      key: `${index % 2 === 0 ? 'user' : 'order'}/${String(index).padStart(4, '0')}`,
      value: JSON.stringify({ index, name: `name ${index}` }),
      metadata: { index },
    })),
  );
  await page.goto(served.url);
  await page.getByLabel('Prefix').fill('user/');
  await expect(page.getByRole('search').getByText('150 matching', { exact: true })).toBeVisible();

  for (const [format, label, cli] of [
    ['array', 'JSON record array (.json)', 'json'],
    ['lines', 'JSON record lines (.ndjson)', 'ndjson'],
  ] as const) {
    await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export records' });
    await expect(dialog.getByRole('radio', { name: 'The records matching the filter (150)' })).toBeChecked();
    await dialog.getByLabel('Format').selectOption({ label });
    const ours = join(dir, `ours.${format}`);
    await expect(dialog).toContainText('Downloads as micro-micro-filter');
    await exportAndDownload(page, dialog, ours);
    const result = dialog.getByRole('region', { name: 'Export result' });
    await expect(result).toContainText('Exported 150 records');
    await expect(result).toContainText(`downloaded as micro-micro-filter.${cli}`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const theirs = join(dir, `theirs.${format}`);
    execFileSync('node', [
      ...['bin/store-inspector.js', 'export', '--prefix', 'user/', '--format', cli],
      ...['--out', theirs, '--store', served.storePath],
    ]);
    expect(readFileSync(ours).equals(readFileSync(theirs))).toBe(true);
  }
});

test('the selection and the whole store, exported from the grid', async ({ page, served }) => {
  await served.writer.writeMany(NS, [
    { key: 'a', value: '1' },
    { key: 'b', value: '2' },
    { key: 'c', value: '3' },
    { key: 'd', value: '4' },
  ]);
  await served.writer.writeMany({ database: 'shop', table: 'carts' }, [{ key: 'cart/1', value: '{}' }]);
  await page.goto(served.url);
  await grid(page).getByRole('row', { name: /^b/ }).click();
  await grid(page)
    .getByRole('row', { name: /^c/ })
    .click({ modifiers: ['Shift'] });
  await selectionBar(page).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export records' });
  await expect(dialog.getByRole('radio', { name: 'The selected records (2)' })).toBeChecked();
  await dialog.getByLabel('Format').selectOption({ label: 'JSON record lines (.ndjson)' });
  await exportAndDownload(page, dialog, join(dir, 'selection.ndjson'));
  await expect(dialog.getByRole('region', { name: 'Export result' })).toContainText('Exported 2 records');
  const lines = readFileSync(join(dir, 'selection.ndjson'), 'utf8').trim().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { key: string }).key)).toEqual(['b', 'c']);

  await dialog.getByRole('radio', { name: /The whole store/ }).check();
  await exportAndDownload(page, dialog, join(dir, 'store.dump.ndjson'));
  await expect(dialog.getByRole('region', { name: 'Export result' })).toContainText('Exported 5 records');
  // A header line, the five records, an end line.
  expect(readFileSync(join(dir, 'store.dump.ndjson'), 'utf8').trim().split('\n')).toHaveLength(7);
});

test('a file dropped on the window is uploaded and opens the import, ready to preview', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Add sample records' }).waitFor();
  // What a browser does when a file is dropped on the window (the spec is compiled without the DOM library).
  await page.evaluate(`{
    const data = new DataTransfer();
    data.items.add(new File(['[]'], 'orders.json', { type: 'application/json' }));
    for (const type of ['dragover', 'drop'])
      window.dispatchEvent(new DragEvent(type, { dataTransfer: data, cancelable: true, bubbles: true }));
  }`);
  const dialog = importDialog(page);
  await expect(dialog.getByRole('group', { name: 'File to import' })).toContainText('orders.json');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText('JSON record array');
});
