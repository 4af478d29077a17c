import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';

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

async function shoot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${DIR}/${name}-${scheme}.png` });
  }
}

test('screenshots of the main views', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Add sample records' }).waitFor();
  await shoot(page, 'empty-state');

  await fill(served);
  await page.reload();
  const panel = page.getByRole('complementary', { name: 'Record details' });
  await page.getByRole('row', { name: /cache\/greeting/ }).waitFor();
  await page.getByRole('grid').getByRole('row').nth(4).click();
  await expect(panel.getByRole('button', { name: 'JSON' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('search').getByText('2,002 records', { exact: true })).toBeVisible();
  await shoot(page, 'grid-and-editor');

  await page.getByLabel('Prefix').fill('user/');
  await page.getByRole('searchbox', { name: 'Metadata' }).fill('v=0');
  const grid = page.getByRole('grid', { name: 'Records' });
  await expect(page.getByRole('search').getByText('500 matching', { exact: true })).toBeVisible();
  await grid.getByRole('row').nth(1).click();
  await grid
    .getByRole('row')
    .nth(4)
    .click({ modifiers: ['Shift'] });
  await shoot(page, 'filters-and-bulk');

  const key = (await grid.getByRole('row').nth(2).getByRole('gridcell').first().textContent()) ?? '';
  await grid.getByRole('row').nth(2).click();
  await panel.getByLabel('Value', { exact: true }).fill('{\n  "name": "edited here"\n}');
  execFileSync('node', [
    'bin/store-inspector.js',
    'write',
    key,
    '{"name":"edited by the CLI"}',
    '--store',
    served.storePath,
  ]);
  await panel.getByRole('region', { name: /changed in the store/ }).waitFor();
  await shoot(page, 'conflict');

  await panel.getByRole('button', { name: 'Take theirs' }).click();
  await page.keyboard.press('ControlOrMeta+n');
  await page.getByRole('dialog', { name: 'New record' }).getByLabel('Key').fill('session/new');
  await shoot(page, 'new-record');
});
