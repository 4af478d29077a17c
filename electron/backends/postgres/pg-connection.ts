/**
 * One pool per opened Postgres store. pg's pool reconnects by itself after a server restart; the idle-client
 * error it emits must be listened to, or a server going down would crash the whole process.
 */
import pg from 'pg';
import { CONNECT_TIMEOUT_MS } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { type ExpectedServer, isMySqlGreeting, KindCheckedSocket } from '../sql-tables/foreign-server.js';
import { explainPgError } from './pg-errors.js';

/**
 * A Postgres server's first byte: an authentication request (R), an error (E) or a protocol downgrade (v)
 * after our start-up message; alone, its answer to a TLS or GSS request (S, N, G); a TLS record under direct
 * TLS (0x16). Not a MySQL greeting, whose length byte may be any of those letters.
 */
const POSTGRES: ExpectedServer = {
  name: 'Postgres',
  defaultPort: 5432,
  answersAs: (first) => {
    if (isMySqlGreeting(first)) return false;
    const code = String.fromCharCode(first[0] ?? 0);
    if (code === 'S' || code === 'N' || code === 'G') return first.length === 1;
    return code === 'R' || code === 'E' || code === 'v' || first[0] === 0x16;
  },
  greetsFirst: false,
};

export function openPgPool(target: ServerTarget): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.secretUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max: 4,
    stream: () => new KindCheckedSocket(POSTGRES, target.host, target.port),
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
