/**
 * What the renderer calls main through, whichever transport carries it (see client.ts): the
 * contract's calls and events, and the error a failed call rejects with.
 */
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import type { ApiError } from '../../../electron/api/contract/results.js';
export interface ApiClient {
  /** Resolves with the call's result; rejects with an ApiCallError that carries code and message. */
  call<N extends CallName>(name: N, arg: CallArg<N>): Promise<CallResult<N>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /**
   * A file the user picked or dropped in the page, as a handle calls can name: the desktop grants it by the
   * File object's own path (the page never sees it), browser mode uploads it to the server.
   */
  localFile(file: File): Promise<FileHandle>;
  /** 'desktop' or 'browser', for the few places the UI differs (native dialogs). */
  readonly mode: 'desktop' | 'browser';
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}
