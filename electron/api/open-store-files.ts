import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StoreStateError } from '../store/index.js';

/** The open store and the files SQLite keeps beside it while it is open. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Refuses to write `target` when it is the open store or one of its companions, by path (through symbolic
 * links) or by identity (a hard link): writing there destroys the store, whatever dialog allowed it.
 */
export function refuseOpenStoreTarget(target: string, storePath: string | undefined): void {
  if (storePath === undefined) return;
  const targetPath = canonical(target);
  const targetId = identity(target);
  for (const suffix of COMPANIONS) {
    const companion = `${storePath}${suffix}`;
    const sameId = targetId !== undefined && targetId === identity(companion);
    if (sameId || targetPath === canonical(companion)) {
      throw new StoreStateError(
        `${basename(target)} is the open store${suffix === '' ? '' : `'s ${suffix.slice(1)} file`}: ` +
          'writing it would destroy the store. Choose another file.',
        'foreign-file',
      );
    }
  }
}

/** The path with its folder's symbolic links resolved (the file itself may not exist yet). */
function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function identity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}
