import { coverage, indexWatermark, uncoveredCount, uncoveredIds } from './index-coverage.js';
import { clearPending } from './index-pending.js';
import { CANDIDATE_LIMIT } from './key-index.js';
import { VALUE_WATERMARK } from './migrations/005-value-index.js';
import type { SqlCondition } from './record-filter.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The trigram index of values (`records_value_trigrams`), filled behind the writers like the key
 * index (docs/file-format.md, "Value index"). Only UTF-8 text up to MAX_INDEXED_VALUE bytes is
 * indexed; other covered values are listed in `value_unindexed`. A search's candidates are the index's
 * matches plus every record it cannot vouch for (unindexed, and those index-coverage.ts names): a
 * superset that the filter's exact test on each value narrows.
 */

/** Longer values are scanned instead: their trigrams would cost more file than the scan saves. */
export const MAX_INDEXED_VALUE = 64 * 1024;

const SET_WATERMARK = `UPDATE store_inspector SET value = ? WHERE name = '${VALUE_WATERMARK}'`;
// The value is read only when it may be indexed, so a chunk never loads a large value into memory.
const VALUE_OF = `CASE WHEN length(CAST(value AS BLOB)) <= ${MAX_INDEXED_VALUE} THEN CAST(value AS BLOB) END AS value`;
const NEW_CHUNK = `SELECT id, ${VALUE_OF} FROM records WHERE id > ? ORDER BY id LIMIT ?`;
const ONE_RECORD = `SELECT id, ${VALUE_OF} FROM records WHERE id = ?`;
const PENDING_IDS = 'SELECT id FROM index_pending WHERE value ORDER BY id LIMIT ?';
const INSERT_TRIGRAMS = 'INSERT INTO records_value_trigrams (rowid, value) VALUES (?, ?)';
const INSERT_UNINDEXED = 'INSERT OR IGNORE INTO value_unindexed (id) VALUES (?)';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Indexes up to `maxRows` records: first the indexed ones whose value changed, then new ones. Runs
 * in the caller's write transaction; returns how many records it covered.
 */
export function indexPendingValues(statements: StatementCache, maxRows: number): number {
  const pending = statements.get<number>(PENDING_IDS).pluck().all(maxRows);
  for (const id of pending) {
    statements.get('DELETE FROM records_value_trigrams WHERE rowid = ?').run(id);
    statements.get('DELETE FROM value_unindexed WHERE id = ?').run(id);
    const row = statements.get<ValueRow>(ONE_RECORD).get(id);
    if (row !== undefined) indexValue(statements, row);
  }
  clearPending(statements, pending, 'value');
  const left = maxRows - pending.length;
  if (left <= 0) return pending.length;
  const rows = statements.get<ValueRow>(NEW_CHUNK).all(indexWatermark(statements, 'value'), left);
  for (const row of rows) indexValue(statements, row);
  const last = rows.at(-1);
  if (last !== undefined) statements.get(SET_WATERMARK).run(String(last.id));
  return pending.length + rows.length;
}

interface ValueRow {
  id: number;
  value: Buffer | null;
}

function indexValue(statements: StatementCache, { id, value }: ValueRow): void {
  const text = value === null ? undefined : indexableText(value);
  if (text === undefined) statements.get(INSERT_UNINDEXED).run(id);
  else statements.get(INSERT_TRIGRAMS).run(id, text);
}

/** The value as text when it is UTF-8 without a NUL (where SQLite's text handling would stop). */
function indexableText(value: Buffer): string | undefined {
  if (value.includes(0)) return undefined;
  try {
    return utf8.decode(value);
  } catch {
    return undefined;
  }
}

const MATCHING = 'records_value_trigrams WHERE records_value_trigrams MATCH ?';

/**
 * The candidate ids for a value search when they are few enough to fetch and sort, else undefined
 * (then walking the records in key order finds a page of matches sooner). Every count is capped.
 */
export function selectiveValueCandidates(statements: StatementCache, query: string): SqlCondition | undefined {
  const capped = (sql: string, ...params: unknown[]) =>
    statements
      .get<number>(`SELECT count(*) FROM (SELECT 1 FROM ${sql} LIMIT ?)`)
      .pluck()
      .get(...params, CANDIDATE_LIMIT + 1) ?? 0;
  let total = capped(MATCHING, query);
  if (total > CANDIDATE_LIMIT) return undefined;
  total += capped('value_unindexed');
  if (total > CANDIDATE_LIMIT) return undefined;
  const covered = coverage(statements, 'value');
  total += uncoveredCount(statements, 'value', covered, CANDIDATE_LIMIT + 1);
  if (total > CANDIDATE_LIMIT) return undefined;
  const uncovered = uncoveredIds('value', covered);
  return {
    // UNION (not ALL): a pending id may also be an index match.
    sql: `SELECT rowid AS id FROM ${MATCHING} UNION SELECT id FROM value_unindexed UNION ${uncovered.sql}`,
    params: [query, ...uncovered.params],
  };
}
