import { expect, test } from './support/serve-fixture.js';
import { panel, selectionBar, valueField, valueText } from './support/store-page.js';

test.use({ readOnly: true });

test('served read-only: the window says so and why, and every editing control is off', async ({ page, served }) => {
  await served.writer.write({ key: 'user/1', value: '{"name":"Ada"}' });
  await served.writer.write({ key: 'user/2', value: '{"name":"Grace"}' });
  await page.goto(served.url);
  await expect(page.getByRole('status')).toContainText('Read-only opened read-only');
  await expect(page.getByRole('main')).toContainText('Read-only (opened read-only)');

  const off = (name: string) => expect(page.getByRole('button', { name, exact: true }).first()).toBeDisabled();
  for (const name of ['New record', 'Import…', 'Delete matching…', 'Purge expired…', '+ New table']) await off(name);

  await page.getByRole('row', { name: /user\/1/ }).click();
  await expect.poll(() => valueText(page)).toMatch(/Ada/);
  await expect(valueField(page)).not.toBeEditable();
  for (const name of ['Save', 'Duplicate', 'Rename…', 'Delete…']) {
    await expect(panel(page).getByRole('button', { name, exact: true })).toBeDisabled();
  }

  await page.getByRole('row', { name: /user\/1/ }).click();
  await page.getByRole('row', { name: /user\/2/ }).click({ modifiers: ['Shift'] });
  for (const name of ['Delete selected…', 'Set TTL…', 'Remove TTL']) {
    await expect(selectionBar(page).getByRole('button', { name })).toBeDisabled();
  }
  await expect(selectionBar(page).getByRole('button', { name: 'Export…' })).toBeEnabled();
});

test('asking to write again is refused: the session was started read-only', async ({ page, served }) => {
  await served.writer.write({ key: 'k', value: 'v' });
  await page.goto(served.url);
  const toggle = page.getByRole('button', { name: 'Read-only', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.getByRole('alert')).toContainText('The store stays read-only');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
});

test('a read-only window still follows what another process writes', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toContainText('0 records');
  await served.writer.write({ key: 'from/service', value: 'hello' });
  await expect(page.getByRole('row', { name: /from\/service/ })).toBeVisible({ timeout: 1_000 });
});

test.describe('a store served writable', () => {
  test.use({ readOnly: false });

  test('the Read-only toggle reopens it read-only, then writable again', async ({ page, served }) => {
    await served.writer.write({ key: 'k', value: 'v' });
    await page.goto(served.url);
    const toggle = page.getByRole('button', { name: 'Read-only', exact: true });
    const newRecord = page.getByRole('button', { name: 'New record' }).first();
    await expect(newRecord).toBeEnabled();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status')).toContainText('opened read-only');
    await expect(newRecord).toBeDisabled();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('status')).not.toContainText('Read-only');
    await expect(newRecord).toBeEnabled();
  });
});
