import { type MetadataFieldMatch, type MetadataMatch, typedJsonTexts } from '../common/metadata-query.js';
import { prefixUpperBound } from './key-order.js';
import { asciiFoldedContains, asciiLower, metadataSqlConditions } from './metadata-conditions.js';
import { metadataPath, metadataValueSql } from './metadata-index.js';

export type { MetadataMatch } from '../common/metadata-query.js';

/** Which records a filter keeps by expiry. `all` includes expired records that are not yet purged. */
export type ExpiryState = 'live' | 'has-ttl' | 'no-ttl' | 'expired' | 'all';

/** The inspector's filters; they combine (every given condition must hold). */
export interface RecordFilter {
  prefix?: string;
  suffix?: string;
  contains?: string;
  /** How `contains` compares: `insensitive` folds ASCII letters only (docs/metadata-queries.md). */
  containsCase?: 'sensitive' | 'insensitive';
  /** Records whose value holds these bytes (the text's UTF-8), anywhere in it. */
  valueContains?: string;
  /** How `valueContains` compares: `insensitive` folds ASCII letters only, as `containsCase` does. */
  valueCase?: 'sensitive' | 'insensitive';
  metadata?: MetadataMatch[];
  expiry?: ExpiryState;
  /** With `has-ttl` (or `live`): only records that expire within this many ms. */
  expiringWithinMs?: number;
}

/** A count that stops early (`limit`: exact up to it) or counts only the keys before one (a row's position). */
export interface CountOptions {
  limit?: number;
  /** Count only matching keys strictly before this one in ascending byte order. */
  before?: string;
}

/** True when a filter keeps every live record: its count is the table's kept count. */
export function isWholeTable(filter: RecordFilter): boolean {
  return matchesAnyKey(filter) && (filter.expiry ?? 'live') === 'live' && filter.expiringWithinMs === undefined;
}

/** True when a filter has no key or metadata condition (it may still choose by expiry). */
export function matchesAnyKey({ prefix, suffix, contains, valueContains, metadata }: RecordFilter): boolean {
  return !prefix && !suffix && !contains && !valueContains && (metadata ?? []).length === 0;
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** WHERE conditions for a filter within one namespace, evaluated at `now`. */
export function filterConditions(nsId: number, filter: RecordFilter, now: number): SqlCondition[] {
  return [
    { sql: 'ns = ?', params: [nsId] },
    ...prefixConditions(filter.prefix ?? ''),
    ...suffixConditions(filter.suffix ?? ''),
    ...containsConditions(filter.contains ?? '', filter.containsCase),
    ...valueContainsConditions(filter.valueContains ?? '', filter.valueCase),
    ...metadataSqlConditions(filter.metadata ?? [], metadataCondition),
    ...expiryConditions(filter.expiry ?? 'live', filter.expiringWithinMs, now),
  ];
}

export function prefixConditions(prefix: string): SqlCondition[] {
  if (prefix === '') return [];
  const upper = prefixUpperBound(prefix);
  if (upper === undefined) return [{ sql: 'key >= ?', params: [prefix] }];
  return [{ sql: 'key >= ? AND key < ?', params: [prefix, upper] }];
}

/** Compared as bytes, because SQLite's text functions stop at a NUL that a key may hold. */
export function suffixConditions(suffix: string): SqlCondition[] {
  if (suffix === '') return [];
  const bytes = Buffer.from(suffix, 'utf8');
  return [{ sql: 'substr(CAST(key AS BLOB), ?) = ?', params: [-bytes.length, bytes] }];
}

function containsConditions(needle: string, caseMode = 'sensitive'): SqlCondition[] {
  if (needle === '') return [];
  if (caseMode === 'insensitive') return [asciiFoldedContains(needle)];
  return [{ sql: 'instr(CAST(key AS BLOB), ?) > 0', params: [Buffer.from(needle, 'utf8')] }];
}

/** As bytes, like key contains: a value may be any bytes, NULs included (lower() keeps them all). */
function valueContainsConditions(needle: string, caseMode = 'sensitive'): SqlCondition[] {
  if (needle === '') return [];
  if (caseMode === 'insensitive')
    return [{ sql: 'instr(CAST(lower(value) AS BLOB), ?) > 0', params: [Buffer.from(asciiLower(needle), 'utf8')] }];
  return [{ sql: 'instr(CAST(value AS BLOB), ?) > 0', params: [Buffer.from(needle, 'utf8')] }];
}

/**
 * `->>` (the field's SQL value) narrows through the field's index when it has one; where SQL
 * values are ambiguous (1 is also true, a string may spell an object's JSON text) `->` (the JSON
 * text, compared with the texts the typed value may mean) then decides exactly.
 */
function metadataCondition({ field, value }: MetadataFieldMatch): SqlCondition {
  const texts = typedJsonTexts(value);
  const exact = { sql: '(metadata -> ?) IN (?, ?)', params: [metadataPath(field), ...texts] };
  const sqlValues = metadataSqlValues(value);
  if (sqlValues === undefined) return exact;
  const narrow = {
    sql: `${metadataValueSql(field)} ${sqlValues.length === 1 ? '= ?' : `IN (${sqlValues.map(() => '?').join(', ')})`}`,
    params: sqlValues,
  };
  return sqlValues.some(isAmbiguousSqlValue) ? whereClause([narrow, exact]) : narrow;
}

/**
 * The SQL values (`->>`: true/false as 1/0) a record's field may have to match the typed value;
 * undefined for null, which `->>` cannot tell from a missing field.
 */
export function metadataSqlValues(typed: string): unknown[] | undefined {
  const values = [...new Set(typedJsonTexts(typed).map((text) => JSON.parse(text) as unknown))];
  if (values.includes(null)) return undefined;
  return values.map((parsed) => (typeof parsed === 'boolean' ? Number(parsed) : parsed));
}

/**
 * SQL values `->>` also gives for other JSON: a number for true/false and for other spellings of
 * the number (2.50), a text for an object's or array's JSON.
 */
export function isAmbiguousSqlValue(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\s*[[{]/.test(value));
}

export function liveCondition(now: number): SqlCondition {
  return { sql: '(expires_at IS NULL OR expires_at >= ?)', params: [now] };
}

function expiryConditions(state: ExpiryState, withinMs: number | undefined, now: number): SqlCondition[] {
  const within =
    withinMs === undefined ? [] : [{ sql: 'expires_at IS NOT NULL AND expires_at <= ?', params: [now + withinMs] }];
  switch (state) {
    case 'all':
      return within;
    case 'expired':
      return [{ sql: 'expires_at < ?', params: [now] }];
    case 'no-ttl':
      return [{ sql: 'expires_at IS NULL', params: [] }];
    case 'has-ttl':
      return [{ sql: 'expires_at >= ?', params: [now] }, ...within];
    default:
      return [liveCondition(now), ...within];
  }
}

export function whereClause(conditions: SqlCondition[]): SqlCondition {
  return {
    sql: conditions.map((condition) => condition.sql).join(' AND '),
    params: conditions.flatMap((condition) => condition.params),
  };
}
