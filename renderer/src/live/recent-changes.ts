import type { ChangeDto } from '../../../electron/api/contract/schemas.js';
import type { Namespace } from '../ui/namespace.js';

export type ChangeKind = ChangeDto['kind'];

/** How long a changed row stays highlighted. */
export const RECENT_MS = 5_000;
/** Keys remembered at most: a writer doing thousands of writes a second must not grow the map without end. */
const MAX_RECENT = 2_000;

/** Keys changed in the last few seconds, by `recentKey`: what changed and until when to show it. */
export type RecentChanges = ReadonlyMap<string, { kind: ChangeKind; until: number }>;

export const NO_RECENT: RecentChanges = new Map();

export function recentKey(database: string, table: string, key: string): string {
  return JSON.stringify([database, table, key]);
}

/** Adds the changes just learned, newest last; the oldest go first when there are too many. */
export function noteRecent(recent: RecentChanges, changes: readonly ChangeDto[], now: number): RecentChanges {
  const next = new Map(recent);
  for (const change of changes) {
    const key = recentKey(change.database, change.table, change.key);
    next.delete(key);
    next.set(key, { kind: change.kind, until: now + RECENT_MS });
  }
  for (const key of next.keys()) {
    if (next.size <= MAX_RECENT) break;
    next.delete(key);
  }
  return next;
}

/** Forgets what is no longer recent; the same map when nothing was. */
export function pruneRecent(recent: RecentChanges, now: number): RecentChanges {
  let next: Map<string, { kind: ChangeKind; until: number }> | undefined;
  for (const [key, entry] of recent) {
    if (entry.until > now) continue;
    next ??= new Map(recent);
    next.delete(key);
  }
  return next ?? recent;
}

/** How a grid row was changed lately: created or updated (a deleted row is no longer shown). */
export function recentKindOf(recent: RecentChanges, namespace: Namespace, key: string): ChangeKind | undefined {
  if (recent.size === 0) return undefined;
  return recent.get(recentKey(namespace.database, namespace.table, key))?.kind;
}
