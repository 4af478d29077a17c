import { randomUUID } from 'node:crypto';
import type { Database } from './sqlite-driver.js';
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

/**
 * How long a watcher's lease keeps every writer logging after its last renewal, and how much of it
 * may be left before a renewal. A watcher that crashed stops costing writers after at most LEASE_MS.
 */
export const WATCH_LEASE_MS = 30_000;
const RENEW_WHEN_LEFT_MS = 20_000;

const SINCE = `
  SELECT seq, database, "table", key, kind, at FROM changes JOIN namespaces ON namespaces.id = changes.ns
  WHERE seq > ? ORDER BY seq LIMIT ?`;
const LATEST = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)";
const WATCHED = 'SELECT EXISTS (SELECT 1 FROM watchers WHERE until >= ?)';
const RENEW = 'INSERT INTO watchers (id, until) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET until = excluded.until';
const FORGET_STALE = 'DELETE FROM watchers WHERE until < ?';
const RELEASE = 'DELETE FROM watchers WHERE id = ?';

/** Changes after `seq`, oldest first; the log is written by triggers, whatever process wrote. */
export function changesSince(statements: StatementCache, seq: number, limit: number): Change[] {
  return statements.get<Change>(SINCE).all(seq, limit);
}

export function latestChange(statements: StatementCache): number {
  return statements.get<number>(LATEST).pluck().get() ?? 0;
}

/** True while some inspector holds a lease: only then do writers log their changes. */
export function isWatched(statements: StatementCache, now: number): boolean {
  return statements.get<number>(WATCHED).pluck().get(now) === 1;
}

/**
 * One watcher's lease on the change log. While it is renewed, every writer (any process) logs its
 * changes; once it lapses, writers stop paying for a log nobody reads.
 */
export class WatchLease {
  private readonly id = randomUUID();
  private until = 0;

  /**
   * Renews when little of the lease is left. Never waits for another writer (a poll must not
   * freeze behind an import): when the file is busy, the next poll tries again.
   */
  renew(db: Database, statements: StatementCache, now: number): void {
    if (this.until - now > RENEW_WHEN_LEFT_MS) return;
    const until = now + WATCH_LEASE_MS;
    const timeout = db.pragma('busy_timeout', { simple: true });
    db.pragma('busy_timeout = 0');
    try {
      db.transaction(() => {
        statements.get(FORGET_STALE).run(now);
        statements.get(RENEW).run(this.id, until);
      }).immediate();
      this.until = until;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
    } finally {
      db.pragma(`busy_timeout = ${Number(timeout)}`);
    }
  }

  release(statements: StatementCache): void {
    if (this.until === 0) return;
    statements.get(RELEASE).run(this.id);
    this.until = 0;
  }
}
