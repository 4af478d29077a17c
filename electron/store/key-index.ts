import type { SqlCondition } from './record-filter.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The trigram index of keys (FTS5) makes "key contains" and "key ends with" fast without a scan.
 * Keeping it in triggers would cost every writer over half its speed, so it is filled behind the
 * writers instead: it covers the records with id <= the watermark, and the few newer ids are
 * scanned directly. Ids only grow (AUTOINCREMENT) and keys never change in place, so an indexed
 * id always carries the key it was indexed with; entries of deleted records linger harmlessly,
 * because every candidate is checked against the record itself.
 */

/** Below this many candidates, fetching and sorting them beats scanning keys in order. */
export const CANDIDATE_LIMIT = 5_000;

const WATERMARK = "SELECT CAST(value AS INTEGER) FROM store_inspector WHERE name = 'key_index_watermark'";
const SET_WATERMARK = "UPDATE store_inspector SET value = ? WHERE name = 'key_index_watermark'";
const INDEX_CHUNK = `INSERT INTO records_key_trigrams (rowid, key)
  SELECT id, key FROM records WHERE id > ? ORDER BY id LIMIT ? RETURNING rowid`;

export function keyIndexWatermark(statements: StatementCache): number {
  return statements.get<number>(WATERMARK).pluck().get() ?? 0;
}

/** Indexes up to `maxRows` of the records written since the last call; returns how many it indexed. */
export function indexPendingKeys(db: Database, statements: StatementCache, maxRows: number): number {
  return db
    .transaction(() => {
      const from = keyIndexWatermark(statements);
      const ids = statements.get<number>(INDEX_CHUNK).pluck().all(from, maxRows);
      if (ids.length > 0) statements.get(SET_WATERMARK).run(String(Math.max(...ids)));
      return ids.length;
    })
    .immediate();
}

/** How many records the index does not cover yet, counted up to `cap`. */
export function pendingKeyCount(statements: StatementCache, cap: number, watermark = keyIndexWatermark(statements)) {
  const sql = 'SELECT count(*) FROM (SELECT 1 FROM records WHERE id > ? LIMIT ?)';
  return statements.get<number>(sql).pluck().get(watermark, cap) ?? 0;
}

/**
 * A GLOB pattern the index can answer, or undefined. FTS5 uses its index only for a run of 3 or
 * more characters free of GLOB's special ones; for any other pattern it would scan every row of
 * the records table, which is what the scan in key order does better. GLOB also stops at a NUL.
 */
export function trigramPattern(filter: { contains?: string; suffix?: string }): string | undefined {
  const usable = (term: string | undefined) =>
    term !== undefined && !term.includes('\0') && TRIGRAM_RUN.test(term);
  if (usable(filter.contains)) return `*${escapeGlob(filter.contains ?? '')}*`;
  if (usable(filter.suffix)) return `*${escapeGlob(filter.suffix ?? '')}`;
  return undefined;
}

const TRIGRAM_RUN = /[^*?[\]]{3}/u;

/**
 * The candidate ids for a pattern when they are few enough to fetch and sort, else undefined
 * (then scanning keys in order finds a page sooner). The count is capped, so deciding is cheap.
 */
export function selectiveCandidates(statements: StatementCache, pattern: string): SqlCondition | undefined {
  const watermark = keyIndexWatermark(statements);
  const probe = 'SELECT count(*) FROM (SELECT 1 FROM records_key_trigrams WHERE key GLOB ? LIMIT ?)';
  const indexed =
    statements
      .get<number>(probe)
      .pluck()
      .get(pattern, CANDIDATE_LIMIT + 1) ?? 0;
  if (indexed > CANDIDATE_LIMIT) return undefined;
  if (indexed + pendingKeyCount(statements, CANDIDATE_LIMIT + 1, watermark) > CANDIDATE_LIMIT) return undefined;
  return {
    // UNION, not UNION ALL: should the index ever answer from the records themselves, no id comes twice.
    sql: 'SELECT rowid AS id FROM records_key_trigrams WHERE key GLOB ? UNION SELECT id FROM records WHERE id > ?',
    params: [pattern, watermark],
  };
}

function escapeGlob(term: string): string {
  return term.replace(/[*?[]/g, (char) => `[${char}]`);
}
