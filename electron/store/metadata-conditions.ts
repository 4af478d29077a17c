import {
  conditionOf,
  containsNeedle,
  fieldEqualityOf,
  type MetadataCondition,
  type MetadataFieldMatch,
  type MetadataMatch,
  typedJsonTexts,
} from '../common/metadata-query.js';
import type { Database } from './sqlite-driver.js';

/**
 * Metadata query conditions (docs/metadata-queries.md) as SQLite WHERE conditions. A top-level equality is
 * compiled by the caller's `fieldEquality`, which knows the store's metadata indexes; everything else reads
 * the field with SQLite's JSON functions at a path built from the segments (each one a quoted label, so dots,
 * quotes and spaces in a name stay part of it).
 */

interface SqlCondition {
  sql: string;
  params: unknown[];
}

export function metadataSqlConditions(
  matches: readonly MetadataMatch[],
  fieldEquality: (match: MetadataFieldMatch) => SqlCondition,
): SqlCondition[] {
  return matches.map((match) => {
    const equality = fieldEqualityOf(match);
    return equality === undefined ? conditionSql(conditionOf(match)) : fieldEquality(equality);
  });
}

/** `$."a"."b"`: SQLite reads a quoted label with JSON escapes, so any segment is one object key. */
export function jsonPathOf(path: readonly string[]): string {
  return `$${path.map((segment) => `.${JSON.stringify(segment)}`).join('')}`;
}

const NUMERIC = "json_type(metadata, ?) IN ('integer', 'real')";
const TEXT = "json_type(metadata, ?) = 'text'";

function conditionSql({ path, op, value = '' }: MetadataCondition): SqlCondition {
  const at = jsonPathOf(path);
  switch (op) {
    case 'exists':
      return { sql: 'json_type(metadata, ?) IS NOT NULL', params: [at] };
    case 'missing':
      return { sql: 'json_type(metadata, ?) IS NULL', params: [at] };
    case 'eq':
      return { sql: '(metadata -> ?) IN (?, ?)', params: [at, ...typedJsonTexts(value)] };
    case 'ne':
      // A missing field is "not equal" too: ne is exactly the negation of eq.
      return { sql: 'coalesce((metadata -> ?) IN (?, ?), 0) = 0', params: [at, ...typedJsonTexts(value)] };
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return { sql: `${NUMERIC} AND json_extract(metadata, ?) ${COMPARISONS[op]} ?`, params: [at, at, Number(value)] };
    case 'contains':
      // As bytes, because SQLite's text functions stop at a NUL that a string may hold.
      return {
        sql: `${TEXT} AND instr(CAST(json_extract(metadata, ?) AS BLOB), ?) > 0`,
        params: [at, at, Buffer.from(containsNeedle(value), 'utf8')],
      };
    case 'regex':
      return { sql: `${TEXT} AND regexp(?, json_extract(metadata, ?))`, params: [at, value, at] };
  }
}

const COMPARISONS = { lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** Compiled patterns by their `/source/flags` text: a page evaluates one pattern on many records. */
const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 64;

function patternOf(literal: string): RegExp {
  let pattern = patterns.get(literal);
  if (pattern !== undefined) return pattern;
  const end = literal.lastIndexOf('/');
  pattern = new RegExp(literal.slice(1, end), literal.slice(end + 1));
  if (patterns.size >= MAX_PATTERNS) patterns.clear();
  patterns.set(literal, pattern);
  return pattern;
}

/**
 * `regexp(pattern, text)`: JavaScript's RegExp inside SQLite, which has no regular expressions of its own
 * (its REGEXP operator calls a function of this name). Registered on every connection openDatabase makes;
 * the pattern was checked at parse time and over the contract.
 */
export function registerRegexp(db: Database): void {
  db.function('regexp', { deterministic: true }, (literal: unknown, text: unknown) =>
    typeof literal === 'string' && typeof text === 'string' && patternOf(literal).test(text) ? 1 : 0,
  );
}

/**
 * Key contains, ignoring case: ASCII letters only (SQLite's lower() folds A-Z and nothing else), so `É`
 * and `é` stay different here as in every other backend. Compared as bytes, like the case-sensitive test.
 */
export function asciiFoldedContains(needle: string): SqlCondition {
  return { sql: 'instr(CAST(lower(key) AS BLOB), ?) > 0', params: [Buffer.from(asciiLower(needle), 'utf8')] };
}

export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
