/**
 * Postgres keeps no write time (its records carry `updatedAt` 0): the grid and the editor say nothing rather than
 * 1970-01-01, and the Updated column cannot sort. Skipped with a printed reason where Postgres is not running.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { parseConnectionString } from '../../electron/backends/connection-string.js';
import { type RunningServer, startServer } from '../../electron/serve/server.js';
import { POSTGRES, serverAvailable } from '../backends/server-available.js';
import { grid, panel } from './support/store-page.js';

const reachable = await serverAvailable(POSTGRES);
const URL = 'postgresql://root@127.0.0.1/test';

test.describe('a store without write times', () => {
  test.skip(!reachable, 'PostgreSQL is not reachable at 127.0.0.1:5432');
  let raw: pg.Client;
  let schema: string;
  let server: RunningServer;

  test.beforeEach(async () => {
    schema = `si_e2e_${randomBytes(5).toString('hex')}`;
    raw = new pg.Client({ connectionString: URL });
    await raw.connect();
    // go-micro's own DDL (store/postgres): no column for a write time.
    await raw.query(`CREATE SCHEMA ${schema}`);
    await raw.query(
      `CREATE TABLE ${schema}.micro (key text NOT NULL, value bytea, metadata JSONB, expiry timestamp with time zone, CONSTRAINT micro_pkey PRIMARY KEY (key))`,
    );
    await raw.query(`INSERT INTO ${schema}.micro (key, value, metadata) VALUES ('order/1', 'original', '{}')`);
    server = await startServer({ store: parseConnectionString(URL, {}), rendererDir: resolve('out/renderer') });
  });
  test.afterEach(async () => {
    await server.close();
    await raw.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await raw.end();
  });

  test('shows no 1970 date in the grid or the editor, and the Updated sort is off', async ({ page }) => {
    await page.goto(`${server.url}#db=${schema}&table=micro`);
    const row = grid(page).getByRole('row', { name: /order\/1/ });
    await expect(row).toBeVisible();
    await expect(row).not.toContainText('1970');
    await expect(row.locator('.cell-updated')).toHaveText('—');
    await expect(grid(page).getByRole('button', { name: /Updated/ })).toHaveAttribute('aria-disabled', 'true');
    await row.click();
    await expect(panel(page).getByRole('heading', { name: 'order/1' })).toBeVisible();
    await expect(panel(page).locator('.editor-header')).not.toContainText('1970');
    await expect(panel(page).locator('.editor-header')).not.toContainText('updated');
  });
});
