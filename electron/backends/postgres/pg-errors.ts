/**
 * Turns what pg throws into a sentence a user can act on: which server, what went wrong, what to do.
 */
import type { QueryResult, QueryResultRow } from 'pg';

/** What both a pool and a checked-out client offer: the queries here run on either. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

export type UnavailableReason = 'refused' | 'unreachable' | 'auth-failed' | 'lost' | 'timeout' | 'closed';

export class BackendUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: UnavailableReason,
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

const NETWORK_CODES: Readonly<Record<string, UnavailableReason>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'lost',
  EPIPE: 'lost',
};

/** Postgres SQLSTATEs that mean the server, not the query: a refused login, a shutdown, a start-up. */
const SERVER_CODES: Readonly<Record<string, UnavailableReason>> = {
  '28000': 'auth-failed',
  '28P01': 'auth-failed',
  '57P01': 'lost',
  '57P02': 'lost',
  '57P03': 'refused',
};

const ADVICE: Readonly<Record<UnavailableReason, string>> = {
  refused: 'refused the connection: is the server running and listening on that port?',
  unreachable: 'cannot be reached: check the host name and the network',
  timeout: 'did not answer in time: check the host, port and firewall',
  lost: 'dropped the connection (a restart or an administrator): nothing of the unfinished write was kept; try again',
  'auth-failed': `refused the login: check the user and the password (in the URL or STORE_INSPECTOR_PASSWORD)`,
  closed: 'is no longer open here (the store was closed): open it again',
};

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
