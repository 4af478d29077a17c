/**
 * The one place that knows which better-sqlite3 binding this process can load.
 *
 * better-sqlite3 13.x ships Node-API prebuilds inside the package: they load in Electron and in
 * Node >= 22 with no compiler and no download, but crash Node 20. 12.11.1 (installed under the
 * alias `better-sqlite3-node20`) is compiled from source at install time against this Node's ABI,
 * so it loads in plain Node 20 and never in Electron. Everything else imports `openDatabase`.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { registerRegexp } from './metadata-conditions.js';

export type Database = BetterSqlite3.Database;
export type Statement<P extends unknown[] = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;
export type DatabaseOptions = BetterSqlite3.Options;
type DatabaseConstructor = typeof BetterSqlite3;

const require = createRequire(import.meta.url);

/** Which package the running process must use, by runtime. Exported for tests. */
export function bindingPackageFor(versions: NodeJS.ProcessVersions): string {
  if (versions.electron) return 'better-sqlite3';
  const major = Number(versions.node.split('.')[0]);
  return major >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20';
}

let cachedConstructor: DatabaseConstructor | undefined;

function loadConstructor(): DatabaseConstructor {
  cachedConstructor ??= require(bindingPackageFor(process.versions)) as DatabaseConstructor;
  return cachedConstructor;
}

/** A path, or the bytes of a database file to open in memory (better-sqlite3 deserializes a Buffer). */
export function openDatabase(path: string | Buffer, options?: DatabaseOptions): Database {
  const Sqlite = loadConstructor();
  const db = new Sqlite(path, options);
  registerRegexp(db);
  return db;
}
