import type { Statement } from './sqlite-driver.js';

/**
 * Whether the file has an index of this name (made on demand, like the sort and metadata indexes, or missing
 * from a file opened read-only at an older version). `prepare` is the caller's: a connection's or its cache's.
 */
export function indexExists(prepare: (sql: string) => Statement<unknown[], unknown>, name: string): boolean {
  return prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(name) !== undefined;
}
