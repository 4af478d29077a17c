/**
 * One pool per opened Postgres store. pg's pool reconnects by itself after a server restart; the idle-client
 * error it emits must be listened to, or a server going down would crash the whole process.
 */
import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { explainPgError } from './pg-errors.js';

export function openPgPool(target: ServerTarget): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.secretUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max: 4,
  });
  // The next query reports the failure with its own error; an idle client's error has no one to tell.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work`, turning a connection failure into a BackendUnavailableError that names the server. */
export async function explained<T>(target: ServerTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainPgError(error, `${target.host}:${target.port}`);
  }
}
