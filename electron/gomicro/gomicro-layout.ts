import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { compareKeys } from '../common/key-order.js';
import { StoreStateError } from '../store/types.js';

/**
 * Where go-micro's file store keeps a table: `<dir>/<database>/<table>.db` (store/file.go, getDB). We open
 * either the whole folder or one table file; for a file, its folder and file name are the only namespace.
 */
export type GoMicroLocation =
  | { kind: 'folder'; root: string }
  | { kind: 'file'; file: string; database: string; table: string };

export const TABLE_EXTENSION = '.db';

/** The namespace a lone table file stands for, from its path alone. */
export function fileNamespace(path: string): { database: string; table: string } {
  const abs = resolve(path);
  const name = basename(abs);
  const table = name.endsWith(TABLE_EXTENSION) ? name.slice(0, -TABLE_EXTENSION.length) : name;
  return { database: basename(dirname(abs)), table };
}

export function locateGoMicroStore(path: string): GoMicroLocation {
  const abs = resolve(path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(abs).isDirectory();
  } catch {
    throw new StoreStateError(`no go-micro store at ${abs}: the path does not exist`, 'missing-file');
  }
  return isDirectory ? { kind: 'folder', root: abs } : { kind: 'file', file: abs, ...fileNamespace(abs) };
}

/**
 * A database or table name becomes one path component in go-micro; a name that would climb out of the folder
 * or into another one (`..`, `a/b`) cannot name a table we should read, so it names no table at all.
 */
function isPathComponent(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** The file of a table, or null when the location cannot hold that namespace. */
export function tableFile(location: GoMicroLocation, database: string, table: string): string | null {
  if (location.kind === 'file') {
    return database === location.database && table === location.table ? location.file : null;
  }
  if (!isPathComponent(database) || !isPathComponent(table + TABLE_EXTENSION)) return null;
  return join(location.root, database, table + TABLE_EXTENSION);
}

function entries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

export function listTables(location: GoMicroLocation, database: string): string[] {
  if (location.kind === 'file') return database === location.database ? [location.table] : [];
  if (!isPathComponent(database)) return [];
  return entries(join(location.root, database))
    .filter((e) => e.isFile() && e.name.endsWith(TABLE_EXTENSION) && e.name.length > TABLE_EXTENSION.length)
    .map((e) => e.name.slice(0, -TABLE_EXTENSION.length))
    .sort(compareKeys);
}

export function listGoMicroDatabases(location: GoMicroLocation): string[] {
  if (location.kind === 'file') return [location.database];
  return entries(location.root)
    .filter((e) => e.isDirectory() && listTables(location, e.name).length > 0)
    .map((e) => e.name)
    .sort(compareKeys);
}
