/**
 * What Postgres and MySQL say alike when a connection fails: the advice for each reason, a database the server
 * does not hold, and what is kept of a write in flight. Each backend maps only its own driver's codes and
 * words onto these (pg-errors.ts, my-errors.ts).
 */
import {
  BackendUnavailableError,
  CONNECT_TIMEOUT_ADVICE,
  UNAVAILABLE_ADVICE,
  type UnavailableReason,
} from '../backend-errors.js';

/** The server as sentences name it. */
export type SqlServer = 'Postgres' | 'MySQL';

const ADVICE: Readonly<Record<UnavailableReason, string>> = { ...UNAVAILABLE_ADVICE, timeout: CONNECT_TIMEOUT_ADVICE };

/** What either server keeps of a write in flight when the connection goes: it rolls back what was not committed. */
export const SQL_LOST_WRITE = 'nothing of the unfinished write was kept';

/** A connection failure in a sentence that names the server and keeps the driver's own words. */
export function sqlUnavailable(
  server: SqlServer,
  where: string,
  reason: UnavailableReason,
  message: string,
): BackendUnavailableError {
  return new BackendUnavailableError(`${server} at ${where} ${ADVICE[reason]} (${message})`, reason);
}

/**
 * The server answered, but holds no database by the URL's name (`name`, when its message gave it): which one,
 * and where, not an internal fault.
 */
export function missingDatabase(server: SqlServer, name: string | undefined, where: string): BackendUnavailableError {
  const what = name === undefined ? "the URL's database does not exist" : `database ${name} does not exist`;
  return new BackendUnavailableError(
    `${server}: ${what} on ${where}: check the name in the URL's path, or create it (CREATE DATABASE)`,
    'refused',
  );
}
