import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { cli, panel, sidebar, valueField, valueText } from './support/store-page.js';

const FIXTURE = 'tests/fixtures/gomicro-file-store';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-gomicro-'));
  // The app never writes a go-micro store; a copy keeps the fixture safe all the same.
  for (const database of ['micro', 'service'])
    cpSync(join(FIXTURE, database), join(dir, 'store', database), { recursive: true });
});
let server: RunningServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Browser mode on a go-micro store folder, as `serve --store FOLDER` runs it: the page cannot name another. */
async function openFolder(page: Page, folder: string) {
  server = await startServer({ storePath: folder, rendererDir: resolve('out/renderer') });
  await page.goto(server.url);
  await expect(page.getByRole('status')).toContainText("go-micro's file store is read-only");
}

test('a go-micro store served: tables, filters, a record, an expired one flagged, export', async ({ page }) => {
  await openFolder(page, join(dir, 'store'));
  await expect(sidebar(page).getByRole('button', { name: /users\s*6/ })).toBeVisible();
  await expect(sidebar(page).getByRole('button', { name: /orders\s*2,582/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText("Read-only (go-micro's file store is read-only: copy it");

  await sidebar(page).getByRole('button', { name: /users/ }).click();
  await page.getByLabel('Prefix').fill('user/');
  await expect(page.getByRole('search').getByText('2 matching', { exact: true })).toBeVisible();
  await page.getByRole('row', { name: /user\/1/ }).click();
  await expect.poll(() => valueText(page)).toMatch(/Ada/);
  await expect(valueField(page)).not.toBeEditable();
  await expect(panel(page).getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'New record' }).first()).toBeDisabled();

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('row', { name: /ttl\/past/ })).toBeHidden();
  await page.getByRole('checkbox', { name: 'Show expired' }).check();
  await expect(page.getByRole('row', { name: /ttl\/past/ })).toContainText(/expired .+ ago/);

  await page.getByRole('checkbox', { name: 'Show expired' }).uncheck();
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export records' });
  await expect(exportDialog.getByRole('radio', { name: /The table micro \/ users \(6\)/ })).toBeChecked();
  const download = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  await (await download).saveAs(join(dir, 'users.json'));
  await expect(exportDialog.getByRole('region', { name: 'Export result' })).toContainText('Exported 6 records');
  const exported = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as { key: string }[];
  expect(exported.map((record) => record.key)).toContain('ключ/😀');
});

test('copied into a Store Inspector store (downloaded in browser mode), the records can be edited there', async ({
  page,
}) => {
  await openFolder(page, join(dir, 'store'));
  await page
    .getByRole('toolbar', { name: 'Store' })
    .getByRole('button', { name: /Copy into/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Copy into a Store Inspector store' });
  const copy = join(dir, 'copy.db');
  await expect(dialog).toContainText('Downloads as store.db');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await (await download).saveAs(copy);
  await expect(dialog.getByRole('region', { name: 'Copy report' })).toContainText(/Copied 2,\d{3} records/);
  await expect(dialog.getByRole('button', { name: 'Open the new store' })).toHaveCount(0);

  expect(cli('read', 'user/1', '-t', 'users', '--store', copy)).toContain('Ada');
  cli('write', 'user/1', '{"name":"Ada Lovelace"}', '-t', 'users', '--store', copy);
  expect(cli('read', 'user/1', '-t', 'users', '--store', copy)).toContain('Ada Lovelace');
});

test('browser mode opens no other store from the page: it says how to serve a go-micro folder', async ({ page }) => {
  await openFolder(page, join(dir, 'store'));
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Open go-micro store…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a go-micro store' });
  await expect(dialog).toContainText('store-inspector serve --store');
  await expect(dialog.getByRole('textbox')).toHaveCount(0);
});
