import type { ApiErrorOf, ErrorCode } from '../../../electron/api/contract/results.js';
import { ApiCallError } from '../api/api-client.js';

/** A sentence for a person, whatever was thrown (whether to say it at all: `failureNotice`). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * What to tell the user of a failed call, or undefined when the page has told it already: a call refused because
 * another tab or window switched the store (`store-switched`) is said once, by the switch notice
 * (app/use-store-switch.ts), and not again by each toast, form or panel whose call was in flight then.
 */
export function failureNotice(error: unknown): string | undefined {
  return errorCode(error) === 'store-switched' ? undefined : errorMessage(error);
}

/** The contract's error when a call failed with `code`, with that code's fields; undefined for anything else. */
export function apiErrorOf<C extends ErrorCode>(error: unknown, code: C): ApiErrorOf<C> | undefined {
  // TypeScript does not narrow a union by a generic code; the comparison above the cast is what proves it.
  return error instanceof ApiCallError && error.error.code === code ? (error.error as ApiErrorOf<C>) : undefined;
}

export function isConflict(error: unknown): error is ApiCallError<ApiErrorOf<'conflict'>> {
  return apiErrorOf(error, 'conflict') !== undefined;
}

/** The contract's error code, or undefined for anything else that was thrown. */
export function errorCode(error: unknown): ErrorCode | undefined {
  return error instanceof ApiCallError ? error.error.code : undefined;
}
