import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startServer } from '../../electron/serve/server.js';
import { expect, test } from './support/serve-fixture.js';
import { cli, fillValue, grid, panel, sidebar } from './support/store-page.js';

/**
 * Regenerates docs/screenshots/*.png, light and dark: `SCREENSHOTS=1 npx playwright test
 * tests/e2e/renderer-screenshots.spec.ts`. Skipped otherwise, so the suite never rewrites docs.
 */
const SKIP_REASON = 'set SCREENSHOTS=1 to regenerate docs/screenshots';
if (process.env.SCREENSHOTS !== '1') console.log(`Screenshot spec skipped: ${SKIP_REASON}.`);
test.skip(process.env.SCREENSHOTS !== '1', SKIP_REASON);
test.use({ viewport: { width: 1280, height: 760 } });

const NS = { database: 'micro', table: 'micro' };
const DIR = 'docs/screenshots';
const KINDS = ['user', 'order', 'session', 'cart'];

async function fill(served: { writer: import('../../electron/store/index.js').InspectorStore }) {
  const records = Array.from({ length: 2_000 }, (_, index) => {
    const kind = KINDS[index % KINDS.length] ?? 'user';
    const id = (index * 2_654_435_761).toString(16).slice(-8);
    return {
      key: `${kind}/${id}`,
      value: JSON.stringify({ id: index, kind, name: `${kind} ${index}`, tags: ['a', 'b'], total: index * 3.5 }),
      metadata: { kind, v: index % 4 },
    };
  });
  await served.writer.writeMany(NS, records);
  await served.writer.write({ key: 'cache/greeting', value: 'Hello from the store' }, { ttl: 40_000 });
  await served.writer.write(
    { key: 'cache/avatar', value: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]) },
    { ttl: 3_600_000 },
  );
  await served.writer.writeMany({ database: 'shop', table: 'carts' }, [{ key: 'c/1', value: '{}' }]);
}

async function shoot(page: Page, name: string, part?: Locator) {
  mkdirSync(DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = `${DIR}/${name}-${scheme}.png`;
    await (part === undefined ? page.screenshot({ path }) : part.screenshot({ path }));
  }
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-screenshots-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('screenshots of the main views', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Add sample records' }).waitFor();
  await shoot(page, 'empty-state');

  await fill(served);
  await page.reload();
  await page.getByRole('row', { name: /cache\/greeting/ }).waitFor();
  await page.getByRole('grid').getByRole('row').nth(4).click();
  await expect(panel(page).getByRole('button', { name: 'JSON' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('search').getByText('2,002 records', { exact: true })).toBeVisible();
  await shoot(page, 'grid-and-editor');

  await page.getByLabel('Prefix').fill('user/');
  await page.getByRole('searchbox', { name: 'Metadata' }).fill('v=0');
  await expect(page.getByRole('search').getByText('500 matching', { exact: true })).toBeVisible();
  await grid(page).getByRole('row').nth(1).click();
  await grid(page)
    .getByRole('row')
    .nth(4)
    .click({ modifiers: ['Shift'] });
  await shoot(page, 'filters-and-bulk');

  const key = (await grid(page).getByRole('row').nth(2).getByRole('gridcell').first().textContent()) ?? '';
  await grid(page).getByRole('row').nth(2).click();
  await fillValue(page, '{\n  "name": "edited here"\n}');
  cli('write', key, '{"name":"edited by the CLI"}', '--store', served.storePath);
  await panel(page)
    .getByRole('region', { name: /changed in the store/ })
    .waitFor();
  await shoot(page, 'conflict');

  await panel(page).getByRole('button', { name: 'Take theirs' }).click();
  await page.keyboard.press('ControlOrMeta+n');
  await page.getByRole('dialog', { name: 'New record' }).getByLabel('Key').fill('session/new');
  await shoot(page, 'new-record');
});

test('screenshots of the import view and the Changes panel', async ({ page, served }) => {
  await fill(served);
  const lines = Array.from({ length: 5_000 }, (_, index) => {
    const value = Buffer.from(JSON.stringify({ id: index, sku: `A-${index}`, qty: index % 7 })).toString('base64');
    const expired = index % 500 === 499 ? { expiry: -1_000_000_000 } : {};
    return JSON.stringify({
      key: `order/${String(index).padStart(5, '0')}`,
      value,
      metadata: { kind: 'order' },
      ...expired,
    });
  });
  writeFileSync(join(dir, 'orders.ndjson'), `${lines.join('\n')}\n`);
  await served.writer.writeMany(NS, [{ key: 'order/00001', value: '{}' }]);
  await page.goto(served.url);
  await page.getByRole('toolbar', { name: 'Store' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import records' });
  await dialog.getByLabel('Choose a file').setInputFiles(join(dir, 'orders.ndjson'));
  await dialog.getByRole('region', { name: 'Preview' }).waitFor();
  await dialog.getByRole('radio', { name: 'Keep the existing record (skip)' }).check();
  await shoot(page, 'import', dialog);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  await page.getByRole('button', { name: /^Changes/ }).click();
  await grid(page)
    .getByRole('row', { name: /cache\/greeting/ })
    .waitFor();
  await served.writer.write({ key: 'cache/new-banner', value: 'Spring sale' }, { ttl: 90_000 });
  await served.writer.write({ key: 'cache/greeting', value: 'Hello again' }, { ttl: 40_000 });
  await served.writer.writeMany({ database: 'shop', table: 'carts' }, [{ key: 'c/2', value: '{"items":3}' }]);
  await served.writer.delete('cache/avatar');
  await expect(page.getByRole('region', { name: 'Changes' }).getByRole('row')).toHaveCount(5);
  await page.getByLabel('Prefix').fill('cache/');
  await expect(grid(page).getByRole('row', { name: /cache\/new-banner/ })).toContainText('created just now');
  await expect(page.getByRole('search').getByText('2 matching', { exact: true })).toBeVisible();
  await shoot(page, 'changes');
});

test('screenshot of a go-micro file store', async ({ page }) => {
  for (const database of ['micro', 'service'])
    cpSync(join('tests/fixtures/gomicro-file-store', database), join(dir, 'store', database), { recursive: true });
  // Browser mode serves the folder it was started on (the page may not name another).
  const server = await startServer({ storePath: join(dir, 'store'), rendererDir: resolve('out/renderer') });
  try {
    await page.goto(server.url);
    await sidebar(page).getByRole('button', { name: /users/ }).click();
    await page.getByRole('checkbox', { name: 'Show expired' }).check();
    await page.getByRole('row', { name: /user\/1/ }).click();
    await expect(page.getByRole('row', { name: /ttl\/past/ })).toContainText('expired');
    await expect(page.getByRole('search').getByText('7 matching', { exact: true })).toBeVisible();
    await shoot(page, 'gomicro');
  } finally {
    await server.close();
  }
});
