/**
 * One serve process has one store for every tab (docs/architecture.md, "Store identity"): when tab B opens a
 * connection to Postgres, tab A must not write what it meant for the served file into Postgres. Its call is
 * refused, it says so, closes what it had open without writing, and then shows the new store. Real Postgres,
 * read raw; skipped with a printed reason where it is not running.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { POSTGRES, serverAvailable } from '../backends/server-available.js';
import { expect, test } from './support/serve-fixture.js';
import { fillValue, grid, panel, sidebar, valueText } from './support/store-page.js';

const PG_URL = 'postgresql://root@127.0.0.1/test';
const reachable = await serverAvailable(POSTGRES);
const NOTICE = `Another tab switched this server to ${PG_URL}`;
const LOST = 'Your changes were not saved';

/** Tab B's Open connection: Postgres, the test's schema and table. */
async function connectToPostgres(page: Page, schema: string): Promise<void> {
  await page.getByRole('button', { name: 'Open connection…' }).click();
  const open = page.getByRole('dialog', { name: 'Open connection' });
  await open.getByLabel('Server URL').fill(PG_URL);
  await open.getByRole('button', { name: 'Test connection' }).click();
  await expect(open.getByRole('status')).toContainText('Connected to PostgreSQL');
  await open.getByRole('combobox', { name: 'Database' }).selectOption(schema);
  await expect(open.getByRole('combobox', { name: 'Table' })).toHaveValue('orders');
  await open.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(open).toBeHidden();
  await expect(page.locator('.status-line')).toContainText('PostgreSQL');
}

