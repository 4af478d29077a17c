import type { StatementCache } from './statement-cache.js';

export type ChangeKind = 'create' | 'update' | 'delete' | 'expired';

export interface Change {
  seq: number;
  database: string;
  table: string;
  key: string;
  kind: ChangeKind;
  /** ms since the epoch. */
  at: number;
}

/** How many change rows the log keeps; older ones are pruned by whoever writes through this Store. */
export const CHANGE_LOG_LIMIT = 50_000;

const SINCE = `
  SELECT seq, database, "table", key, kind, at FROM changes JOIN namespaces ON namespaces.id = changes.ns
  WHERE seq > ? ORDER BY seq LIMIT ?`;
const LATEST = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)";
const PRUNE = 'DELETE FROM changes WHERE seq <= ?';

/** Changes after `seq`, oldest first; the log is written by triggers, whatever process wrote. */
export function changesSince(statements: StatementCache, seq: number, limit: number): Change[] {
  return statements.get<Change>(SINCE).all(seq, limit);
}

export function latestChange(statements: StatementCache): number {
  return statements.get<number>(LATEST).pluck().get() ?? 0;
}

export function pruneChanges(statements: StatementCache): void {
  const latest = latestChange(statements);
  if (latest > CHANGE_LOG_LIMIT) statements.get(PRUNE).run(latest - CHANGE_LOG_LIMIT);
}
