import type { Backend } from '../backends/backend.js';
import { MAX_PAGE_SIZE } from '../common/page-limits.js';
import type { Namespace } from '../store/namespaces.js';
import type { RecordFilter } from '../store/record-filter.js';
import { UsageError } from './cli-context.js';

export type KeyOrder = 'asc' | 'desc';

export const ORDER_HELP = '--order asc|desc     keys in ascending (default) or descending byte order';

export function parseOrder(text: string | undefined): KeyOrder {
  if (text === undefined || text === 'asc' || text === 'desc') return text ?? 'asc';
  throw new UsageError(`--order must be asc or desc, not ${JSON.stringify(text)}`);
}

export interface KeyWindow {
  offset?: number | undefined;
  limit?: number | undefined;
}

/**
 * Live keys matching `filter` in `order`, after skipping `offset`, at most `limit`, read through the
 * inspector's keyset pages (a page costs the same wherever it starts). go-micro's Store reads only in
 * ascending order; descending is the inspector's own.
 */
export async function keysInOrder(
  backend: Backend,
  namespace: Namespace,
  filter: RecordFilter,
  order: KeyOrder,
  { offset = 0, limit = Number.POSITIVE_INFINITY }: KeyWindow,
): Promise<string[]> {
  const keys: string[] = [];
  let skip = offset;
  let after: string | undefined;
  while (keys.length < limit) {
    const pageSize = Math.min(MAX_PAGE_SIZE, skip + limit - keys.length);
    const page = await backend.reading.page(namespace, { filter, order, limit: pageSize, after });
    const taken = page.records.slice(skip).map((record) => record.key);
    skip = Math.max(0, skip - page.records.length);
    keys.push(...taken.slice(0, limit - keys.length));
    if (page.next === null) break;
    after = page.next;
  }
  return keys;
}
