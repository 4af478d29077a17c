import { ApiCallError } from '../api/api-client.js';

/** A sentence for a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isConflict(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError && error.error.code === 'conflict';
}

/** The contract's error code, or undefined for anything else that was thrown. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiCallError ? error.error.code : undefined;
}
