/**
 * The one mapping from what was thrown to the contract's error: dispatch answers with it, the command line prints
 * its message, so the same failure reads the same everywhere. Kept light (no codec, no transfer module): the
 * command line loads it for every command.
 */
import { ConnectionStringError } from '../backends/connection-string.js';
import { RefusedError } from '../common/backend-refusals.js';
import { UNAVAILABLE_REASONS } from '../common/unavailable-reasons.js';
import { RecordsJsonError } from '../records-json/errors.js';
import { ConflictError } from '../store/record-detail.js';
import { NotFoundError, StoreInputError, StoreStateError } from '../store/types.js';
import type { ApiError, ApiErrorOf, PlainErrorCode, Result } from './contract/results.js';
import { toDetailDto } from './dto.js';

/** A failure whose thrower knows its code: described as it is. */
export class CodedError extends Error {
  constructor(
    readonly code: PlainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A call that needs an open store, made while none is open. */
export class NoStoreError extends CodedError {
  constructor() {
    super('no-store', 'no store is open: open or create one first');
  }
}

/** The store is taken by long work in this process (an import); the call would have to wait for it. */
export class BusyError extends CodedError {
  constructor(message: string) {
    super('busy', message);
  }
}

/** A call this host cannot serve (a native dialog in browser mode). */
export class UnsupportedError extends CodedError {
  constructor(message: string) {
    super('unsupported', message);
  }
}

/** The user stopped the task: an import wrote nothing, an export left no file. */
export class CancelledError extends CodedError {
  constructor() {
    super('cancelled', 'cancelled: nothing was written');
  }
}

/** Turns whatever a handler threw into an error a person can act on; never a stack trace. */
export function toErrorResult(error: unknown): Result<never> {
  return { ok: false, error: describeError(error) };
}

/** What was thrown, as the contract's error: its code, its message, and the fields of that code. */
export function describeError(error: unknown): ApiError {
  if (error instanceof ConflictError) {
    return { code: 'conflict', message: error.message, current: error.current ? toDetailDto(error.current) : null };
  }
  if (error instanceof RecordsJsonError) return badFile(error);
  // One wording per refusal (common/backend-refusals.ts); a store that cannot write at all keeps `read-only`.
  if (error instanceof RefusedError) {
    return { code: error.feature === 'editing' ? 'read-only' : 'refused', message: error.message };
  }
  if (isUnavailable(error)) return unavailable(error);
  if (error instanceof ConnectionStringError) return { code: 'invalid-argument', message: error.message };
  if (error instanceof CodedError || error instanceof StoreStateError) {
    return { code: error.code, message: error.message };
  }
  // go-micro's ErrNotFound, in its own words (what `micro store read` prints).
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  if (error instanceof StoreInputError) return { code: 'invalid-argument', message: error.message };
  return describeSystemError(error);
}

/**
 * A server that refused, could not be reached, timed out, dropped the connection or refused the login: each
 * server backend throws its own BackendUnavailableError (backends/postgres/pg-errors.ts), told by its name.
 */
function isUnavailable(error: unknown): error is Error {
  return error instanceof Error && error.name === 'BackendUnavailableError';
}

/** The reason travels as a field, so the page words it without reading the message. */
function unavailable(error: Error): ApiErrorOf<'unavailable'> {
  const reason: unknown = (error as { reason?: unknown }).reason;
  const known = UNAVAILABLE_REASONS.find((each) => each === reason);
  return { code: 'unavailable', message: error.message, ...(known === undefined ? {} : { reason: known }) };
}

function badFile(error: RecordsJsonError): ApiErrorOf<'bad-file'> {
  const { place, recordIndex, field } = error;
  return {
    code: 'bad-file',
    message: error.message,
    problem: error.code,
    ...(place === undefined ? {} : { place: { ...place } }),
    ...(recordIndex === undefined ? {} : { recordIndex }),
    ...(field === undefined ? {} : { field }),
  };
}

/** SQLite's and the file system's own errors, by their code; anything else is a fault of ours. */
function describeSystemError(error: unknown): ApiError {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'busy', message: 'the store file is locked by another process; try again in a moment' };
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return { code: 'missing-file', message: text };
  return { code: 'internal', message: `unexpected error: ${text}` };
}
