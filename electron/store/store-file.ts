import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readOnlyReasonFor } from './file-access.js';
import { describeNonRegularFile, statIfPresent } from './file-kind.js';
import { APPLICATION_MARKER, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { type Database, openDatabase } from './sqlite-driver.js';
import { parseSqliteHeader, SQLITE_HEADER_SIZE, type SqliteHeader, schemaTableNames } from './sqlite-file-bytes.js';
import { StoreStateError } from './types.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const BUSY_TIMEOUT_MS = 5_000;
export const CACHE_KIB = -65_536;
/** Above this, a store that SQLite cannot open in place (see openReadOnlyCopy) is refused rather than copied. */
const MAX_MEMORY_COPY_BYTES = 1024 * 1024 * 1024;

export interface OpenedStoreFile {
  db: Database;
  /** True when asked for, or when the file cannot be written (then `readOnlyReason` says why). */
  readOnly: boolean;
  readOnlyReason: string | undefined;
}

/** How a checked file is to be opened. */
interface OpenPlan {
  readOnly: boolean;
  readOnlyReason: string | undefined;
  /** SQLite cannot read it in place without creating files it may not create: read a copy in memory. */
  inMemory: boolean;
}

/**
 * Opens a store file after proving it is ours (or new), so that a foreign or broken file is refused
 * before a single byte of it could change: every check here reads; nothing writes (not even a `-wal` or
 * `-shm` file beside it) until the file is known to be a Store Inspector store or an empty one. A store
 * the user cannot write opens read-only, with the reason.
 */
export function openStoreFile(path: string, readOnly: boolean): OpenedStoreFile {
  const plan: OpenPlan =
    path === ':memory:' ? { readOnly, readOnlyReason: undefined, inMemory: false } : planOpening(path, readOnly);
  const db = plan.inMemory
    ? openReadOnlyCopy(path)
    : openDatabase(path, { readonly: plan.readOnly, fileMustExist: plan.readOnly });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // 64 MiB of page cache (SQLite's default is 2 MiB): a million keys' index stays in memory.
    db.pragma(`cache_size = ${CACHE_KIB}`);
    if (prepareSchema(db, path, plan.readOnly) === 'older') return openUpgradedCopy(db, path, plan);
    return { db, readOnly: plan.readOnly, readOnlyReason: plan.readOnlyReason };
  } catch (error) {
    db.close();
    throw explainOpenError(error, path);
  }
}

/**
 * A store of an older format opened read-only: the file may not be upgraded, so what the connection sees
 * (the file and its `-wal`) is copied into memory, upgraded there, and read from the copy. The copy does not
 * follow later writes; the reason says so and how to get a live view.
 */
function openUpgradedCopy(file: Database, path: string, plan: OpenPlan): OpenedStoreFile {
  if (statSync(path).size > MAX_MEMORY_COPY_BYTES) {
    throw new StoreStateError(
      `${path} uses an older store format and is too large to upgrade in memory; open it once for writing to upgrade it`,
      'newer-format',
    );
  }
  const bytes = file.serialize();
  file.close();
  const copy = openDatabase(asRollbackJournalFile(bytes));
  migrate(copy, Number(copy.pragma('user_version', { simple: true })));
  const reason =
    plan.readOnlyReason ?? 'it uses an older store format; shown from an upgraded copy that does not follow changes';
  return {
    db: copy,
    readOnly: true,
    readOnlyReason: `${reason} (open it once for writing to upgrade the file itself)`,
  };
}

/** SQLite's own words for a damaged or unreachable file become a message about the file. */
function explainOpenError(error: unknown, path: string): unknown {
  const code = String((error as { code?: unknown }).code ?? '');
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new StoreStateError(`${path} is a damaged SQLite file (${reason}); it was left unchanged`, 'corrupt-file');
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreStateError(
      `${path} cannot be opened: SQLite could not create or write the files it keeps beside it (${reason}); ` +
        'check that you may write the file and its folder, or copy it somewhere you can',
      'read-only',
    );
  }
  return error;
}

