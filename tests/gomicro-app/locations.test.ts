/**
 * Where File > Open go-micro Store… starts: the known locations in order, the first that exists, and the
 * file.chooseGoMicroFolder call (desktop: the host's folder picker, starting there; browser mode: unsupported).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultGoMicroFolder,
  firstExistingLocation,
  goMicroStoreLocations,
} from '../../electron/api/gomicro-locations.js';
import { tempDirForTest } from '../helpers/files.js';
import { testApi } from './fixture-store.js';

describe('goMicroStoreLocations', () => {
  it('lists the known locations, most likely first', () => {
    expect(goMicroStoreLocations({ home: '/h', cwd: '/w', tmp: '/t' })).toEqual([
      join('/h', 'micro', 'store'),
      join('/w', 'micro', 'store'),
      join('/h', '.micro', 'store'),
      join('/h', '.micro', 'server', 'store'),
      join('/t', 'micro', 'store'),
    ]);
  });

  it('drops a duplicate when the working directory is the home directory', () => {
    const locations = goMicroStoreLocations({ home: '/h', cwd: '/h', tmp: '/t' });
    expect(locations).toHaveLength(4);
    expect(new Set(locations).size).toBe(4);
  });
});

describe('firstExistingLocation', () => {
  it('picks the first location that is a folder, or none', () => {
    const locations = ['/a', '/b', '/c'];
    expect(firstExistingLocation(locations, (path) => path !== '/a')).toBe('/b');
    expect(firstExistingLocation(locations, () => false)).toBeUndefined();
  });

  it('checks real folders by default: a file of that name does not count', () => {
    const base = tempDirForTest();
    const home = join(base, 'home');
    const tmp = join(base, 'tmp');
    mkdirSync(join(home, '.micro', 'server', 'store'), { recursive: true });
    mkdirSync(join(tmp, 'micro', 'store'), { recursive: true });
    const locations = goMicroStoreLocations({ home, cwd: join(base, 'nowhere'), tmp });
    expect(firstExistingLocation(locations)).toBe(join(home, '.micro', 'server', 'store'));
    mkdirSync(join(home, 'micro', 'store'), { recursive: true });
    expect(firstExistingLocation(locations)).toBe(join(home, 'micro', 'store'));
  });
});

describe('file.chooseGoMicroFolder', () => {
  it('desktop: asks the host, starting at the first known location, and returns the choice', async () => {
    const starts: (string | undefined)[] = [];
    const api = testApi({
      chooseFolder: async (start) => {
        starts.push(start);
        return '/chosen/store';
      },
    });
    // The page gets a handle to open, never the path.
    expect(await api.value('file.chooseGoMicroFolder')).toEqual({
      id: expect.any(String),
      name: 'store',
      download: false,
    });
    expect(starts).toEqual([defaultGoMicroFolder()]);
  });

  it('desktop: null when the user cancels', async () => {
    const api = testApi({ chooseFolder: async () => undefined });
    expect(await api.value('file.chooseGoMicroFolder')).toBeNull();
  });

  it('browser mode: unsupported, saying to start serve on the folder', async () => {
    const result = await testApi().call('file.chooseGoMicroFolder');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringContaining('serve --store') },
    });
  });
});
