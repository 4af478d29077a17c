import { type Coverage, coverage, indexWatermark, pendingIds, uncoveredCount, uncoveredIds } from './index-coverage.js';
import { clearPending } from './index-pending.js';
import { MAX_INDEXED_TEXT, METADATA_WATERMARK } from './migrations/003-metadata-values.js';
import { NEXT_ID_RANGE } from './record-sql.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The index of every record's top-level metadata values (`metadata_values`), filled behind the
 * writers like the key index (docs/file-format.md, "Metadata values"). It is exact for the records
 * index-coverage.ts vouches for; the rest (newer records, and the indexed ones whose metadata changed
 * or that were deleted since) are read from the records.
 */

const SET_WATERMARK = `UPDATE store_inspector SET value = ? WHERE name = '${METADATA_WATERMARK}'`;

/** A record's scalar top-level values as `->>` gives them (true/false as 1/0); long texts are left out. */
const VALUES_OF = `
  SELECT records.id, field.key, records.ns, field.value, records.key FROM records, json_each(records.metadata) AS field
  WHERE records.metadata IS NOT NULL AND json_valid(records.metadata)
    AND field.type IN ('text', 'integer', 'real', 'true', 'false')
    AND (field.type != 'text' OR length(field.value) <= ${MAX_INDEXED_TEXT})`;

const INDEX_NEW = `INSERT OR REPLACE INTO metadata_values (id, field, ns, value, key) ${VALUES_OF}
  AND records.id > ? AND records.id <= ?`;
const INDEX_ONE = `INSERT OR REPLACE INTO metadata_values (id, field, ns, value, key) ${VALUES_OF} AND records.id = ?`;
const PENDING_IDS = 'SELECT id FROM index_pending WHERE metadata ORDER BY id LIMIT ?';

/**
 * Indexes up to `maxRows` records written or changed since the last call: first the indexed ones a
 * writer changed or deleted (their entries are rebuilt from the record, or dropped), then new ones.
 * Runs in the caller's write transaction; returns how many records it covered.
 */
export function indexPendingMetadata(statements: StatementCache, maxRows: number): number {
  const pending = statements.get<number>(PENDING_IDS).pluck().all(maxRows);
  for (const id of pending) {
    statements.get('DELETE FROM metadata_values WHERE id = ?').run(id);
    statements.get(INDEX_ONE).run(id);
  }
  clearPending(statements, pending, 'metadata');
  const left = maxRows - pending.length;
  if (left <= 0) return pending.length;
  const from = indexWatermark(statements, 'metadata');
  const chunk = statements.get<{ upto: number | null; rows: number }>(NEXT_ID_RANGE).get(from, left);
  if (chunk === undefined || chunk.upto === null) return pending.length;
  statements.get(INDEX_NEW).run(from, chunk.upto);
  statements.get(SET_WATERMARK).run(String(chunk.upto));
  return pending.length + chunk.rows;
}

/** Above this many uncovered records, reading them costs more than the scan the index saves. */
const MAX_UNCOVERED = 5_000;

/** An equality the index can answer: the field and the SQL values (`->>`) the typed value may be. */
export interface MetadataLookup {
  field: string;
  values: unknown[];
  covered: Coverage;
}

/**
 * The lookup a filter's first metadata match can use, or undefined when the index cannot help: a
 * null value or a long text (not indexed), a field with an index of its own (made by indexMetadata),
 * or an index that is too far behind the writers.
 */
export function metadataLookup(
  statements: StatementCache,
  match: { field: string; values: unknown[] | undefined } | undefined,
  indexedFields: () => string[],
): MetadataLookup | undefined {
  if (match?.values === undefined) return undefined;
  if (match.values.some((value) => typeof value === 'string' && value.length > MAX_INDEXED_TEXT)) return undefined;
  if (indexedFields().includes(match.field)) return undefined;
  const covered = coverage(statements, 'metadata');
  if (uncoveredCount(statements, 'metadata', covered, MAX_UNCOVERED + 1) > MAX_UNCOVERED) return undefined;
  return { field: match.field, values: match.values, covered };
}

/**
 * The parts of a query through the index, each a FROM clause over `records` with its parameters:
 * one per value (the index's entries, in key order, joined to their records), then the uncovered
 * records. The parts are disjoint; the caller's WHERE conditions still apply to every record.
 */
export function lookupSources(
  lookup: MetadataLookup,
  nsId: number,
): { sql: string; params: unknown[]; orderBy: string }[] {
  const entries = vouchedEntries(lookup);
  const indexed = lookup.values.map((value) => ({
    sql: `(SELECT id AS entry_id, key AS entry_key FROM metadata_values WHERE ns = ? AND field = ? AND value = ?
        AND ${entries.sql}) AS entry
      CROSS JOIN records ON records.ns = ? AND records.key = entry.entry_key AND records.id = entry.entry_id WHERE`,
    params: [nsId, lookup.field, value, ...entries.params, nsId],
    orderBy: 'entry.entry_key',
  }));
  const uncoveredSql = uncoveredIds('metadata', lookup.covered, 'uncovered_id');
  const uncovered = {
    // CROSS JOIN: from the few uncovered ids, never a walk of every key checking each id.
    sql: `(${uncoveredSql.sql}) AS uncovered
      CROSS JOIN records ON records.id = uncovered.uncovered_id WHERE`,
    params: uncoveredSql.params,
    orderBy: 'records.key',
  };
  return [...indexed, uncovered];
}

/**
 * The condition on an entry's `id` that it is one the index vouches for (index-coverage.ts): the entries of
 * the other records are stale or too new, and those records are read instead.
 */
export function vouchedEntries({ covered }: MetadataLookup, id = 'id'): { sql: string; params: unknown[] } {
  const pending = pendingIds('metadata', covered);
  return { sql: `${id} <= ? AND ${id} NOT IN (${pending.sql})`, params: [covered.upTo, ...pending.params] };
}
