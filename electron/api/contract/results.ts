/** Errors cross the boundary as data, never as exceptions or stack traces. */

export type ErrorCode =
  | 'invalid-argument'
  | 'unknown-call'
  | 'not-found'
  | 'conflict'
  | 'read-only'
  | 'no-store'
  | 'closed'
  | 'foreign-file'
  | 'corrupt-file'
  | 'missing-file'
  | 'newer-format'
  | 'busy'
  | 'unsupported'
  | 'cancelled'
  | 'bad-file'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  /** What happened and what to do, for a person. */
  message: string;
  /** For `conflict`: the record as it is now (null when it was deleted). */
  current?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, current?: unknown): Result<never> => ({
  ok: false,
  error: current === undefined ? { code, message } : { code, message, current },
});
