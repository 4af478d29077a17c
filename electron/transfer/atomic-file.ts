import { once } from 'node:events';
import { createWriteStream, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { describeNonRegularFile, statIfPresent } from '../store/file-kind.js';
import { StoreInputError } from '../store/index.js';
import { removeStalePartials } from './partial-files.js';

export interface AtomicWriteOptions {
  /** Replace a file already at the path. Without it (the default) an existing file is refused, untouched. */
  overwrite?: boolean;
  /** Files never written over, whatever `overwrite` says: the open store and its -wal/-shm (see storeFiles). */
  protectedPaths?: readonly string[];
}

/** A store file and the files SQLite keeps beside it: what an export must never replace. */
export function storeFiles(storePath: string): string[] {
  return [storePath, `${storePath}-wal`, `${storePath}-shm`, `${storePath}-journal`];
}

/**
 * A file that may not be written where the user asked; the message names their path and what to do.
 * Bad input (the path), so every caller reports it as such, without "unexpected error".
 */
export class DestinationError extends StoreInputError {
  constructor(message: string) {
    super(message);
    this.name = 'DestinationError';
  }
}

/**
 * Writes a file through a temporary one put in place at the end, so a failed or cancelled write leaves
 * no file behind: not half a file, not an empty one, not an open descriptor. The temporary file is hidden
 * (`.name.partial-PID-TIME`); one a killed process left is removed by the next write into that folder.
 * Every error names the user's path, never the temporary file.
 */
export async function writeFileAtomically<T>(
  path: string,
  write: (out: Writable) => Promise<T>,
  options: AtomicWriteOptions = {},
): Promise<T> {
  checkDestination(path, options);
  removeStalePartials(dirname(path));
  const temporary = join(dirname(path), `.${basename(path)}.partial-${process.pid}-${Date.now()}`);
  const out = createWriteStream(temporary, { fd: openTemporary(path, temporary) });
  const closed = once(out, 'close').catch(() => undefined);
  try {
    const result = await write(out);
    if (!out.writableFinished) out.end();
    await closed;
    // Checked again at the end: the file may have appeared, or become the store, while we wrote.
    checkDestination(path, options);
    putInPlace(temporary, path, options.overwrite ?? false);
    return result;
  } catch (error) {
    // The stream may still be writing: destroy it, wait until its descriptor is closed, then remove.
    out.destroy();
    await closed;
    rmSync(temporary, { force: true });
    throw explainWriteError(error, path);
  }
}

function checkDestination(path: string, options: AtomicWriteOptions): void {
  const target = statIfPresent(path);
  const isProtected = (options.protectedPaths ?? []).some((file) => {
    if (sameName(file, path)) return true;
    const stat = target && statIfPresent(file);
    return stat !== undefined && target !== undefined && stat.dev === target.dev && stat.ino === target.ino;
  });
  if (isProtected) {
    throw new DestinationError(
      `${path} is the open store (or one of its files): nothing was written; choose another file`,
    );
  }
  if (target === undefined) return;
  if (target.isDirectory()) throw new DestinationError(`${path} is a folder: choose a file name inside it`);
  if (!target.isFile()) throw new DestinationError(`${path} ${describeNonRegularFile(target)}`);
  if (!options.overwrite) {
    throw new DestinationError(
      `${path} already exists: nothing was written; choose another file, or allow replacing it (use --force)`,
    );
  }
}

function sameName(a: string, b: string): boolean {
  return join(a) === join(b) || join(process.cwd(), a) === join(process.cwd(), b);
}

function openTemporary(path: string, temporary: string): number {
  try {
    return openSync(temporary, 'wx', 0o644);
  } catch (error) {
    throw explainWriteError(error, path);
  }
}

/**
 * Without `overwrite`, a hard link puts the file in place only if nothing is there yet (a rename would
 * replace a file that appeared meanwhile); where links are not supported, a rename after the check.
 */
function putInPlace(temporary: string, path: string, overwrite: boolean): void {
  if (overwrite) {
    renameSync(temporary, path);
    return;
  }
  try {
    linkSync(temporary, path);
    rmSync(temporary, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new DestinationError(`${path} already exists: nothing was written; use --force`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    renameSync(temporary, path);
  }
}

/** A raw errno about the temporary file becomes a sentence about the user's path. */
function explainWriteError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
      return new DestinationError(`cannot write ${path}: the folder ${folder} does not exist; create it first`);
    case 'ENOTDIR':
      return new DestinationError(`cannot write ${path}: ${folder} is not a folder`);
    case 'EACCES':
    case 'EPERM':
      return new DestinationError(`cannot write ${path}: you do not have permission to write in ${folder}`);
    case 'EROFS':
      return new DestinationError(`cannot write ${path}: ${folder} is on a read-only file system`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new DestinationError(`cannot write ${path}: the disk is full; nothing was written`);
    case 'ENAMETOOLONG':
      return new DestinationError(`cannot write ${path}: the name is too long`);
    default:
      return error;
  }
}
