import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { createSqliteStore } from '../../electron/store/index.js';
import { installedElectron } from './support/electron-runtime.js';

const runtime = installedElectron();
if ('reason' in runtime) console.log(`Electron spec skipped: ${runtime.reason}.`);

test.describe('the desktop app', () => {
  test.skip('reason' in runtime, 'reason' in runtime ? runtime.reason : '');

  test('opens the store named on the command line in a secure window', async () => {
    if (!('path' in runtime)) return;
    const dir = mkdtempSync(join(tmpdir(), 'si-electron-'));
    const storePath = join(dir, 'desktop.db');
    const writer = createSqliteStore({ path: storePath });
    await writer.write({ key: 'user/1', value: 'Ada' });
    await writer.close();
    const app = await electron.launch({
      executablePath: runtime.path,
      args: ['.', storePath, '--no-sandbox'],
      env: { ...process.env, STORE_INSPECTOR_HOME: dir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('status')).toContainText(storePath);
      const exposed = await window.evaluate(() => Object.keys(window as object).includes('require'));
      expect(exposed).toBe(false);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
