/**
 * The one error every server backend throws when its server is not there (refused, unreachable, lost, a
 * refused login, a closed store), so the API and CLI treat every server alike; each backend words its own
 * advice (docs/backends.md).
 */

import { notePartlyWritten, partlyWritten } from '../common/partial-writes.js';
import type { BackendEditing } from './backend.js';

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

/** How long a backend waits for a server to answer at connect: named in the timeout sentence. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** The timeout sentence every backend gives at connect: how long was waited, and what to check. */
export const CONNECT_TIMEOUT_ADVICE = `did not answer: timed out after ${CONNECT_TIMEOUT_MS / 1000} s; check the host, port and firewall`;

/**
 * The editing part with every call's lost connection worded for a write in flight: `outcome` is what the
 * server keeps of an unfinished write (each backend knows its own). Only here may a message speak of a write:
 * a connection lost at open or while reading carried none.
 */
export function whileWriting(editing: BackendEditing, outcome: string): BackendEditing {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(editing)) {
    wrapped[name] = typeof member === 'function' ? worded(member, editing, outcome) : member;
  }
  // Every member is the original's, called with the same arguments: the same interface.
  return wrapped as unknown as BackendEditing;
}

/** The member as it was (a plain answer stays plain: oversize is not async), its lost connection worded. */
function worded(member: (...args: unknown[]) => unknown, owner: BackendEditing, outcome: string) {
  return (...args: unknown[]): unknown => {
    try {
      const result = member.apply(owner, args);
      return result instanceof Promise
        ? result.catch((error: unknown) => Promise.reject(withWriteOutcome(error, outcome)))
        : result;
    } catch (error) {
      throw withWriteOutcome(error, outcome);
    }
  };
}

function withWriteOutcome(error: unknown, outcome: string): unknown {
  if (!(error instanceof BackendUnavailableError) || error.reason !== 'lost') return error;
  return notePartlyWritten(
    new BackendUnavailableError(`${error.message}; ${outcome}`, error.reason),
    partlyWritten(error),
  );
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
  // No word on writes here: a connection lost at open or while reading carried none (whileWriting says it).
  lost: 'dropped the connection (a restart or an administrator): try again',
  'auth-failed': 'refused the login: check the user and the password (in the URL or STORE_INSPECTOR_PASSWORD)',
  closed: 'is no longer open here (the store was closed): open it again',
};
