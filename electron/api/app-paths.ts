import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Store Inspector';
export const DEFAULT_STORE_FILE = 'default.store.db';

/**
 * Electron's `userData` folder for this app, computed without Electron so that the command line
 * and browser mode open the very store the desktop app uses by default.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STORE_INSPECTOR_HOME) return env.STORE_INSPECTOR_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  // An empty XDG_CONFIG_HOME counts as unset (the XDG spec, and what Electron does).
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), DEFAULT_STORE_FILE);
}
