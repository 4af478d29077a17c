import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The Electron binary if it is already on this machine, found without asking the `electron`
 * package for it (which would start a download that cannot work offline).
 */
export function installedElectron(): { path: string } | { reason: string } {
  const packageDir = resolve('node_modules/electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (override === undefined && relative === undefined) {
    return { reason: 'the Electron runtime was never downloaded here (no internet on this machine)' };
  }
  const binary =
    override === undefined ? join(packageDir, 'dist', relative ?? '') : join(override, relative ?? 'electron');
  return existsSync(binary) ? { path: binary } : { reason: `no Electron binary at ${binary}` };
}
