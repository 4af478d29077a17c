import { RecordsJsonError } from '../records-json/index.js';
import { NotFoundError, StoreInputError, StoreStateError } from '../store/index.js';
import { ConflictError } from '../store/record-detail.js';
import { type ApiError, fail, type Result } from './contract/results.js';
import { toDetailDto } from './dto.js';
import { CancelledError } from './transfer-tasks.js';

/** A call that needs an open store, made while none is open. */
export class NoStoreError extends Error {
  constructor() {
    super('no store is open: open or create one first');
  }
}

/** The store is taken by long work in this process (an import); the call would have to wait for it. */
export class BusyError extends Error {}

/** A call this host cannot serve (a native dialog in browser mode). */
export class UnsupportedError extends Error {}

/** Turns whatever a handler threw into an error a person can act on; never a stack trace. */
export function toErrorResult(error: unknown): Result<never> {
  const apiError = describeError(error);
  return fail(apiError.code, apiError.message, apiError.current);
}

function describeError(error: unknown): ApiError {
  if (error instanceof ConflictError) {
    return { code: 'conflict', message: error.message, current: error.current ? toDetailDto(error.current) : null };
  }
  if (error instanceof BusyError) return { code: 'busy', message: error.message };
  if (error instanceof NoStoreError) return { code: 'no-store', message: error.message };
  if (error instanceof UnsupportedError) return { code: 'unsupported', message: error.message };
  if (error instanceof CancelledError) return { code: 'cancelled', message: error.message };
  if (error instanceof RecordsJsonError) return { code: 'bad-file', message: error.message };
  if (error instanceof NotFoundError)
    return { code: 'not-found', message: 'not found: the record does not exist or has expired' };
  if (error instanceof StoreInputError) return { code: 'invalid-argument', message: error.message };
  if (error instanceof StoreStateError) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'busy', message: 'the store file is locked by another process; try again in a moment' };
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    return { code: 'missing-file', message: error instanceof Error ? error.message : String(error) };
  }
  return { code: 'internal', message: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
}
