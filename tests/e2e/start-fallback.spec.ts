import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('npm start without the Electron runtime says so in one line and serves the default store', async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), 'si-start-'));
  // An override that points nowhere makes the runtime unavailable without trying a download.
  const env = { ...process.env, STORE_INSPECTOR_HOME: home, ELECTRON_OVERRIDE_DIST_PATH: join(home, 'no-electron') };
  // Node itself, not `npx tsx` (which runs the script in a grandchild that a kill of npx left serving after the run).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--skip-build'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string | undefined;
  try {
    const lines = await firstLines(child.stdout, 2);
    expect(lines[0]).toMatch(
      /^Electron runtime unavailable \(.+\); running browser mode on the default store instead\.$/,
    );
    url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(lines[1] ?? '')?.[1];
    expect(lines[1]).toContain(join(home, 'default.store.db'));
    expect(url).toBeDefined();
    await page.goto(url ?? '');
    await expect(page.getByRole('status')).toContainText('default.store.db');
    expect(existsSync(join(home, 'default.store.db'))).toBe(true);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
  // The server the script started is gone with it: nothing is left serving the removed folder.
  await expect(fetch(url ?? '')).rejects.toThrow();
});

function firstLines(stream: NodeJS.ReadableStream, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`timed out; output so far: ${text}`)), 20_000);
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const lines = text.split('\n');
      if (lines.length > count) {
        clearTimeout(timer);
        resolve(lines.slice(0, count));
      }
    });
  });
}
