/**
 * Turns what ioredis throws when the server is not there into a sentence a user can act on, with the same
 * error class (and reasons) as the other backends, so the API treats every server alike.
 */
import {
  BackendUnavailableError,
  NETWORK_CODES,
  UNAVAILABLE_ADVICE,
  type UnavailableReason,
} from '../backend-errors.js';

export { BackendUnavailableError };

const ADVICE: Readonly<Record<UnavailableReason, string>> = {
  ...UNAVAILABLE_ADVICE,
  refused:
    'refused the connection: is redis-server running and listening on that port? We reconnect by ourselves when it is back',
  // A script or MULTI runs whole on the server or not at all, so a lost write is never half-applied.
  lost: 'is not connected (it went down, restarted, or closed our connection): an unfinished write was applied whole or not at all; reload to see which. We reconnect by ourselves when it is back',
};

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
