import { ConflictError, type RecordDetail } from '../../store/record-detail.js';
import { NotFoundError, StoreInputError, StoreStateError } from '../../store/types.js';
import type { CrossingError } from './protocol.js';
import { withBuffers } from './value-bytes.js';

type StateCode = StoreStateError['code'];

/**
 * Errors lose their class in a structured clone: this keeps what the API needs to answer with the same
 * code (StoreStateError's code, ConflictError's current record, SQLITE_BUSY, ENOENT) and the message.
 */
export function toCrossingError(error: unknown): CrossingError {
  if (!(error instanceof Error)) return { kind: 'other', name: 'Error', message: String(error) };
  const base = { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  if (error instanceof ConflictError) return { ...base, kind: 'conflict', current: error.current };
  if (error instanceof NotFoundError) return { ...base, kind: 'not-found' };
  if (error instanceof StoreInputError) return { ...base, kind: 'input' };
  if (error instanceof StoreStateError) return { ...base, kind: 'state', code: error.code };
  if (error instanceof TypeError) return { ...base, kind: 'type' };
  if (error instanceof RangeError) return { ...base, kind: 'range' };
  const code = (error as { code?: unknown }).code;
  return { ...base, kind: 'other', ...(typeof code === 'string' ? { code } : {}) };
}

/** The same class again, on this side, with the thread's stack kept for a bug report. */
export function fromCrossingError(crossing: CrossingError): Error {
  const error = rebuild(crossing);
  error.name = crossing.name;
  if (crossing.stack !== undefined) error.stack = crossing.stack;
  return error;
}

function rebuild(crossing: CrossingError): Error {
  switch (crossing.kind) {
    case 'conflict':
      return new ConflictError(withBuffers(crossing.current) as RecordDetail | undefined);
    case 'not-found':
      return new NotFoundError(crossing.message);
    case 'input':
      return new StoreInputError(crossing.message);
    case 'state':
      return new StoreStateError(crossing.message, crossing.code as StateCode);
    case 'type':
      return new TypeError(crossing.message);
    case 'range':
      return new RangeError(crossing.message);
    default:
      return Object.assign(new Error(crossing.message), crossing.code === undefined ? {} : { code: crossing.code });
  }
}
