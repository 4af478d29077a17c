/**
 * Turns what pg throws into a sentence a user can act on: which server, what went wrong, what to do. The
 * sentences are the SQL backends' own (sql-tables/sql-errors.ts); here are pg's codes and words.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import { BackendUnavailableError, NETWORK_CODES, type UnavailableReason } from '../backend-errors.js';
import { missingDatabase, sqlUnavailable } from '../sql-tables/sql-errors.js';

/** What both a pool and a checked-out client offer: the queries here run on either. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** A named statement: each connection parses and plans it once, then reuses it (pg-prepared.ts). */
  query<R extends QueryResultRow>(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult<R>>;
}

/** Postgres SQLSTATEs that mean the server, not the query: a refused login, a shutdown, a start-up. */
const SERVER_CODES: Readonly<Record<string, UnavailableReason>> = {
  '28000': 'auth-failed',
  '28P01': 'auth-failed',
  '57P01': 'lost',
  '57P02': 'lost',
  '57P03': 'refused',
};

/** What a Postgres server within reach says when the URL's database is not one of its own (invalid_catalog_name). */
const NO_SUCH_DATABASE = '3D000';

/** A BackendUnavailableError for a connection failure, or the error itself when it is something else. */
export function explainPgError(error: unknown, where: string): unknown {
  if (!(error instanceof Error) || error instanceof BackendUnavailableError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === NO_SUCH_DATABASE) {
    return missingDatabase('Postgres', /database "(.*)" does not exist/.exec(error.message)?.[1], where);
  }
  const reason = typeof code === 'string' ? (NETWORK_CODES[code] ?? SERVER_CODES[code]) : lostConnection(error.message);
  return reason === undefined ? error : sqlUnavailable('Postgres', where, reason, error.message);
}

function lostConnection(message: string): UnavailableReason | undefined {
  if (/Cannot use a pool after calling end/i.test(message)) return 'closed';
  // pg's words when connectionTimeoutMillis passed before the server answered: nothing was ever sent.
  if (/connection timeout|timeout exceeded when trying to connect/i.test(message)) return 'timeout';
  return /Connection terminated/i.test(message) ? 'lost' : undefined;
}
