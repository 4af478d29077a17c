/**
 * Which store a call was made for. One serve process has one open store for all its tabs, so a tab that still
 * shows the store it loaded must not write into the one another tab opened since (docs/architecture.md,
 * "Store identity"). Every successful open gives the store a new id; the client sends the id it knows beside
 * each call (a transport field, not part of any argument) and the host refuses a call made for another.
 * Kept free of the validation library: the sandboxed preload imports it.
 */
import type { CallName } from './call-names.js';
import type { Result } from './results.js';

/** The HTTP header that carries the id, both ways: the call's store, and the store open after the answer. */
export const STORE_ID_HEADER = 'x-store-id';

/** The open store as a caller knows it: its id, and how it is shown (null when none is open). */
export interface StoreIdentity {
  storeId: string;
  display: string | null;
}

/** What a call carries over IPC in the desktop: its argument, and the store the page made it for. */
export interface CallEnvelope {
  arg: unknown;
  storeId?: unknown;
}

/** A call's answer over IPC, with the store open after it. */
export interface AnswerEnvelope<T = unknown> {
  result: Result<T>;
  storeId: string;
}

/** The calls that open a store: their answer's id is the store the caller chose, which it then knows. */
const STORE_OPENING_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'store.open',
  'store.create',
  'store.close',
  'store.connect',
  'store.openInitial',
  'connections.open',
]);

/**
 * Calls made whatever store is open: those that open another (they choose the store themselves) and those
 * that never touch the open one (connection tests and the saved list, file pickers, cancelling a task).
 */
const STORE_FREE_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  ...STORE_OPENING_CALLS,
  'connections.test',
  'connections.list',
  'connections.save',
  'connections.forget',
  'file.chooseImport',
  'file.chooseExport',
  'file.chooseGoMicroFolder',
  'task.cancel',
]);

/** True when the call reads or writes the open store, so it must be made for the store that is open. */
export function isStoreBound(name: CallName): boolean {
  return !STORE_FREE_CALLS.has(name);
}

export function opensStore(name: CallName): boolean {
  return STORE_OPENING_CALLS.has(name);
}
