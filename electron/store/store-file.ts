import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { APPLICATION_MARKER, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { type Database, openDatabase } from './sqlite-driver.js';
import { StoreStateError } from './types.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const BUSY_TIMEOUT_MS = 5_000;
export const CACHE_KIB = -65_536;

/**
 * Opens a store file after proving it is ours (or new), so that a foreign or broken file is refused
 * before a single byte of it could change: every check here reads; nothing writes until the file
 * is known to be a Store Inspector store or an empty one.
 */
export function openStoreFile(path: string, readOnly: boolean): Database {
  if (path !== ':memory:') checkFileBeforeOpening(path, readOnly);
  const db = openDatabase(path, { readonly: readOnly, fileMustExist: readOnly });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // 64 MiB of page cache (SQLite's default is 2 MiB): a million keys' index stays in memory.
    db.pragma(`cache_size = ${CACHE_KIB}`);
    prepareSchema(db, path, readOnly);
    return db;
  } catch (error) {
    db.close();
    throw explainOpenError(error, path);
  }
}

/** SQLite's own words for a damaged file ("file is not a database") become a message about the file. */
function explainOpenError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    const reason = error instanceof Error ? error.message : String(error);
    return new StoreStateError(`${path} is a damaged SQLite file (${reason}); it was left unchanged`, 'corrupt-file');
  }
  return error;
}

function checkFileBeforeOpening(path: string, readOnly: boolean): void {
  if (!existsSync(path)) {
    if (readOnly)
      throw new StoreStateError(`${path} does not exist (a read-only store is never created)`, 'missing-file');
    return;
  }
  const stat = statSync(path);
  if (stat.isDirectory()) throw new StoreStateError(`${path} is a folder, not a store file`, 'foreign-file');
  if (stat.size === 0) {
    if (readOnly) throw new StoreStateError(`${path} is empty: there is no store to read`, 'missing-file');
    return;
  }
  checkSqliteHeader(path, readHead(path), stat.size);
}

function readHead(path: string): Buffer {
  const head = Buffer.alloc(HEADER_SIZE);
  const fd = openSync(path, 'r');
  try {
    const length = readSync(fd, head, 0, HEADER_SIZE, 0);
    return head.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function checkSqliteHeader(path: string, head: Buffer, size: number): void {
  if (!head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new StoreStateError(`${path} is not a SQLite database: ${describeForeignBytes(head)}`, 'foreign-file');
  }
  if (head.length < HEADER_SIZE) {
    throw new StoreStateError(
      `${path} is a truncated SQLite file (${size} bytes, shorter than its header)`,
      'corrupt-file',
    );
  }
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pageCount = head.readUInt32BE(28);
  // The page count in the header is only trusted when its "valid for" counter matches (SQLite 3.7+).
  const countIsValid = head.readUInt32BE(24) === head.readUInt32BE(92) && pageCount > 0;
  if (countIsValid && size < pageSize * pageCount) {
    throw new StoreStateError(
      `${path} is a truncated SQLite file: ${size} bytes, but its header says ${pageCount} pages of ${pageSize} bytes`,
      'corrupt-file',
    );
  }
}

/** Says what a non-SQLite file looks like, so the person knows what they picked. */
export function describeForeignBytes(head: Buffer): string {
  if (head.length >= 20 && head.readUInt32LE(16) === 0xed0cdaed) {
    return 'it is a bbolt file (a go-micro file store), which opens read-only as a go-micro store';
  }
  const sample = head.subarray(0, 64);
  const printable = sample.every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127));
  if (printable) return `it is a text file starting with ${JSON.stringify(sample.toString('utf8').slice(0, 40))}`;
  return `it starts with the bytes ${sample.subarray(0, 16).toString('hex')}, not "SQLite format 3"`;
}

function prepareSchema(db: Database, path: string, readOnly: boolean): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).sort();
  const isNew = version === 0 && tables.length === 0;
  if (!isNew) checkIdentity(db, path, version, tables);
  if (readOnly) {
    if (isNew) throw new StoreStateError(`${path} is an empty database: there is no store to read`, 'missing-file');
    if (version < SCHEMA_VERSION) {
      throw new StoreStateError(
        `${path} uses an older store format (${version}); open it once for writing to upgrade it`,
        'newer-format',
      );
    }
    return;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
}

function checkIdentity(db: Database, path: string, version: number, tables: string[]): void {
  const marker = tables.includes('store_inspector')
    ? (db.prepare("SELECT value FROM store_inspector WHERE name = 'format'").pluck().get() as string | undefined)
    : undefined;
  if (marker !== APPLICATION_MARKER) {
    const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
    throw new StoreStateError(
      `${path} is a SQLite database of another application (tables: ${listed || 'none'}); Store Inspector opens only its own stores and left it unchanged`,
      'foreign-file',
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreStateError(
      `${path} was written by a newer Store Inspector (format ${version}, this one reads up to ${SCHEMA_VERSION}); update the app`,
      'newer-format',
    );
  }
}

function migrate(db: Database, seen: number): void {
  if (seen >= SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated since we looked.
    const from = Number(db.pragma('user_version', { simple: true }));
    for (let version = from; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version] ?? '');
    if (from === 0) {
      db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', ?)").run(APPLICATION_MARKER);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
