/**
 * The folder Electron uses as `userData` for this app, computed without Electron, so that the
 * command line and browser mode find the desktop app's default store.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, DEFAULT_STORE_FILE, defaultStorePath, userDataDir } from '../../electron/api/app-paths.js';

describe('userDataDir', () => {
  it('is named after the product', () => {
    expect(APP_NAME).toBe('Store Inspector');
  });

  it('linux: $XDG_CONFIG_HOME/Store Inspector, else ~/.config/Store Inspector', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe('/srv/config/Store Inspector');
    expect(userDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Store Inspector'));
    expect(userDataDir({}, 'freebsd')).toBe(join(homedir(), '.config', 'Store Inspector'));
  });

  it('linux: an empty XDG_CONFIG_HOME counts as unset (XDG spec, and what Electron does)', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(join(homedir(), '.config', 'Store Inspector'));
  });

  it('darwin: ~/Library/Application Support/Store Inspector, whatever XDG says', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Store Inspector'),
    );
  });

  it('win32: %APPDATA%\\Store Inspector, else the roaming folder under the home', () => {
    const appData = 'C:\\Users\\me\\AppData\\Roaming';
    const withAppData = userDataDir({ APPDATA: appData }, 'win32');
    expect(withAppData.startsWith(appData)).toBe(true);
    expect(withAppData.endsWith('Store Inspector')).toBe(true);
    expect(userDataDir({}, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', 'Store Inspector'));
  });

  it('STORE_INSPECTOR_HOME overrides every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(
        userDataDir({ STORE_INSPECTOR_HOME: '/tmp/si-home', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\a' }, platform),
      ).toBe('/tmp/si-home');
    }
  });

  it('the default store is default.store.db in that folder', () => {
    expect(DEFAULT_STORE_FILE).toBe('default.store.db');
    expect(defaultStorePath({ STORE_INSPECTOR_HOME: '/tmp/si-home' })).toBe('/tmp/si-home/default.store.db');
  });
});
