/**
 * Pages are the calls a user waits on, and the same few statements again and again (a table, a filter's
 * shape, a direction). Sent unnamed, each is parsed and planned anew; named, each pooled connection prepares it
 * once and then only binds and runs it: measured at 1M rows, a first page of 100 in about half the time of the
 * same text sent unnamed (docs/benchmarks.md, "Postgres"). The name is the text's hash, so one name never
 * stands for two texts (pg refuses that), and the set of names is bounded by the statements' shapes. A limit
 * goes into the text as a literal, not a parameter: a reused plan must know it to choose the key index.
 */
import { createHash } from 'node:crypto';
import type { QueryResult, QueryResultRow } from 'pg';
import type { Queryable } from './pg-errors.js';

export function preparedQuery<R extends QueryResultRow>(
  db: Queryable,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  return db.query<R>({ name: statementName(text), text, values });
}

/** Names by text: a page's text comes back call after call, and a lookup costs a fraction of a SHA-1. */
const names = new Map<string, string>();
/** The shapes in use are a handful per table; a long session's many tables start the map over now and then. */
const MAX_NAMES = 1_000;

function statementName(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  if (names.size >= MAX_NAMES) names.clear();
  const name = `si_${createHash('sha1').update(text).digest('base64url')}`;
  names.set(text, name);
  return name;
}

/** A page's row limit as SQL text: a whole number, never a parameter (see above). */
export function limitLiteral(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`not a row limit: ${limit}`);
  return String(limit);
}
