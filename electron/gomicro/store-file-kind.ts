import { closeSync, constants, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BBOLT_MAGIC, PAGE_HEADER_SIZE } from './bbolt-meta.js';
import { TABLE_EXTENSION } from './gomicro-layout.js';

/**
 * What `--store <path>` points at, told apart by content rather than by name (both kinds end in `.db`).
 * - `sqlite`: starts with "SQLite format 3\0".
 * - `bbolt`: a bbolt meta page magic number where a meta page can be.
 * - `gomicro-folder`: a folder with `<database>/<table>.db` bbolt files (go-micro's file store).
 * - `empty-file`: zero bytes (SQLite treats it as a new database).
 * - `folder`: any other folder; `missing`: nothing there; `unknown`: a file of another kind, or not a
 *   regular file at all (a pipe, a device: never read here).
 */
export type StoreFileKind = 'sqlite' | 'bbolt' | 'gomicro-folder' | 'empty-file' | 'folder' | 'missing' | 'unknown';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Meta page 0 sits at offset 0; meta page 1 at one page size, which bbolt probes from 1 KiB up. */
const META_OFFSETS = [0, 1024, 2048, 4096, 8192, 16_384, 32_768, 65_536];
const HEAD_SIZE = 65_536 + PAGE_HEADER_SIZE + 4;

export function isSqliteHead(head: Buffer): boolean {
  return head.length >= SQLITE_HEADER.length && head.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

/** Checks the magic only (not the checksum): enough to route the file to the bbolt reader, which says more. */
export function isBboltHead(head: Buffer): boolean {
  return META_OFFSETS.some((at) => {
    const magicAt = at + PAGE_HEADER_SIZE;
    return head.length >= magicAt + 4 && head.readUInt32LE(magicAt) === BBOLT_MAGIC;
  });
}

/** Non-blocking, so a file swapped for a pipe after the stat cannot hang the open. */
function readHead(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(HEAD_SIZE);
    const n = readSync(fd, buf, 0, HEAD_SIZE, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function fileKind(path: string): StoreFileKind {
  // Never read a pipe or a device: the read would wait for ever. The store opener refuses it by name.
  if (!statSync(path).isFile()) return 'unknown';
  const head = readHead(path);
  if (head.length === 0) return 'empty-file';
  if (isSqliteHead(head)) return 'sqlite';
  return isBboltHead(head) ? 'bbolt' : 'unknown';
}

function subEntries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isGoMicroFolder(root: string): boolean {
  return subEntries(root).some(
    (db) =>
      db.isDirectory() &&
      subEntries(join(root, db.name)).some(
        (table) =>
          table.isFile() &&
          table.name.endsWith(TABLE_EXTENSION) &&
          fileKind(join(root, db.name, table.name)) === 'bbolt',
      ),
  );
}

/** The kinds the go-micro reader opens; everything else is SQLite's to accept or refuse. */
export function isGoMicroKind(kind: StoreFileKind): kind is 'bbolt' | 'gomicro-folder' {
  return kind === 'bbolt' || kind === 'gomicro-folder';
}

export function detectStoreFileKind(path: string): StoreFileKind {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return 'missing';
  }
  if (isDirectory) return isGoMicroFolder(path) ? 'gomicro-folder' : 'folder';
  try {
    return fileKind(path);
  } catch {
    return 'unknown';
  }
}
