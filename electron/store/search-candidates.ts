import { selectiveCandidates, termQuery, trigramQuery } from './key-index.js';
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
  const valueQuery = termQuery(filter.valueContains);
  return valueQuery === undefined ? undefined : selectiveValueCandidates(statements, valueQuery);
}
