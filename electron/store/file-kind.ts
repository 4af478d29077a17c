import { type Stats, statSync } from 'node:fs';

/** The file's stat, or undefined when nothing is there (any other failure is thrown). */
export function statIfPresent(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Completes "<path> …" for what is neither a regular file nor a folder. Such a file is refused up front:
 * reading a named pipe or a device waits forever (and holds one of libuv's four pool threads meanwhile).
 */
export function describeNonRegularFile(stat: Stats): string {
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a regular file: choose a file';
  if (stat.isSocket()) return 'is a socket, not a regular file: choose a file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a regular file: choose a file';
  return 'is not a regular file: choose a file';
}
