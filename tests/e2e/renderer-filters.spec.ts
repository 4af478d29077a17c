import { expect, test } from './support/serve-fixture.js';
import { panel } from './support/store-page.js';

const NS = { database: 'micro', table: 'micro' };

test.beforeEach(async ({ served }) => {
  await served.writer.writeMany(NS, [
    { key: 'user/1/profile', value: '{"name":"Ada"}', metadata: { kind: 'user', team: 'core' } },
    { key: 'user/2/profile', value: '{"name":"Grace"}', metadata: { kind: 'user', team: 'web' } },
    { key: 'user/2/settings', value: '{"dark":true}', metadata: { kind: 'settings', team: 'web' } },
    { key: 'order/7', value: 'seven', metadata: { kind: 'order', team: 'web' } },
  ]);
  await served.writer.write({ key: 'session/a', value: 'x', metadata: { kind: 'session' } }, { ttl: 30_000 });
  await served.writer.write({ key: 'session/b', value: 'y', metadata: { kind: 'session' } }, { ttl: 3_600_000 });
});

/** The match count above the grid (the status bar has a record count too). */
const count = (page: import('@playwright/test').Page, text: string) =>
  page.getByRole('search', { name: 'Filter records' }).getByText(text, { exact: true });

const dataRows = (page: import('@playwright/test').Page) =>
  page
    .getByRole('grid', { name: 'Records' })
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });

test('prefix, suffix, key contains and metadata combine, and the count follows', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(count(page, '6 records')).toBeVisible();
  await page.getByLabel('Prefix').fill('user/');
  await expect(count(page, '3 matching')).toBeVisible();
  await page.getByLabel('Suffix').fill('profile');
  await expect(count(page, '2 matching')).toBeVisible();
  await page.getByLabel('Metadata', { exact: true }).fill('team=web');
  await expect(count(page, '1 matching')).toBeVisible();
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText('user/2/profile');
  await page.getByLabel('Metadata', { exact: true }).fill('team=web, kind=user');
  await expect(count(page, '1 matching')).toBeVisible();
  await page.getByLabel('Key contains').fill('/1/');
  await expect(page.getByRole('heading', { name: 'No records match the filters' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(count(page, '6 records')).toBeVisible();
  await expect(page.getByLabel('Prefix')).toHaveValue('');
});

test('expiry states: has TTL, expiring within a time, no TTL', async ({ page, served }) => {
  await page.goto(served.url);
  const expiry = page.getByLabel('Expiry');
  await expiry.selectOption({ label: 'Has TTL' });
  await expect(count(page, '2 matching')).toBeVisible();
  await expiry.selectOption({ label: 'Expiring within…' });
  await page.getByLabel('Within', { exact: true }).fill('1m');
  await expect(count(page, '1 matching')).toBeVisible();
  await expect(dataRows(page).first()).toContainText('session/a');
  await expiry.selectOption({ label: 'No TTL' });
  await expect(count(page, '4 matching')).toBeVisible();
});

test('a metadata entry that is not field=value is reported, not sent', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByLabel('Metadata', { exact: true }).fill('team');
  await expect(page.getByText('At character 5: expected an operator')).toBeVisible();
  // The grid still lists all six, but the header claims no count for a filter that does not parse.
  await expect(dataRows(page)).toHaveCount(6);
  await expect(count(page, 'Filter not valid')).toBeVisible();
});

test('the key tree groups keys by delimiter with counts; a branch filters, a key opens', async ({ page, served }) => {
  await page.goto(served.url);
  const tree = page.getByRole('region', { name: 'Key tree' });
  await tree.getByRole('button', { name: 'Key tree' }).click();
  await expect(tree.getByRole('listitem').filter({ hasText: /^user\// })).toContainText('3');
  await expect(tree.getByRole('listitem').filter({ hasText: /^session\// })).toContainText('2');
  await tree.getByRole('button', { name: 'user/', exact: true }).click();
  await expect(page.getByLabel('Prefix')).toHaveValue('user/');
  await expect(count(page, '3 matching')).toBeVisible();
  await tree.getByRole('button', { name: 'Expand user/' }).click();
  await tree.getByRole('button', { name: 'Expand user/2/' }).click();
  await tree.getByRole('button', { name: 'settings' }).click();
  await expect(panel(page).getByRole('heading')).toHaveText('user/2/settings');
});

test('the key tree counts a level in one request, and counts again when the store changes', async ({
  page,
  served,
}) => {
  // The prefixes each count request asked for: a level's branches all in one request, never one per branch.
  const asked: string[][] = [];
  page.on('request', (request) => {
    if (!request.url().includes('/api/call/records.countPrefixes')) return;
    asked.push((request.postDataJSON() as { prefixes: string[] }).prefixes);
  });
  await page.goto(served.url);
  const tree = page.getByRole('region', { name: 'Key tree' });
  await tree.getByRole('button', { name: 'Key tree' }).click();
  const user = tree.getByRole('listitem').filter({ hasText: /^user\// });
  await expect(user).toContainText('3');
  // Three branches (order/, session/, user/), one request for all their counts (the store's change events
  // may ask again: each time for the whole level).
  expect(asked.length).toBeGreaterThan(0);
  for (const prefixes of asked) expect([...prefixes].sort()).toEqual(['order/', 'session/', 'user/']);
  await served.writer.write({ key: 'user/3/profile', value: '{}', metadata: {} });
  await expect(user).toContainText('4');
});

test('the key tree lists and counts only what the filters match', async ({ page, served }) => {
  await page.goto(served.url);
  const tree = page.getByRole('region', { name: 'Key tree' });
  await tree.getByRole('button', { name: 'Key tree' }).click();
  await expect(tree.getByRole('listitem').filter({ hasText: /^user\// })).toContainText('3');
  await page.getByLabel('Metadata', { exact: true }).fill('team=web');
  await expect(count(page, '3 matching')).toBeVisible();
  await expect(tree.getByRole('listitem').filter({ hasText: /^user\// })).toContainText('2');
  await expect(tree.getByRole('listitem').filter({ hasText: /^order\// })).toContainText('1');
  await expect(tree.getByRole('button', { name: 'session/', exact: true })).toHaveCount(0);
  await page.getByLabel('Metadata', { exact: true }).fill('');
  await page.getByLabel('Expiry').selectOption({ label: 'Has TTL' });
  await expect(tree.getByRole('listitem').filter({ hasText: /^session\// })).toContainText('2');
  await expect(tree.getByRole('button', { name: 'user/', exact: true })).toHaveCount(0);
});

test('the key tree splits keys by any delimiter the user types', async ({ page, served }) => {
  await served.writer.writeMany(NS, [
    { key: 'cache::eu::1', value: '1' },
    { key: 'cache::eu::2', value: '2' },
    { key: 'cache::us', value: '3' },
  ]);
  await page.goto(served.url);
  const tree = page.getByRole('region', { name: 'Key tree' });
  await tree.getByRole('button', { name: 'Key tree' }).click();
  await tree.getByLabel('Delimiter').fill('::');
  await expect(tree.getByRole('listitem').filter({ hasText: /^cache::/ })).toContainText('3');
  await tree.getByRole('button', { name: 'Expand cache::' }).click();
  await expect(tree.getByRole('listitem').filter({ hasText: /^eu::/ })).toContainText('2');
  await expect(tree.getByRole('button', { name: 'us', exact: true })).toBeVisible();
  await tree.getByLabel('Delimiter').fill('');
  await expect(tree.getByText('Type a delimiter to group keys by')).toBeVisible();
});
