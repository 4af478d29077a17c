import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';
import { cli, panel, sidebar, valueField } from './support/store-page.js';

const FIXTURE = 'tests/fixtures/gomicro-file-store';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-gomicro-'));
  // The app never writes a go-micro store; a copy keeps the fixture safe all the same.
  for (const database of ['micro', 'service'])
    cpSync(join(FIXTURE, database), join(dir, 'store', database), { recursive: true });
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function openFolder(page: Page, folder: string) {
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Open go-micro store…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a go-micro store' });
  await dialog.getByLabel('go-micro store folder').fill(folder);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('status')).toContainText('go-micro file store: read-only');
}

test('a go-micro store opened from the window: tables, filters, a record, an expired one flagged, export', async ({
  page,
  served,
}) => {
  await page.goto(served.url);
  await openFolder(page, join(dir, 'store'));
  await expect(sidebar(page).getByRole('button', { name: /users\s*6/ })).toBeVisible();
  await expect(sidebar(page).getByRole('button', { name: /orders\s*2,582/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Read-only (go-micro file store: read-only)');

  await sidebar(page).getByRole('button', { name: /users/ }).click();
  await page.getByLabel('Prefix').fill('user/');
  await expect(page.getByRole('search').getByText('2 matching', { exact: true })).toBeVisible();
  await page.getByRole('row', { name: /user\/1/ }).click();
  await expect(valueField(page)).toHaveValue(/Ada/);
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
  await exportDialog.getByLabel('Save to file').fill(join(dir, 'users.json'));
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exportDialog.getByRole('region', { name: 'Export result' })).toContainText('Exported 6 records');
  const exported = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as { key: string }[];
  expect(exported.map((record) => record.key)).toContain('ключ/😀');
});

test('copied into a Store Inspector store, the records can be edited there', async ({ page, served }) => {
  await page.goto(served.url);
  await openFolder(page, join(dir, 'store'));
  await page
    .getByRole('toolbar', { name: 'Store' })
    .getByRole('button', { name: /Copy into/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Copy into a Store Inspector store' });
  const copy = join(dir, 'copy.db');
  await dialog.getByLabel('New store file').fill(copy);
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByRole('region', { name: 'Copy report' })).toContainText(/Copied 2,\d{3} records/);
  await dialog.getByRole('button', { name: 'Open the new store' }).click();

  await expect(page.getByRole('status')).toContainText(copy);
  await expect(page.getByRole('status')).not.toContainText('Read-only');
  await sidebar(page)
    .getByRole('button', { name: /users\s*6/ })
    .click();
  await page.getByRole('row', { name: /user\/1/ }).click();
  await valueField(page).fill('{"name":"Ada Lovelace"}');
  await panel(page).getByRole('button', { name: 'Save' }).click();
  await expect(panel(page).getByText('Saved', { exact: true })).toBeVisible();
  expect(cli('read', 'user/1', '-t', 'users', '--store', copy)).toContain('Ada Lovelace');
});
