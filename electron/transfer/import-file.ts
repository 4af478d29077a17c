import { closeSync, createReadStream, fstatSync, openSync, type ReadStream, type Stats } from 'node:fs';
import { describeNonRegularFile, statIfPresent } from '../store/file-kind.js';
import { StoreInputError } from '../store/index.js';

/** A records file opened for import, with what it was when the import began. */
export interface ImportFile {
  input: ReadStream;
  totalBytes: number;
  /** Throws when the file is not what it was at the start: another program truncated, rewrote or replaced it. */
  checkUnchanged(bytesRead: number): void;
  close(): void;
}

/**
 * Opens a records file for import after checking it is one: a missing path, a folder, a pipe or a device
 * is refused by name (a pipe would otherwise be read for ever and hold a thread of the pool). A cancel
 * destroys the stream at once, so a read that is waiting stops too.
 */
export function openImportFile(path: string, signal?: AbortSignal): ImportFile {
  const before = statIfPresent(path);
  if (before === undefined) throw new StoreInputError(`cannot import ${path}: no such file; check the path`);
  refuseNonFile(path, before);
  const fd = openOrExplain(path);
  const start = fstatSync(fd);
  try {
    refuseNonFile(path, start);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const input = createReadStream(path, { fd });
  // A cancel can destroy the stream before the reader listens to it; an 'error' nobody hears ends the process.
  // The reader still gets the reason: a destroyed stream rejects its next read with it.
  input.on('error', () => {});
  const stop = () => input.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
  signal?.addEventListener('abort', stop, { once: true });
  return {
    input,
    totalBytes: start.size,
    checkUnchanged: (bytesRead) => checkUnchanged(path, start, bytesRead),
    close() {
      signal?.removeEventListener('abort', stop);
      input.destroy();
    },
  };
}

function refuseNonFile(path: string, stat: Stats): void {
  if (stat.isDirectory()) throw new StoreInputError(`cannot import ${path}: it is a folder; choose a records file`);
  if (!stat.isFile()) throw new StoreInputError(`cannot import ${path}: it ${describeNonRegularFile(stat)}`);
}

function openOrExplain(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new StoreInputError(`cannot import ${path}: you do not have permission to read it`);
    }
    throw error;
  }
}

/**
 * The same file (device and inode: not replaced by a rename), the same size and modification time, and
 * every byte of it read: otherwise what was imported is not the file the user has now.
 */
function checkUnchanged(path: string, start: Stats, bytesRead: number): void {
  const problem = changeSince(start, statIfPresent(path), bytesRead);
  if (problem !== undefined) {
    throw new StoreInputError(
      `${path} changed while it was imported (${problem}): nothing was imported; import it again once no other program writes it`,
    );
  }
}

function changeSince(start: Stats, now: Stats | undefined, bytesRead: number): string | undefined {
  if (now === undefined) return 'it was deleted';
  if (now.dev !== start.dev || now.ino !== start.ino) return 'it was replaced by another file';
  if (now.size !== start.size) return `its size went from ${start.size} to ${now.size} bytes`;
  if (now.mtimeMs !== start.mtimeMs) return 'it was rewritten';
  if (bytesRead !== start.size) return `only ${bytesRead} of its ${start.size} bytes could be read`;
  return undefined;
}
