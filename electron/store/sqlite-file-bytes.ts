/**
 * Reads what a SQLite file is from its bytes alone, without SQLite: opening a file with SQLite (even
 * read-only) creates `-wal` and `-shm` files beside a WAL-mode database, so a file that turns out to be
 * foreign or of a newer format must be judged before SQLite touches it. Only the file header and the
 * schema table (sqlite_schema, rooted at page 1) are read; see https://sqlite.org/fileformat2.html.
 */
import { readSync } from 'node:fs';

export const SQLITE_HEADER_SIZE = 100;

export interface SqliteHeader {
  pageSize: number;
  /** Bytes of each page that hold data (the page size less the reserved tail). */
  usableSize: number;
  /** The page count the header states; trusted only when `pageCountValid`. */
  pageCount: number;
  pageCountValid: boolean;
  /** Journal mode WAL (the file format version bytes are 2). */
  walMode: boolean;
  userVersion: number;
  /** 1 = UTF-8; 2 and 3 = UTF-16. */
  textEncoding: number;
}

export function parseSqliteHeader(head: Buffer): SqliteHeader {
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pageCount = head.readUInt32BE(28);
  return {
    pageSize,
    usableSize: pageSize - head.readUInt8(20),
    pageCount,
    // The page count is only trusted when its "valid for" counter matches the change counter (SQLite 3.7+).
    pageCountValid: head.readUInt32BE(24) === head.readUInt32BE(92) && pageCount > 0,
    walMode: head.readUInt8(18) === 2 || head.readUInt8(19) === 2,
    userVersion: head.readUInt32BE(60),
    textEncoding: head.readUInt32BE(56),
  };
}

const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;
/** A schema spread over more pages than this (8 MiB at 4 KiB pages) is left to SQLite to judge. */
const MAX_SCHEMA_PAGES = 2_000;

/**
 * The names of the tables in sqlite_schema, read from the main file; undefined when the bytes are not
 * what a well-formed file holds (the caller then lets SQLite judge, which says "damaged" precisely).
 */
export function schemaTableNames(fd: number, header: SqliteHeader, fileSize: number): string[] | undefined {
  if (header.textEncoding !== 1 && header.textEncoding !== 0) return undefined;
  const lastPage = Math.floor(fileSize / header.pageSize);
  const names: string[] = [];
  const pending = [1];
  for (let visited = 0; pending.length > 0; visited++) {
    const pageNumber = pending.pop() ?? 0;
    if (visited >= MAX_SCHEMA_PAGES || pageNumber < 1 || pageNumber > lastPage) return undefined;
    const page = readPage(fd, pageNumber, header.pageSize);
    const entries = pageEntries(page, pageNumber === 1 ? SQLITE_HEADER_SIZE : 0, header.usableSize);
    if (entries === undefined) return undefined;
    pending.push(...entries.children);
    names.push(...entries.tables);
  }
  return names;
}

function readPage(fd: number, pageNumber: number, pageSize: number): Buffer {
  const page = Buffer.alloc(pageSize);
  const read = readSync(fd, page, 0, pageSize, (pageNumber - 1) * pageSize);
  return page.subarray(0, read);
}

/** One b-tree page of sqlite_schema: the child pages of an interior page, or the tables a leaf lists. */
function pageEntries(page: Buffer, at: number, usableSize: number) {
  if (page.length < usableSize || at + 12 > page.length) return undefined;
  const type = page[at];
  if (type !== LEAF_TABLE && type !== INTERIOR_TABLE) return undefined;
  const cells = page.readUInt16BE(at + 3);
  const pointers = at + (type === LEAF_TABLE ? 8 : 12);
  if (pointers + cells * 2 > usableSize) return undefined;
  const children: number[] = [];
  const tables: string[] = [];
  for (let cell = 0; cell < cells; cell++) {
    const offset = page.readUInt16BE(pointers + cell * 2);
    if (offset + 4 > usableSize) return undefined;
    if (type === INTERIOR_TABLE) {
      children.push(page.readUInt32BE(offset));
      continue;
    }
    const entry = schemaEntry(page, offset, usableSize);
    if (entry === undefined) return undefined;
    if (entry.type === 'table') tables.push(entry.name);
  }
  if (type === INTERIOR_TABLE) children.push(page.readUInt32BE(at + 8));
  return { children, tables };
}

/** The first two columns (type, name) of a schema row; undefined unless both lie on this page. */
function schemaEntry(page: Buffer, offset: number, usableSize: number): { type: string; name: string } | undefined {
  const payload = readVarint(page, offset);
  const rowid = readVarint(page, offset + payload.length);
  const start = offset + payload.length + rowid.length;
  const end = Math.min(start + localPayload(payload.value, usableSize), usableSize);
  const header = readVarint(page, start);
  const typeSerial = readVarint(page, start + header.length);
  const nameSerial = readVarint(page, start + header.length + typeSerial.length);
  const typeLength = textLength(typeSerial.value);
  const nameLength = textLength(nameSerial.value);
  const body = start + header.value;
  if (typeLength === undefined || nameLength === undefined || body + typeLength + nameLength > end) return undefined;
  return {
    type: page.toString('utf8', body, body + typeLength),
    name: page.toString('utf8', body + typeLength, body + typeLength + nameLength),
  };
}

/** How much of a cell's payload sits on its page (the rest is on overflow pages), for a table leaf. */
function localPayload(payload: number, usableSize: number): number {
  const maxLocal = usableSize - 35;
  if (payload <= maxLocal) return payload;
  const minLocal = Math.floor(((usableSize - 12) * 32) / 255) - 23;
  const local = minLocal + ((payload - minLocal) % (usableSize - 4));
  return local <= maxLocal ? local : minLocal;
}

/** A record's text column: serial types 13, 15, 17… hold (N - 13) / 2 bytes. */
function textLength(serial: number): number | undefined {
  return serial >= 13 && serial % 2 === 1 ? (serial - 13) / 2 : undefined;
}

/** SQLite's big-endian varint (1 to 9 bytes); values here are small, so a Number holds them. */
function readVarint(bytes: Buffer, at: number): { value: number; length: number } {
  let value = 0;
  for (let index = 0; index < 9; index++) {
    const byte = bytes[at + index] ?? 0;
    if (index === 8) return { value: value * 256 + byte, length: 9 };
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return { value, length: index + 1 };
  }
  return { value, length: 9 };
}
