/**
 * What the renderer calls main through, whichever transport carries it (see client.ts): the
 * contract's calls and events, and the error a failed call rejects with.
 */
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import type { ApiError, Result } from '../../../electron/api/contract/results.js';

export interface ApiClient {
  /** Resolves with the call's result; rejects with an ApiCallError that carries code and message. */
  call<N extends CallName>(name: N, arg: CallArg<N>): Promise<CallResult<N>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /**
   * After a `store-switched` event, once the page has put away what it showed of the old store: calls are made
   * for the new one from now on (until then they are refused, so nothing meant for the old store is written).
   */
  acceptStore(storeId: string): void;
  /**
   * A file the user picked or dropped in the page, as a handle calls can name: the desktop grants it by the
   * File object's own path (the page never sees it), browser mode uploads it to the server.
   */
  localFile(file: File): Promise<FileHandle>;
  /** 'desktop' or 'browser', for the few places the UI differs (native dialogs). */
  readonly mode: 'desktop' | 'browser';
}

/** A failed call: the contract's error, typed by its code (a `conflict` carries the record as it is now). */
export class ApiCallError<E extends ApiError = ApiError> extends Error {
  constructor(readonly error: E) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/** A call's answer as the page receives it, over either transport: its value, or an ApiCallError thrown. */
export function unwrapResult<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}
