import type { StatementCache } from './statement-cache.js';

const INDEX_NAMED = "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?";

/**
 * Whether the file has an index of this name (made on demand, like the sort and metadata indexes, or missing
 * from a file opened read-only at an older version). Through the connection's cache: every sorted page asks,
 * and SQLite re-prepares the cached statement itself after a CREATE or DROP changes the schema.
 */
export function indexExists(statements: StatementCache, name: string): boolean {
  return statements.get(INDEX_NAMED).get(name) !== undefined;
}