function planOpening(path: string, readOnly: boolean): OpenPlan {
  const stat = statIfPresent(path);
  const fresh = { readOnly, readOnlyReason: undefined, inMemory: false };
  if (stat === undefined) {
    if (readOnly)
      throw new StoreStateError(`${path} does not exist (a read-only store is never created)`, 'missing-file');
    refuseUnwritable(path, 'does not exist, and cannot be created');
    return fresh;
  }
  if (stat.isDirectory()) throw new StoreStateError(`${path} is a folder, not a store file`, 'foreign-file');
  if (!stat.isFile()) throw new StoreStateError(`${path} ${describeNonRegularFile(stat)}`, 'foreign-file');
  if (stat.size === 0) {
    if (readOnly) throw new StoreStateError(`${path} is empty: there is no store to read`, 'missing-file');
    refuseUnwritable(path, 'is empty (a new store), but cannot be written');
    return fresh;
  }
  const header = inspectStoreFile(path);
  const readOnlyReason = readOnly ? undefined : readOnlyReasonFor(path);
  const opensReadOnly = readOnly || readOnlyReason !== undefined;
  return { readOnly: opensReadOnly, readOnlyReason, inMemory: opensReadOnly && cannotReadInPlace(path, header) };
}

/** A new store must be created: there is nothing to read, so a file or folder we cannot write is an error. */
function refuseUnwritable(path: string, what: string): void {
  const reason = readOnlyReasonFor(path);
  if (reason !== undefined) throw new StoreStateError(`${path} ${what}: ${reason}`, 'read-only');
}

/**
 * A WAL-mode file needs a `-shm` file beside it, even to be read. Where there is none and the folder
 * cannot take one (read-only media, another user's folder), SQLite cannot open it in place.
 */
function cannotReadInPlace(path: string, header: SqliteHeader): boolean {
  return header.walMode && !existsSync(`${path}-shm`) && readOnlyReasonFor(`${path}-shm`) !== undefined;
}

/**
 * Reads the whole file into memory and opens that copy: the only way SQLite reads a WAL-mode file
 * without a `-shm` it may create. The copy is marked as a rollback-journal file (SQLite's in-memory
 * databases have no WAL); changes a crashed writer left in a `-wal` file are not in it.
 */
function openReadOnlyCopy(path: string): Database {
  const size = statSync(path).size;
  if (size > MAX_MEMORY_COPY_BYTES) {
    throw new StoreStateError(
      `${path} cannot be read where it is (SQLite needs to create ${path}-shm beside it, and that folder cannot be written); ` +
        'copy it to a folder you can write and open the copy',
      'read-only',
    );
  }
  return openDatabase(asRollbackJournalFile(readFileSync(path)), { readonly: true });
}

/** An in-memory database has no WAL: the copy's header must say "rollback journal" (bytes 18 and 19). */
function asRollbackJournalFile(bytes: Buffer): Buffer {
  bytes[18] = 1;
  bytes[19] = 1;
  return bytes;
}

/**
 * Reads the file's header and schema table from its bytes and refuses it when it is not a store we can
 * open: not SQLite, cut short, another application's, or of a newer format. Opened non-blocking, so a
 * file swapped for a pipe after the stat cannot hang the open.
 */
function inspectStoreFile(path: string): SqliteHeader {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new StoreStateError(`${path} ${describeNonRegularFile(stat)}`, 'foreign-file');
    const head = Buffer.alloc(SQLITE_HEADER_SIZE);
    const length = readSync(fd, head, 0, SQLITE_HEADER_SIZE, 0);
    checkSqliteMagic(path, head.subarray(0, length), stat.size);
    const header = parseSqliteHeader(head);
    // With a journal beside it, the main file alone is not the database: SQLite reads both, and judges.
    if (hasJournalBeside(path)) return header;
    checkPageCount(path, header, stat.size);
    const tables = schemaTableNames(fd, header, stat.size);
    if (tables !== undefined) checkIdentityFromBytes(path, header, tables);
    return header;
  } finally {
    closeSync(fd);
  }
}

