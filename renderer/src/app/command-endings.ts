import { errorMessage } from '../shared/api-error.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

/** A short message to the user: what happened, or what went wrong. */
export type Notify = (text: string, tone?: 'info' | 'error') => void;

/** What ends a command: its dialog closes, the user hears what happened, the grid catches up. */
export interface CommandEndings {
  succeeded: (message: string) => void;
  failed: (error: unknown) => void;
}

export function commandEndings(
  setDialog: (dialog: WorkspaceDialog | undefined) => void,
  notify: Notify,
  refreshGrid: () => void,
): CommandEndings {
  return {
    succeeded: (message) => {
      setDialog(undefined);
      notify(message);
      refreshGrid();
    },
    failed: (error) => {
      setDialog(undefined);
      notify(errorMessage(error), 'error');
    },
  };
}
