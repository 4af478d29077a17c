/**
 * Turns what ioredis throws when the server is not there into a sentence a user can act on, with the same
 * error class (and reasons) as the other backends, so the API treats every server alike.
 */
import {
  BackendUnavailableError,
  CONNECT_TIMEOUT_ADVICE,
  NETWORK_CODES,
  UNAVAILABLE_ADVICE,
  type UnavailableReason,
} from '../backend-errors.js';

export { BackendUnavailableError };

const ADVICE: Readonly<Record<UnavailableReason, string>> = {
  ...UNAVAILABLE_ADVICE,
  refused:
    'refused the connection: is redis-server running and listening on that port? We reconnect by ourselves when it is back',
  timeout: CONNECT_TIMEOUT_ADVICE,
  lost: 'is not connected (it went down, restarted, or closed our connection); we reconnect by ourselves when it is back',
};

/** A script or MULTI runs whole on the server or not at all, so a lost write is never half-applied. */
export const REDIS_LOST_WRITE = 'an unfinished write was applied whole or not at all: reload to see which';

/**
 * What a connection that ended, or answered in another protocol, before Redis's first reply means at open:
 * something else listens on that port (Postgres closes on a RESP command; an HTTP proxy answers "HTTP/1.1").
 */
export function notRedis(error: unknown, where: string): BackendUnavailableError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const foreign = /Unknown RESP type|Protocol error|Expected|parse/i.test(error.message);
  if (!foreign && reasonOf(error) !== 'lost' && code !== 'ECONNRESET') return undefined;
  return new BackendUnavailableError(
    `${where} did not answer as a Redis server (${error.message}): is that the Redis port? (redis-server listens on 6379 by default)`,
    'refused',
  );
}

/** The server's own refusal of the URL's database number: it has fewer databases (its `databases` setting). */
export function databaseRefused(error: unknown, where: string, db: number): unknown {
  if (!(error instanceof Error) || !/^ERR /.test(error.message)) return explainRedisError(error, where);
  return new BackendUnavailableError(
    `Redis at ${where} refused database ${db} (${error.message}): the server has fewer databases (its "databases" setting, 16 by default); choose one of them in the URL's path`,
    'refused',
  );
}

/**
 * A Redis Cluster node holds only its own slots' keys, and refuses a command over keys of several slots: opened
 * as one server, it would show part of the table as the whole (docs/backend-redis.md, "What it cannot do").
 */
export function clusterRefused(where: string): BackendUnavailableError {
  return new BackendUnavailableError(
    `Redis at ${where} is a Redis Cluster node (cluster_enabled:1): it holds only its own share of the keys, and the inspector reads one standalone server, not a cluster; nothing was read or written`,
    'refused',
  );
}

/** ioredis's own words for "not connected now". */
const NOT_CONNECTED =
  /Connection is closed|enableOfflineQueue|Reached the max retries per request|Stream isn't writeable/i;

/** A BackendUnavailableError for a connection failure, or the error itself when it is something else. */
export function explainRedisError(error: unknown, where: string): unknown {
  if (!(error instanceof Error) || error instanceof BackendUnavailableError) return error;
  const reason = reasonOf(error);
  if (reason === undefined) return error;
  return new BackendUnavailableError(`Redis at ${where} ${ADVICE[reason]} (${error.message})`, reason);
}

function reasonOf(error: Error): UnavailableReason | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES[code] !== undefined) return NETWORK_CODES[code];
  if (/^(WRONGPASS|NOAUTH|NOPERM)/.test(error.message)) return 'auth-failed';
  if (NOT_CONNECTED.test(error.message)) return 'lost';
  return undefined;
}