test.describe('two tabs of one serve', () => {
  test.skip(!reachable, 'PostgreSQL is not reachable at 127.0.0.1:5432');
  let raw: pg.Client;
  let schema: string;

  test.beforeEach(async () => {
    schema = `si_e2e_${randomBytes(5).toString('hex')}`;
    raw = new pg.Client({ connectionString: PG_URL });
    await raw.connect();
    await raw.query(`CREATE SCHEMA ${schema}`);
    await raw.query(
      `CREATE TABLE ${schema}.orders (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT orders_pkey PRIMARY KEY (key))`,
    );
    await raw.query(`INSERT INTO ${schema}.orders (key, value, metadata) VALUES ('order/1', 'first order', '{}')`);
  });
  test.afterEach(async () => {
    await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await raw.end();
  });

  const keysInPostgres = async () =>
    (await raw.query<{ key: string }>(`SELECT key FROM ${schema}.orders ORDER BY key`)).rows.map((row) => row.key);

  test("tab A's Create after tab B switched is refused, written nowhere, and tab A shows the new store", async ({
    browser,
    served,
  }) => {
    await served.writer.write({ key: 'on-the-file', value: 'v' });
    const tabA = await browser.newPage();
    const tabB = await browser.newPage();
    // Tab A does not hear the switch announced (its event stream is cut, its clock stopped so no timer reads
    // the store): the refusal of its own call is what tells it.
    await tabA.route('**/api/events', (route) => route.abort());
    await tabA.clock.install();
    await tabA.goto(served.url);
    await expect(grid(tabA).getByRole('row', { name: /on-the-file/ })).toBeVisible();
    await tabA.getByRole('button', { name: 'New record' }).first().click();
    const create = tabA.getByRole('dialog', { name: 'New record' });
    await create.getByLabel('Key').fill('meant-for-the-file');
    await create.getByLabel('Value', { exact: true }).fill('typed in tab A');
    await tabA.clock.pauseAt(Date.now() + 60_000);

    await tabB.goto(served.url);
    await connectToPostgres(tabB, schema);

    await create.getByRole('button', { name: 'Create' }).click();
    await expect(tabA.getByRole('alert').filter({ hasText: NOTICE })).toBeVisible();
    await expect(create).toBeHidden();
    expect(await keysInPostgres()).toEqual(['order/1']);
    expect(await served.writer.list()).toEqual(['on-the-file']);
    // What was typed did not go with the dialog: the alert dialog says the record was not created and shows it.
    const lost = tabA.getByRole('alertdialog', { name: LOST });
    await expect(lost).toHaveAccessibleDescription(
      `Another tab opened ${PG_URL}. Your new record meant-for-the-file in ${served.storePath} was not created.`,
    );
    await expect(lost.getByLabel('Your unsaved value')).toHaveValue('typed in tab A');
    await tabA.keyboard.press('Escape');
    await expect(lost).toBeHidden();

    // Then tab A reads the store that is open now, and offers the way back to the served file.
    await expect(tabA.locator('.status-line')).toContainText('PostgreSQL');
    await expect(tabA.getByRole('button', { name: `Back to ${served.storePath}` })).toBeVisible();
    await tabA.close();
    await tabB.close();
  });

  test('an open record is closed without writing, and a tab loaded after the switch can go back', async ({
    browser,
    served,
  }) => {
    await served.writer.write({ key: 'on-the-file', value: 'v' });
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const tabA = await context.newPage();
    const tabB = await browser.newPage();
    await tabA.goto(served.url);
    await grid(tabA)
      .getByRole('row', { name: /on-the-file/ })
      .click();
    await expect.poll(() => valueText(tabA)).toBe('v');
    // Unsaved edits: before, they came back as a bogus "deleted" conflict whose Keep mine wrote into Postgres.
    await fillValue(tabA, 'edited in tab A');

    await tabB.goto(served.url);
    await connectToPostgres(tabB, schema);

    // Tab A hears of it at once: a notice, no editor, no conflict to "keep mine" into Postgres; and the typed
    // value is not gone without a word: an alert dialog says so, shows it, and copies it from the keyboard.
    await expect(tabA.getByRole('alert').filter({ hasText: NOTICE })).toBeVisible();
    const lost = tabA.getByRole('alertdialog', { name: LOST });
    await expect(lost).toHaveAccessibleDescription(
      `Another tab opened ${PG_URL}. Your unsaved changes to on-the-file in ${served.storePath} were not saved.`,
    );
    await expect(lost.getByLabel('Your unsaved value')).toHaveValue('edited in tab A');
    await expect(lost.getByRole('button', { name: 'Copy value' })).toBeFocused();
    await tabA.keyboard.press('Enter');
    await expect(lost.getByRole('status')).toHaveText('The value is on the clipboard');
    expect(await tabA.evaluate('navigator.clipboard.readText()')).toBe('edited in tab A');
    await tabA.keyboard.press('Escape');
    await expect(lost).toBeHidden();
    await expect(panel(tabA)).toContainText('Select a record to see and edit it.');
    await expect(tabA.getByRole('button', { name: 'Keep mine' })).toHaveCount(0);
    await expect(sidebar(tabA).getByRole('button', { name: /orders/ })).toBeVisible();
    expect(await keysInPostgres()).toEqual(['order/1']);
    expect(Buffer.from((await served.writer.read('on-the-file'))[0]?.value ?? []).toString('utf8')).toBe('v');

    // A tab opened now never saw the served file, yet the host knows it: the way back is offered.
    const tabC = await browser.newPage();
    await tabC.goto(served.url);
    await expect(tabC.locator('.status-line')).toContainText('PostgreSQL');
    await tabC.getByRole('button', { name: `Back to ${served.storePath}` }).click();
    await expect(grid(tabC).getByRole('row', { name: /on-the-file/ })).toBeVisible();
    // Tab B, which opened Postgres, hears that tab C went back.
    await expect(
      tabB.getByRole('alert').filter({ hasText: `Another tab switched this server to ${served.storePath}` }),
    ).toBeVisible();
    await expect(grid(tabB).getByRole('row', { name: /on-the-file/ })).toBeVisible();
    for (const tab of [tabA, tabB, tabC]) await tab.close();
    await context.close();
  });

  test("an unsaved edit and a New record's typed value are both kept, one alert dialog after the other", async ({
    browser,
    served,
  }) => {
    await served.writer.write({ key: 'on-the-file', value: 'v' });
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const tabA = await context.newPage();
    const tabB = await browser.newPage();
    await tabA.goto(served.url);
    await grid(tabA)
      .getByRole('row', { name: /on-the-file/ })
      .click();
    await expect.poll(() => valueText(tabA)).toBe('v');
    await fillValue(tabA, 'edited in tab A');
    await tabA.getByRole('button', { name: 'New record' }).first().click();
    const create = tabA.getByRole('dialog', { name: 'New record' });
    await create.getByLabel('Key').fill('meant-for-the-file');
    await create.getByLabel('Value', { exact: true }).fill('typed in tab A');

    await tabB.goto(served.url);
    await connectToPostgres(tabB, schema);

    // Tab A hears the switch announced: the dialog closes without writing, and neither value is gone unsaid.
    await expect(tabA.getByRole('alert').filter({ hasText: NOTICE })).toBeVisible();
    await expect(create).toBeHidden();
    const lost = tabA.getByRole('alertdialog', { name: LOST });
    await expect(lost).toHaveAccessibleDescription(
      `Another tab opened ${PG_URL}. Your unsaved changes to on-the-file in ${served.storePath} were not saved.`,
    );
    await expect(lost.getByLabel('Your unsaved value')).toHaveValue('edited in tab A');
    await tabA.keyboard.press('Escape');
    await expect(lost).toHaveAccessibleDescription(
      `Another tab opened ${PG_URL}. Your new record meant-for-the-file in ${served.storePath} was not created.`,
    );
    await expect(lost.getByLabel('Your unsaved value')).toHaveValue('typed in tab A');
    await expect(lost.getByRole('button', { name: 'Copy value' })).toBeFocused();
    await tabA.keyboard.press('Enter');
    await expect(lost.getByRole('status')).toHaveText('The value is on the clipboard');
    expect(await tabA.evaluate('navigator.clipboard.readText()')).toBe('typed in tab A');
    await tabA.keyboard.press('Escape');
    await expect(lost).toBeHidden();
    expect(await keysInPostgres()).toEqual(['order/1']);
    expect(await served.writer.list()).toEqual(['on-the-file']);
    await tabA.close();
    await tabB.close();
    await context.close();
  });

  test("an unsaved metadata edit and a New record's key are both said in the toast, the metadata one press away", async ({
    browser,
    served,
  }) => {
    await served.writer.write({ key: 'on-the-file', value: 'v' });
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const tabA = await context.newPage();
    const tabB = await browser.newPage();
    await tabA.goto(served.url);
    await grid(tabA)
      .getByRole('row', { name: /on-the-file/ })
      .click();
    await expect.poll(() => valueText(tabA)).toBe('v');
    await panel(tabA).getByLabel('Metadata').fill('{"owner":"tab A"}');
    await tabA.getByRole('button', { name: 'New record' }).first().click();
    const create = tabA.getByRole('dialog', { name: 'New record' });
    await create.getByLabel('Key').fill('meant-for-the-file');

    await tabB.goto(served.url);
    await connectToPostgres(tabB, schema);

    // Neither has a typed value, so no alert dialog: the one toast says both (before, the New record's key
    // went unsaid).
    await expect(create).toBeHidden();
    const toast = tabA.getByRole('alert').filter({ hasText: `Another tab opened ${PG_URL}` });
    await expect(toast).toContainText(
      `Another tab opened ${PG_URL}. Your unsaved changes to on-the-file in ${served.storePath} were not saved: metadata {"owner":"tab A"}. Your new record meant-for-the-file in ${served.storePath} was not created.`,
    );
    await expect(tabA.getByRole('alertdialog', { name: LOST })).toHaveCount(0);
    await toast.getByRole('button', { name: 'Copy metadata' }).click();
    expect(await tabA.evaluate('navigator.clipboard.readText()')).toBe('{"owner":"tab A"}');
    expect(await keysInPostgres()).toEqual(['order/1']);
    expect(await served.writer.list()).toEqual(['on-the-file']);
    await tabA.close();
    await tabB.close();
    await context.close();
  });

  test("an open Analysis view drops the old store's picture and asks the new store", async ({ browser, served }) => {
    await served.writer.writeMany({ database: 'micro', table: 'micro' }, [
      { key: 'user/1', value: 'a' },
      { key: 'user/2', value: 'b' },
      { key: 'order/9', value: 'c' },
    ]);
    const tabA = await browser.newPage();
    const tabB = await browser.newPage();
    await tabA.goto(served.url);
    await tabA.getByRole('button', { name: 'Analysis' }).click();
    const analysis = tabA.getByRole('main', { name: /^Analysis of / });
    await expect(analysis.getByRole('status')).toHaveText(/^3 records/);

    await tabB.goto(served.url);
    await connectToPostgres(tabB, schema);

    // Before, the file's three records stayed on screen as if they were Postgres's. Postgres has no analysis
    // yet: the view asks it and says so, with no picture of the store that is gone.
    await expect(analysis.getByRole('alert')).toContainText('not available for this kind of store');
    await expect(analysis.getByRole('status')).not.toHaveText(/3 records/);
    await expect(analysis.getByRole('table', { name: 'Key space parts, sized by records' })).toHaveCount(0);
    await tabA.close();
    await tabB.close();
  });
});
