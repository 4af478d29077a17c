import type { Filter } from '../../../electron/api/contract/schemas.js';
import { plural } from '../ui/format.js';
import { visibleKey } from '../ui/visible-key.js';

/** What the bulk actions act on: some keys, or every record the filter matches. */
export type BulkTarget = { kind: 'keys'; keys: string[] } | { kind: 'matching'; filter: Filter };

/** The selection as a target: "all matching" stays a filter (any size), never a list of keys. */
export function selectedTarget(all: boolean, filter: Filter, keys: () => string[]): BulkTarget {
  return all ? { kind: 'matching', filter } : { kind: 'keys', keys: keys() };
}

/** How many records a target holds; `matching` is the filter's count. */
export function targetCount(target: BulkTarget, matching: number): number {
  return target.kind === 'keys' ? target.keys.length : matching;
}

/** What the delete confirmation names: the key itself when there is one, else how many records. */
export function deletedWhat(target: BulkTarget, count: number): string {
  return target.kind === 'keys' && count === 1 ? visibleKey(target.keys[0] ?? '') : plural(count, 'record');
}
