/**
 * The one error every server backend throws when its server is not there (refused, unreachable, lost, a
 * refused login, a closed store), so the API and CLI treat every server alike; each backend words its own
 * advice (docs/backends.md).
 */

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

/** What Node's socket errors mean for any server. */
export const NETWORK_CODES: Readonly<Record<string, UnavailableReason>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'lost',
  EPIPE: 'lost',
};

/** The advice every backend gives, unless it has something more precise to say. */
export const UNAVAILABLE_ADVICE: Readonly<Record<UnavailableReason, string>> = {
  refused: 'refused the connection: is the server running and listening on that port?',
  unreachable: 'cannot be reached: check the host name and the network',
  timeout: 'did not answer in time: check the host, port and firewall',
  lost: 'dropped the connection (a restart or an administrator): nothing of the unfinished write was kept; try again',
  'auth-failed': 'refused the login: check the user and the password (in the URL or STORE_INSPECTOR_PASSWORD)',
  closed: 'is no longer open here (the store was closed): open it again',
};
