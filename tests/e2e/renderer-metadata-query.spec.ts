import { expect, test } from './support/serve-fixture.js';

const NS = { database: 'micro', table: 'micro' };

test.beforeEach(async ({ served }) => {
  await served.writer.writeMany(NS, [
    { key: 'svc/login', value: 'a', metadata: { owner: { team: 'auth' }, v: 5, tier: 'gold' } },
    { key: 'svc/token', value: 'b', metadata: { owner: { team: 'auth' }, v: 2 } },
    { key: 'svc/Billing', value: 'c', metadata: { owner: { team: 'billing' }, v: 9 } },
    { key: 'svc/invoice', value: 'd', metadata: { owner: 'auth', v: '7' } },
  ]);
});

const count = (page: import('@playwright/test').Page, text: string) =>
  page.getByRole('search', { name: 'Filter records' }).getByText(text, { exact: true });

test('a nested query, a comparison and a broken query in the metadata filter', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(count(page, '4 records')).toBeVisible();
  const metadata = page.getByLabel('Metadata', { exact: true });

  await metadata.fill('owner.team=auth');
  await expect(count(page, '2 matching')).toBeVisible();
  await expect(metadata).toHaveAttribute('aria-invalid', 'false');

  await metadata.fill('owner.team=auth, v>3');
  await expect(count(page, '1 matching')).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Records' })).toContainText('svc/login');

  await metadata.fill('v>lots');
  await expect(metadata).toHaveAttribute('aria-invalid', 'true');
  const error = page.getByRole('alert').filter({ hasText: 'At character 3: expected a number' });
  await expect(error).toBeVisible();
  await expect(error.locator('mark')).toHaveText('l');
  await expect(metadata).toHaveAccessibleDescription(/At character 3/);

  await metadata.fill('tier?');
  await expect(count(page, '1 matching')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Match case switches key contains between exact and ASCII-folded', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByLabel('Key contains').fill('billing');
  const matchCase = page.getByRole('button', { name: 'Match case' });
  await expect(matchCase).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'No records match the filters' })).toBeVisible();
  await matchCase.click();
  await expect(matchCase).toHaveAttribute('aria-pressed', 'false');
  await expect(count(page, '1 matching')).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Records' })).toContainText('svc/Billing');
});
