/**
 * What the main thread and a store thread say to each other: which thread serves which call, the
 * messages, and how an error or a value's bytes cross the thread boundary intact.
 */
import type { LocalKind, LocalStore } from '../local-store.js';

/** A writer (every writing call, in order), readers (any read, one at a time each), a watcher (change polling). */
export type ThreadRole = 'writer' | 'reader' | 'watcher';

/** A local store's own calls, answered on the main thread (or, for `close`, by every thread in turn). */
type OwnCall = 'init' | 'options' | 'toString' | 'close';

/** Every other call of a local store: each is a message to the thread that serves it. */
export type ThreadedCall = Exclude<keyof LocalStore, OwnCall>;

/**
 * Which thread serves each call. A call added to the store's signatures (LocalStore) fails to compile
 * until it is given a thread here; ThreadedBackend then answers it with no more code.
 */
export const CALL_THREADS = {
  // go-micro's Store
  read: 'reader',
  list: 'reader',
  write: 'writer',
  delete: 'writer',
  // Reading
  info: 'reader',
  databases: 'reader',
  page: 'reader',
  count: 'reader',
  countPrefixes: 'reader',
  inspect: 'reader',
  readValue: 'reader',
  recordBatch: 'reader',
  recordsByKey: 'reader',
  analyse: 'reader',
  // Watching: always from the same connection (SQLite's data_version is per connection).
  changeToken: 'watcher',
  latestChange: 'watcher',
  changes: 'watcher',
  // Editing, and upkeep (it writes)
  indexKeys: 'writer',
  createTable: 'writer',
  writeIfUnchanged: 'writer',
  writeMany: 'writer',
  deleteMany: 'writer',
  deleteMatching: 'writer',
  setExpiry: 'writer',
  rename: 'writer',
  duplicate: 'writer',
  setExpiryMatching: 'writer',
  purgeExpired: 'writer',
  indexForSort: 'writer',
} as const satisfies Record<ThreadedCall, ThreadRole>;

/** What a thread may be asked: a threaded call, or `init` (every thread takes the new default namespace). */
export type BackendCall = ThreadedCall | 'init';

export type CallArgs<M extends BackendCall> = Parameters<LocalStore[M]>;

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
