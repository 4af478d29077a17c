import type { ApiClient } from '../api/client.js';
import type { BulkActions } from '../bulk/use-bulk-actions.js';
import type { RecordEditor } from '../editor/use-record-editor.js';
import type { FilterState } from '../filters/use-filter-draft.js';
import type { GridSelection } from '../grid/use-grid-selection.js';
import type { RecordWindowState } from '../grid/use-record-window.js';
import { errorMessage } from '../shared/api-error.js';
import { formatCount } from '../shared/format.js';
import type { Namespace } from '../shared/namespace.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

/** What the workspace's commands work with: its state and the hooks that change it. */
export interface WorkspaceParts {
  client: ApiClient;
  namespace: Namespace;
  setNamespace: (namespace: Namespace) => void;
  filters: FilterState;
  records: RecordWindowState;
  selection: GridSelection;
  editor: RecordEditor;
  bulk: BulkActions;
  setDialog: (dialog: WorkspaceDialog | undefined) => void;
  notify: (text: string, tone?: 'info' | 'error') => void;
}

export const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;

/** How every command ends: the dialog closes, the user hears what happened, the grid catches up. */
export function outcomes({ setDialog, notify, records }: WorkspaceParts) {
  return {
    done: (message: string) => {
      setDialog(undefined);
      notify(message);
      records.refresh();
    },
    failed: (error: unknown) => {
      setDialog(undefined);
      notify(errorMessage(error), 'error');
    },
  };
}
