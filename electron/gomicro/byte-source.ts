import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Positioned reads over a file or a buffer. The file is opened with plain read access: no flock, no
 * LockFileEx, no write flag, so a bbolt file held open (and locked) by a running service can still be read
 * (bbolt's own lock is advisory on Unix, and on Windows it locks a byte range past the end of the data).
 */
export interface ByteSource {
  /** Shown in error messages: the file's path. */
  readonly name: string;
  /** The size now; a live file can grow between two calls. */
  size(): number;
  /** Reads up to `length` bytes at `offset`; fewer only at the end of the data. */
  read(offset: number, length: number): Buffer;
  close(): void;
}

export function openFileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  let open = true;
  return {
    name: path,
    size: () => fstatSync(fd).size,
    read: (offset, length) => readFully(fd, offset, length),
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function readFully(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** Over bytes already in memory (tests, and files small enough to read whole). */
export function bufferSource(data: Uint8Array, name: string): ByteSource {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    name,
    size: () => buf.length,
    read: (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
    close: () => {},
  };
}
