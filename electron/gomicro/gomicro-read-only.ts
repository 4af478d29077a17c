import { refusalReason } from '../common/backend-refusals.js';
import { StoreStateError } from '../store/types.js';

/**
 * What every writing call on a go-micro store answers: why (the files are the service's, and go-micro's
 * format has no room for our edits) and what to do instead. One wording for the app, the API and the CLI.
 */
export const GOMICRO_READ_ONLY = refusalReason('gomicro', 'editing') ?? '';

export function goMicroReadOnlyError(action: string): StoreStateError {
  return new StoreStateError(`cannot ${action}: ${GOMICRO_READ_ONLY}`, 'read-only');
}
