import { errorCode, failureNotice } from '../ui/api-error.js';

/** Where a task that writes a file (an export, a copy) stands: from choosing the file to how it ended. */
export type FileTaskPhase<R> =
  | { step: 'choose' }
  | { step: 'running' }
  | { step: 'done'; result: R }
  | { step: 'problem'; message: string }
  | { step: 'cancelled' };

/**
 * How a long task that did not finish ends up: stopped by the user, or a problem to show (none after a store
 * switch: its notice said it, and it closes the dialog).
 */
export function endedPhase(error: unknown): { step: 'cancelled' } | { step: 'problem'; message: string } {
  return errorCode(error) === 'cancelled'
    ? { step: 'cancelled' }
    : { step: 'problem', message: failureNotice(error) ?? '' };
}
