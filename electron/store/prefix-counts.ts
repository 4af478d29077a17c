import type { RecordFilter } from './record-filter.js';
import { countMatching } from './record-page.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The filter narrowed to keys starting with `prefix`: the longer prefix wins when one extends the other;
 * undefined when the two cannot both hold (no key matches).
 */
export function narrowToPrefix(filter: RecordFilter, prefix: string): RecordFilter | undefined {
  const own = filter.prefix ?? '';
  if (prefix.startsWith(own)) return { ...filter, prefix };
  if (own.startsWith(prefix)) return filter;
  return undefined;
}

/**
 * How many records match the filter under each prefix, in the order asked. One read transaction: the counts
 * all come from one state of the file, whoever writes meanwhile.
 */
export function countPrefixes(
  db: Database,
  statements: StatementCache,
  nsId: number,
  prefixes: readonly string[],
  filter: RecordFilter,
  now: number,
): number[] {
  return db.transaction(() =>
    prefixes.map((prefix) => {
      const narrowed = narrowToPrefix(filter, prefix);
      return narrowed === undefined ? 0 : countMatching(statements, nsId, narrowed, now);
    }),
  )();
}
