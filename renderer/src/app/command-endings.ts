import { failureNotice } from '../ui/api-error.js';
import type { ToastAction } from '../ui/toast-action.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

/** A short message to the user: what happened, or what went wrong. */
export type Notify = (text: string, tone?: 'info' | 'error', action?: ToastAction) => void;

/** What ends a command: its dialog closes, the user hears what happened, the grid catches up. */
export interface CommandEndings {
  succeeded: (message: string, action?: ToastAction) => void;
  failed: (error: unknown) => void;
}

export function commandEndings(
  setDialog: (dialog: WorkspaceDialog | undefined) => void,
  notify: Notify,
  refreshGrid: () => void,
): CommandEndings {
  return {
    succeeded: (message, action) => {
      setDialog(undefined);
      notify(message, 'info', action);
      refreshGrid();
    },
    failed: (error) => {
      setDialog(undefined);
      // Nothing to say when the page has said it already (a store switch): its notice stays up.
      const notice = failureNotice(error);
      if (notice !== undefined) notify(notice, 'error');
    },
  };
}
