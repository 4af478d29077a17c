import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Debian's Chromium: Playwright's own browser download cannot work on our machines. Fails with
 * the command that fixes it rather than a cryptic launch error.
 */
export function chromiumExecutable(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path) => path !== undefined && existsSync(path));
  if (found === undefined) {
    throw new Error(
      'Chromium is not installed. Install it with: sudo apt-get update && sudo apt-get install -y chromium ' +
        '(or set CHROMIUM_PATH to a Chromium or Chrome binary).',
    );
  }
  return found;
}
