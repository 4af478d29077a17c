/**
 * What the main thread and a store thread say to each other: which thread serves which call, the
 * messages, and how an error or a value's bytes cross the thread boundary intact.
 */
import type { LocalKind, LocalStore } from '../local-store.js';

/** A writer (every writing call, in order), readers (any read, one at a time each), a watcher (change polling). */
export type ThreadRole = 'writer' | 'reader' | 'watcher';

/** The backend's asynchronous calls, by the thread that serves them. `changeToken` is synchronous in-thread. */
export const WRITE_CALLS = [
  'write',
  'delete',
  'createTable',
  'writeIfUnchanged',
  'writeMany',
  'deleteMany',
  'deleteMatching',
  'setExpiry',
  'rename',
  'duplicate',
  'setExpiryMatching',
  'purgeExpired',
  'indexKeys',
  'indexForSort',
] as const satisfies readonly (keyof LocalStore)[];

export const READ_CALLS = [
  'read',
  'list',
  'info',
  'databases',
  'page',
  'count',
  'countPrefixes',
  'inspect',
  'readValue',
  'recordBatch',
  'recordsByKey',
  'analyse',
] as const satisfies readonly (keyof LocalStore)[];

export const WATCH_CALLS = ['changeToken', 'latestChange', 'changes'] as const satisfies readonly (keyof LocalStore)[];

export type WriteCall = (typeof WRITE_CALLS)[number];
export type ReadCall = (typeof READ_CALLS)[number];
export type WatchCall = (typeof WATCH_CALLS)[number];
export type BackendCall = WriteCall | ReadCall | WatchCall | 'init';

export type CallArgs<M extends BackendCall> = Parameters<LocalStore[M]>;
export type CallValue<M extends BackendCall> = Awaited<ReturnType<LocalStore[M]>>;

/** What a store thread opens: `workerData`. */
export interface ThreadSetup {
  path: string;
  readOnly: boolean;
  database?: string;
  table?: string;
}

export interface OpenedReport {
  kind: LocalKind;
  /** The backend's resolved Store options (default database and table). */
  options: ReturnType<LocalStore['options']>;
  /** The backend's toString(). */
  name: string;
  /** How this thread opened the file: read-only by choice, or by itself (a file this user cannot write). */
  readOnly: boolean;
  readOnlyReason?: string;
}

/**
 * `progress`: the call's last argument takes an `onProgress(done, total)` callback, which cannot cross the
 * boundary: the thread supplies one that posts `progress` messages for this call instead.
 */
/** The options property a call's `signal` crosses as (see cancel-flag.ts); the thread turns it back into one. */
export const CANCEL_FLAG = 'cancelFlag';

export type ToThread =
  | { id: number; call: BackendCall; args: unknown[]; progress?: boolean }
  | { id: number; call: 'close' };

export type FromThread =
  | { type: 'opened'; report: OpenedReport }
  | { type: 'open-failed'; error: CrossingError }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'failure'; id: number; error: CrossingError };

/** An error as it crosses: enough to rebuild the class the API maps to a code (see errors.ts). */
export interface CrossingError {
  /** Which class to rebuild. */
  kind: 'not-found' | 'input' | 'state' | 'conflict' | 'type' | 'range' | 'other';
  name: string;
  message: string;
  /** StoreStateError's code, or a system/SQLite error's code (SQLITE_BUSY, ENOENT…). */
  code?: string;
  /** ConflictError's record as it is now. */
  current?: unknown;
  stack?: string;
}
