import { isExpired } from '../common/expiry.js';
import { PREVIEW_BYTES } from '../common/page-limits.js';
import type { CountOptions, RecordFilter } from '../store/record-filter.js';
import type { PageQuery, RecordPage, RecordSummary } from '../store/record-page.js';
import { compileFilter } from './gomicro-filter.js';
import { eachMatch, goMicroRevisionOf, type Match, recordOf } from './gomicro-matching.js';
import type { GoMicroTable } from './gomicro-table.js';

/** What a read needs besides the query: the clock, and the file's mtime (bbolt keeps no per-record time). */
export interface ReadContext {
  now: number;
  updatedAt: number;
}

/**
 * One page of summaries by keyset, either order. The walk starts with a seek (for a prefix, an `after`, or
 * from the last key for descending order), so a page costs what its records cost plus what the filter skips:
 * a key, suffix or expiry test per skipped record, a JSON parse per skipped record with a metadata condition.
 */
export function readGoMicroPage(table: GoMicroTable, query: PageQuery, context: ReadContext): RecordPage {
  const filter = compileFilter(query.filter, context.now);
  const after = query.after === undefined ? null : Buffer.from(query.after, 'utf8');
  const range = { prefix: filter.prefix, after, order: query.order };
  return table.read((snapshot, data) => {
    const records: RecordSummary[] = [];
    let more = false;
    eachMatch(snapshot, data, filter, range, (match) => {
      // One match past the page says whether there is a next page.
      if (records.length === query.limit) {
        more = true;
        return false;
      }
      records.push(toSummary(match, snapshot.file, context));
      return true;
    });
    return { records, next: more ? (records.at(-1)?.key ?? null) : null };
  });
}

/** Every matching record counted: a walk of the range (the whole table without a prefix). */
export function countGoMicroMatching(
  table: GoMicroTable,
  filter: RecordFilter,
  now: number,
  options: CountOptions = {},
) {
  const compiled = compileFilter(filter, now);
  const range = { prefix: compiled.prefix, after: null, order: 'asc' as const };
  const before = options.before === undefined ? undefined : Buffer.from(options.before, 'utf8');
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  return table.read((snapshot, data) => {
    let count = 0;
    eachMatch(snapshot, data, compiled, range, (match) => {
      // Keys come in ascending byte order: the first one at or past `before` ends the count.
      if (before !== undefined && Buffer.compare(match.entry.key, before) >= 0) return false;
      count++;
      return count < limit;
    });
    return count;
  });
}

function toSummary(match: Match, file: string, context: ReadContext): RecordSummary {
  const record = recordOf(match, file);
  return {
    key: record.key,
    size: record.value.length,
    preview: record.value.subarray(0, PREVIEW_BYTES),
    metadata: record.metadata,
    expiresAt: match.expiresAt,
    expired: isExpired(match.expiresAt, context.now),
    updatedAt: context.updatedAt,
    revision: goMicroRevisionOf(match.entry),
  };
}
