/**
 * Turns what mysql2 throws into a sentence a user can act on: which server, what went wrong, what to do. The
 * sentences are the SQL backends' own (sql-tables/sql-errors.ts), so the session handles every server alike;
 * here are mysql2's codes and words.
 */
import { StoreInputError } from '../../store/types.js';
import { BackendUnavailableError, NETWORK_CODES as SOCKET_CODES, type UnavailableReason } from '../backend-errors.js';
import { missingDatabase, sqlUnavailable } from '../sql-tables/sql-errors.js';

const NETWORK_CODES: Readonly<Record<string, UnavailableReason>> = {
  ...SOCKET_CODES,
  PROTOCOL_CONNECTION_LOST: 'lost',
  // The server's own words for a session an administrator ended (KILL) or a shutdown.
  ER_CONNECTION_KILLED: 'lost',
  ER_SERVER_SHUTDOWN: 'lost',
  ER_QUERY_INTERRUPTED: 'lost',
  ER_ACCESS_DENIED_ERROR: 'auth-failed',
  ER_DBACCESS_DENIED_ERROR: 'auth-failed',
  ER_CON_COUNT_ERROR: 'refused',
};

/** Server errors that mean the record, not the server: the column cannot hold what was sent. */
const INPUT_CODES: Readonly<Record<string, string>> = {
  ER_DATA_TOO_LONG: "does not fit go-micro's MySQL column",
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: "holds characters the table's character set cannot store",
};

/** A BackendUnavailableError for a connection failure, a StoreInputError for a value the column refuses. */
export function explainMysqlError(error: unknown, where: string): unknown {
  if (!(error instanceof Error) || error instanceof BackendUnavailableError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'ER_BAD_DB_ERROR') {
    return missingDatabase('MySQL', /Unknown database '(.*)'/.exec(error.message)?.[1], where);
  }
  const reason = typeof code === 'string' ? NETWORK_CODES[code] : undefined;
  if (reason !== undefined || isClosedConnection(error, code)) {
    return sqlUnavailable('MySQL', where, reason ?? 'lost', error.message);
  }
  const input = typeof code === 'string' ? INPUT_CODES[code] : undefined;
  if (input !== undefined) return new StoreInputError(`the record ${input}: nothing was written (${error.message})`);
  return error;
}

/** mysql2's words for a query sent on a connection that already died. */
function isClosedConnection(error: Error, code: unknown): boolean {
  return code === undefined && /closed state|connection is closed|Connection lost/i.test(error.message);
}
