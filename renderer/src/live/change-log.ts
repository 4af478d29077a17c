import type { ChangeDto } from '../../../electron/api/contract/schemas.js';
import type { ChangeKind } from './recent-changes.js';

/** Changes kept for the Changes panel; older ones are dropped (and counted). */
export const MAX_LISTED = 5_000;

/** The changes listed since the window opened, oldest first, and how many happened but are not listed. */
export interface ChangeLog {
  changes: readonly ChangeDto[];
  unlisted: number;
}

export const EMPTY_LOG: ChangeLog = { changes: [], unlisted: 0 };

/** Appends changes (oldest first), keeping the newest MAX_LISTED; `missed` were never fetched. */
export function appendChanges(log: ChangeLog, incoming: readonly ChangeDto[], missed: number): ChangeLog {
  const all = log.changes.concat(incoming);
  const dropped = Math.max(0, all.length - MAX_LISTED);
  return { changes: dropped === 0 ? all : all.slice(dropped), unlisted: log.unlisted + missed + dropped };
}

export type KindChoice = ChangeKind | 'any';

export interface ChangeFilter {
  text: string;
  kind: KindChoice;
}

export const NO_CHANGE_FILTER: ChangeFilter = { text: '', kind: 'any' };

export const KIND_LABELS: Record<ChangeKind, string> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  expired: 'expired',
};

/** The newest changes that pass the filter, newest first, at most `limit` of them. */
export function visibleChanges(log: ChangeLog, filter: ChangeFilter, limit: number): ChangeDto[] {
  const text = filter.text.toLowerCase();
  const shown: ChangeDto[] = [];
  for (let index = log.changes.length - 1; index >= 0 && shown.length < limit; index--) {
    const change = log.changes[index];
    if (change === undefined) continue;
    if (filter.kind !== 'any' && change.kind !== filter.kind) continue;
    if (text !== '' && !change.key.toLowerCase().includes(text)) continue;
    shown.push(change);
  }
  return shown;
}

/** A deleted or expired record is gone: opening it shows that it no longer exists. */
export function isGone(change: ChangeDto): boolean {
  return change.kind === 'delete' || change.kind === 'expired';
}

const recordId = (change: ChangeDto) => JSON.stringify([change.database, change.table, change.key]);

/**
 * Which entries name a record that is gone now: its latest change in the log deleted or expired it. An older
 * "created" or "updated" entry of a key deleted since is gone too, not a way to a record that is still there.
 */
export function goneNow(changes: readonly ChangeDto[]): (change: ChangeDto) => boolean {
  const latest = new Map<string, ChangeDto>();
  for (const change of changes) latest.set(recordId(change), change);
  return (change) => {
    const last = latest.get(recordId(change));
    return isGone(last ?? change);
  };
}
