import type { Filter } from '../../../electron/api/contract/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { Namespace } from '../ui/namespace.js';

/** Whatever the user typed to split keys into levels (`/`, `:`, `::`, `.`); never empty. */
export type Delimiter = string;

/** One level of the key tree: the branches (prefixes ending in the delimiter) and the keys that end here. */
export interface KeyLevel {
  branches: string[];
  leaves: string[];
  /** More entries exist than were read. */
  more: boolean;
}

const PAGE = 50;
const MAX_ENTRIES = 100;
/** The highest code point: after `branch + LAST`, the next key lies outside the branch. */
const LAST = String.fromCodePoint(0x10ffff);

/**
 * The grid's filter narrowed to keys under `prefix` (the longer prefix wins when one extends the other);
 * undefined when no key can be under both. The server narrows the branch counts the same way.
 */
export function narrowToPrefix(filter: Filter, prefix: string): Filter | undefined {
  const own = filter.prefix ?? '';
  if (prefix.startsWith(own)) return { ...filter, prefix };
  if (own.startsWith(prefix)) return filter;
  return undefined;
}

/**
 * Lists a level by skip-scanning in key order: a page of keys, then past the whole branch its last
 * key falls in. A branch of a million keys costs one request, not a million rows. Only the keys the
 * grid's filter matches are listed, so the tree and the grid show the same records.
 */
export async function readKeyLevel(
  client: ApiClient,
  namespace: Namespace,
  prefix: string,
  delimiter: Delimiter,
  filter: Filter = {},
): Promise<KeyLevel> {
  const level: KeyLevel = { branches: [], leaves: [], more: false };
  const narrowed = narrowToPrefix(filter, prefix);
  if (narrowed === undefined || delimiter === '') return level;
  let after: string | undefined;
  while (level.branches.length + level.leaves.length < MAX_ENTRIES) {
    const page = await client.call('records.page', { ...namespace, filter: narrowed, limit: PAGE, after });
    let last: string | undefined;
    for (const { key } of page.records) {
      const branch = branchOf(key, prefix, delimiter);
      if (branch === undefined) level.leaves.push(key);
      else if (level.branches.at(-1) !== branch) level.branches.push(branch);
      last = branch === undefined ? key : branch + LAST;
    }
    if (page.next === null || last === undefined) return level;
    after = last;
  }
  level.more = true;
  return level;
}

/** The branch a key belongs to below `prefix`, or undefined when the key ends at this level. */
export function branchOf(key: string, prefix: string, delimiter: Delimiter): string | undefined {
  if (delimiter === '') return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
