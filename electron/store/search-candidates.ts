import { selectiveCandidates, trigramQuery } from './key-index.js';
import type { RecordFilter, SqlCondition } from './record-filter.js';
import type { StatementCache } from './statement-cache.js';
import { selectiveValueCandidates } from './value-index.js';

/**
 * The few record ids a filter's key or value condition narrows to through a trigram index, or
 * undefined when neither index names few enough (the caller then walks the records in key order).
 * The key index goes first: keys are shorter, so its candidates are cheaper to check.
 */
export function searchCandidates(statements: StatementCache, filter: RecordFilter): SqlCondition | undefined {
  const keyQuery = trigramQuery(filter);
  const byKey = keyQuery === undefined ? undefined : selectiveCandidates(statements, keyQuery);
  if (byKey !== undefined) return byKey;
  const valueQuery = valuePhrase(filter.valueContains);
  return valueQuery === undefined ? undefined : selectiveValueCandidates(statements, valueQuery);
}

/**
 * The value as one FTS5 phrase: its trigrams one after another, so the index (which keeps positions) names
 * only the values that hold the term, case folded. Undefined for a term shorter than a trigram.
 */
function valuePhrase(term: string | undefined): string | undefined {
  if (term === undefined || Array.from(term).length < 3 || term.includes('\0')) return undefined;
  return `"${term.replaceAll('"', '""')}"`;
}
