import { COUNT_ROW_PREFIX } from './migrations/002-bounded-bookkeeping.js';
import type { StatementCache } from './statement-cache.js';

export interface TableInfo {
  table: string;
  /** Live records: what read and list can see. */
  count: number;
  /** Expired records still in the file (not yet purged). */
  expired: number;
  /**
   * `count` is the server's estimate of the table's rows, expired included (`expired` then 0): a server
   * lists a large table without counting it (docs/backends.md, "Counts in the sidebar").
   */
  estimated?: boolean;
}

export interface DatabaseInfo {
  database: string;
  tables: TableInfo[];
}

interface NamespaceRow {
  database: string;
  table: string;
  record_count: number;
  expired: number;
}

/** A namespace's record count, kept by triggers in its `sqlite_sequence` row (file format 2). */
export const RECORD_COUNT = `(SELECT seq FROM sqlite_sequence WHERE name = '${COUNT_ROW_PREFIX}' || namespaces.id)`;

// Expired records are counted through the partial expiry index, so neither figure scans the table.
const COUNTS = `
  SELECT database, "table", coalesce(${RECORD_COUNT}, 0) AS record_count,
    (SELECT count(*) FROM records WHERE ns = namespaces.id AND expires_at < ?) AS expired
  FROM namespaces ORDER BY database, "table"`;

const LIVE_COUNT = `
  SELECT coalesce(${RECORD_COUNT}, 0) - (SELECT count(*) FROM records WHERE ns = namespaces.id AND expires_at < ?)
  FROM namespaces WHERE id = ?`;

const KEPT_COUNT = `SELECT coalesce(${RECORD_COUNT}, 0) FROM namespaces WHERE id = ?`;

/** One table's records, live or expired, from its kept count. */
export function keptCount(statements: StatementCache, nsId: number): number {
  return statements.get<number>(KEPT_COUNT).pluck().get(nsId) ?? 0;
}

/** One table's live records, from its kept count less the expired ones (through the expiry index). */
export function liveCount(statements: StatementCache, nsId: number, now: number): number {
  return statements.get<number>(LIVE_COUNT).pluck().get(now, nsId) ?? 0;
}

/** Every database with its tables and counts, sorted by name (byte order). */
export function listDatabases(statements: StatementCache, now: number): DatabaseInfo[] {
  const databases: DatabaseInfo[] = [];
  for (const row of statements.get<NamespaceRow>(COUNTS).all(now)) {
    let current = databases.at(-1);
    if (current?.database !== row.database) {
      current = { database: row.database, tables: [] };
      databases.push(current);
    }
    current.tables.push({ table: row.table, count: row.record_count - row.expired, expired: row.expired });
  }
  return databases;
}
