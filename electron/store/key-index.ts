import type { SqlCondition } from './record-filter.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The trigram index of keys (FTS5) makes "key contains" and "key ends with" fast without a scan.
 * Keeping it in triggers would cost every writer over half its speed, so it is filled behind the
 * writers instead: it covers the records with id <= the watermark, and the few newer ids are
 * scanned directly. Ids only grow (AUTOINCREMENT) and keys never change in place, so an indexed
 * id always carries the key it was indexed with. The index is contentless (it holds trigrams and
 * ids, never keys), so entries of deleted records linger harmlessly: a candidate id is joined to
 * the records and checked against its key.
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

/**
 * Indexes up to `maxRows` of the records written since the last call; returns how many it indexed.
 * Never waits: it looks for work without a lock first, and gives up at once (0) when another
 * connection holds the write lock. Waiting would block this process's event loop for the busy
 * timeout, and indexing can always happen on a later call.
 */
export function indexPendingKeys(db: Database, statements: StatementCache, maxRows: number): number {
  if (pendingKeyCount(statements, 1) === 0) return 0;
  return upkeepTransaction(db, () => {
    const from = keyIndexWatermark(statements);
    const ids = statements.get<number>(INDEX_CHUNK).pluck().all(from, maxRows);
    if (ids.length > 0) statements.get(SET_WATERMARK).run(String(Math.max(...ids)));
    return ids.length;
  });
}

/**
 * Runs index upkeep in a write transaction that never waits: 0 when another connection holds the
 * write lock (waiting would block this process's event loop for the busy timeout).
 */
export function upkeepTransaction(db: Database, work: () => number): number {
  const busyTimeout = db.pragma('busy_timeout', { simple: true });
  db.pragma('busy_timeout = 0');
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return 0;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${Number(busyTimeout)}`);
  }
}

/** How many records the index does not cover yet, counted up to `cap`. */
export function pendingKeyCount(statements: StatementCache, cap: number, watermark = keyIndexWatermark(statements)) {
  const sql = 'SELECT count(*) FROM (SELECT 1 FROM records WHERE id > ? LIMIT ?)';
  return statements.get<number>(sql).pluck().get(watermark, cap) ?? 0;
}

/** Index terms use at most this many trigrams: fewer still find every match, the check does the rest. */
const MAX_TRIGRAMS = 8;

/**
 * An FTS5 query for the keys that hold every trigram of the term (contains), or of the suffix:
 * a superset of the matches, narrowed by the filter's own exact check. Undefined when the term is
 * shorter than a trigram, which the index cannot help with.
 */
export function trigramQuery(filter: {
  contains?: string;
  containsCase?: string;
  suffix?: string;
}): string | undefined {
  return termQuery(
    usableTerm(filter.containsCase === 'insensitive' ? '' : filter.contains) ?? usableTerm(filter.suffix),
  );
}

/** An FTS5 query for the texts that hold every trigram of a term (undefined when it has none). */
export function termQuery(term: string | undefined): string | undefined {
  if (term === undefined || !usableTerm(term)) return undefined;
  const characters = Array.from(term);
  const trigrams = new Set<string>();
  for (let index = 0; index + 3 <= characters.length; index++)
    trigrams.add(characters.slice(index, index + 3).join(''));
  // Spread the chosen trigrams over the term so that its whole length narrows the candidates.
  const all = [...trigrams];
  const step = Math.max(1, all.length / MAX_TRIGRAMS);
  const chosen = Array.from(
    { length: Math.min(all.length, MAX_TRIGRAMS) },
    (_, index) => all[Math.floor(index * step)] ?? '',
  );
  return chosen.map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(' AND ');
}

function usableTerm(term: string | undefined): string | undefined {
  return term !== undefined && Array.from(term).length >= 3 && !term.includes('\0') ? term : undefined;
}

/**
 * The candidate ids for an index query when they are few enough to fetch and sort, else undefined
 * (then scanning keys in order finds a page sooner). The count is capped, so deciding is cheap.
 */
export function selectiveCandidates(statements: StatementCache, query: string): SqlCondition | undefined {
  const watermark = keyIndexWatermark(statements);
  const probe = `SELECT count(*) FROM (SELECT 1 FROM ${MATCHING} LIMIT ?)`;
  const indexed =
    statements
      .get<number>(probe)
      .pluck()
      .get(query, CANDIDATE_LIMIT + 1) ?? 0;
  if (indexed > CANDIDATE_LIMIT) return undefined;
  if (indexed + pendingKeyCount(statements, CANDIDATE_LIMIT + 1, watermark) > CANDIDATE_LIMIT) return undefined;
  return {
    sql: `SELECT rowid AS id FROM ${MATCHING} UNION ALL SELECT id FROM records WHERE id > ?`,
    params: [query, watermark],
  };
}

const MATCHING = 'records_key_trigrams WHERE records_key_trigrams MATCH ?';
