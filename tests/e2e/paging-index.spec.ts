/**
 * The paging index notice in Chromium through serve (docs/backends.md, "Paging index"): a large Postgres table
 * whose key sorts by a language collation says its pages sort every row; the button shows the exact
 * statement, and the index is built only once the user confirms it. The sidebar lists the table by the
 * planner's estimate. Its own schema, dropped after; skipped where Postgres is not running.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { POSTGRES, serverAvailable } from '../backends/server-available.js';

const reachable = await serverAvailable(POSTGRES);
const URL = 'postgresql://root@127.0.0.1/test';
// Past the sidebar's estimate threshold (sql-tables/listed-counts.ts) and the notice's (50,000).
const ROWS = 120_000;

test.describe('Postgres: a table that pages without a byte-order index', () => {
  test.skip(!reachable, 'Postgres is not reachable at 127.0.0.1:5432');
  let raw: pg.Client;
  let schema: string;
  let server: RunningServer;

  test.beforeEach(async () => {
    raw = new pg.Client({ connectionString: URL });
    await raw.connect();
    schema = `si_e2e_${randomBytes(4).toString('hex')}`;
    await raw.query(`CREATE SCHEMA "${schema}"`);
    // go-micro's table, its key in a language collation (as on a database created with one).
    await raw.query(
      `CREATE TABLE "${schema}".micro (key text COLLATE "en-US-x-icu" NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
    );
    await raw.query(
      `INSERT INTO "${schema}".micro (key, value, metadata) SELECT 'user/' || i, 'v', '{}' FROM generate_series(1, $1::int) AS i`,
      [ROWS],
    );
    await raw.query(`ANALYZE "${schema}".micro`);
    server = await startServer({ store: parseConnectionString(URL, {}), rendererDir: resolve('out/renderer') });
  });
  test.afterEach(async () => {
    await server.close();
    await raw.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await raw.end();
  });

  const indexCount = async () =>
    (
      await raw.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = 'key_bytes_index_micro'`, [
        schema,
      ])
    ).rowCount;

  test('says pages sort, shows the exact statement, and adds the index only on confirmation', async ({ page }) => {
    await page.goto(`${server.url}#db=${schema}&table=micro`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${schema} / micro`);
    const status = page.getByRole('contentinfo');
    await expect(status).toContainText('Paging this table in key order sorts all its rows');
    // The sidebar lists the table by the planner's estimate, marked as one.
    const listed = page.locator('li', { has: page.getByText(schema, { exact: true }) });
    await expect(listed.getByTitle(/^about .*the server's estimate/)).toHaveText(/^~1\d\d,\d{3}$/);

    await status.getByRole('button', { name: 'Add an index…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an index for key order' });
    await expect(dialog.locator('pre')).toHaveText(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS "key_bytes_index_micro" ON "${schema}"."micro" (key COLLATE "C")`,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await indexCount()).toBe(0);

    await status.getByRole('button', { name: 'Add an index…' }).click();
    await dialog.getByRole('button', { name: 'Run it on the server' }).click();
    await expect(dialog).toBeHidden();
    await expect(status).toContainText('Key-order index added');
    expect(await indexCount()).toBe(1);
    await expect(status).not.toContainText('Paging this table in key order sorts');
  });
});
