/**
 * Turns what pg throws into a sentence a user can act on: which server, what went wrong, what to do.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import {
  BackendUnavailableError,
  NETWORK_CODES,
  UNAVAILABLE_ADVICE,
  type UnavailableReason,
} from '../backend-errors.js';

export { BackendUnavailableError };

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

const ADVICE = UNAVAILABLE_ADVICE;

/** A BackendUnavailableError for a connection failure, or the error itself when it is something else. */
export function explainPgError(error: unknown, where: string): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? (NETWORK_CODES[code] ?? SERVER_CODES[code]) : lostConnection(error.message);
  if (reason === undefined) return error;
  return new BackendUnavailableError(`Postgres at ${where} ${ADVICE[reason]} (${error.message})`, reason);
}

function lostConnection(message: string): UnavailableReason | undefined {
  if (/Cannot use a pool after calling end/i.test(message)) return 'closed';
  return /Connection terminated|connection timeout/i.test(message) ? 'lost' : undefined;
}
