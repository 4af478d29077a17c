import { statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocationBase {
  home: string;
  cwd: string;
  tmp: string;
}

/**
 * Where go-micro's file store keeps its folder, most likely first: `~/micro/store` (go-micro v4/v5's
 * default), a service's working directory, the `micro` CLI's `~/.micro` folders, and the temp dir that
 * older go-micro versions used. Duplicates (cwd = home) are dropped.
 */
export function goMicroStoreLocations({ home, cwd, tmp }: LocationBase): string[] {
  const candidates = [
    join(home, 'micro', 'store'),
    join(cwd, 'micro', 'store'),
    join(home, '.micro', 'store'),
    join(home, '.micro', 'server', 'store'),
    join(tmp, 'micro', 'store'),
  ];
  return [...new Set(candidates)];
}

/** The first location that is a folder, or undefined when none is. */
export function firstExistingLocation(
  locations: string[],
  isFolder: (path: string) => boolean = isDirectory,
): string | undefined {
  return locations.find((location) => isFolder(location));
}

/** Where the folder picker for a go-micro store starts on this machine. */
export function defaultGoMicroFolder(): string | undefined {
  return firstExistingLocation(goMicroStoreLocations({ home: homedir(), cwd: process.cwd(), tmp: tmpdir() }));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