function hasJournalBeside(path: string): boolean {
  return (statIfPresent(`${path}-wal`)?.size ?? 0) > 0 || existsSync(`${path}-journal`);
}

function checkSqliteMagic(path: string, head: Buffer, size: number): void {
  if (!head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new StoreStateError(`${path} is not a SQLite database: ${describeForeignBytes(head)}`, 'foreign-file');
  }
  if (head.length < SQLITE_HEADER_SIZE) {
    throw new StoreStateError(
      `${path} is a truncated SQLite file (${size} bytes, shorter than its header)`,
      'corrupt-file',
    );
  }
}

/**
 * Only without a WAL beside it: a checkpoint (or a writer killed during one, or a full disk) leaves a
 * header that already counts pages still to be copied from the WAL, and SQLite reads such a file whole.
 */
function checkPageCount(path: string, header: SqliteHeader, size: number): void {
  if (header.pageCountValid && size < header.pageSize * header.pageCount) {
    throw new StoreStateError(
      `${path} is a truncated SQLite file: ${size} bytes, but its header says ${header.pageCount} pages of ${header.pageSize} bytes`,
      'corrupt-file',
    );
  }
}

function checkIdentityFromBytes(path: string, header: SqliteHeader, tables: string[]): void {
  if (tables.length === 0) return;
  if (!tables.includes('store_inspector')) throw foreignFileError(path, [...tables].sort());
  if (header.userVersion > SCHEMA_VERSION) throw newerFormatError(path, header.userVersion);
}

/**
 * Says what a non-SQLite file is, so the person knows what they picked, and never what it holds: a
 * message may be shown, logged or sent anywhere, and the file may be a key file.
 */
export function describeForeignBytes(head: Buffer): string {
  if (head.length >= 20 && head.readUInt32LE(16) === 0xed0cdaed) {
    return 'it is a bbolt file (a go-micro file store), which opens read-only as a go-micro store';
  }
  const sample = head.subarray(0, 64);
  const printable = sample.every((byte) => byte === 9 || byte === 10 || byte === 13 || byte >= 32);
  if (!printable) return 'it is a binary file of another kind (it does not start with "SQLite format 3")';
  const first = sample.toString('latin1').trimStart()[0];
  if (first === '{' || first === '[') return 'it is a JSON text file (to bring records in from it, use import)';
  return 'it is a text file';
}

/** Checks and, when writable, upgrades the schema; 'older' when a read-only file needs an upgrade it cannot have. */
function prepareSchema(db: Database, path: string, readOnly: boolean): 'ready' | 'older' {
  const version = Number(db.pragma('user_version', { simple: true }));
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).sort();
  const isNew = version === 0 && tables.length === 0;
  if (!isNew) checkIdentity(db, path, version, tables);
  if (readOnly) {
    if (isNew) throw new StoreStateError(`${path} is an empty database: there is no store to read`, 'missing-file');
    return version < SCHEMA_VERSION ? 'older' : 'ready';
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return 'ready';
}

function checkIdentity(db: Database, path: string, version: number, tables: string[]): void {
  const marker = tables.includes('store_inspector')
    ? (db.prepare("SELECT value FROM store_inspector WHERE name = 'format'").pluck().get() as string | undefined)
    : undefined;
  if (marker !== APPLICATION_MARKER) throw foreignFileError(path, tables);
  if (version > SCHEMA_VERSION) throw newerFormatError(path, version);
}

/** Names the tables (schema names, not data) so the person can tell which application's file it is. */
function foreignFileError(path: string, tables: string[]): StoreStateError {
  const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  return new StoreStateError(
    `${path} is a SQLite database of another application (tables: ${listed || 'none'}); Store Inspector opens only its own stores and left it unchanged`,
    'foreign-file',
  );
}

function newerFormatError(path: string, version: number): StoreStateError {
  return new StoreStateError(
    `${path} was written by a newer Store Inspector (format ${version}, this one reads up to ${SCHEMA_VERSION}); update the app`,
    'newer-format',
  );
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
