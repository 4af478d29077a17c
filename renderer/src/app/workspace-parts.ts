import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { BulkActions } from '../bulk/use-bulk-actions.js';
import type { RecordEditor } from '../editor/use-record-editor.js';
import type { FilterState } from '../filters/use-filter-draft.js';
import type { GridSelection } from '../grid/use-grid-selection.js';
import type { RecordWindowState } from '../grid/use-record-window.js';
import type { LiveFeed } from '../live/live-feed.js';
import { errorMessage } from '../shared/api-error.js';
import type { Namespace } from '../shared/namespace.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

/** What the workspace's commands work with: its state and the hooks that change it. */
export interface WorkspaceParts {
  client: ApiClient;
  feed: LiveFeed;
  /** The open store; null when none is, undefined while it is being read. */
  info: OpenedStoreInfoDto | null | undefined;
  databases: DatabaseInfoDto[] | undefined;
  namespace: Namespace;
  setNamespace: (namespace: Namespace) => void;
  filters: FilterState;
  records: RecordWindowState;
  selection: GridSelection;
  editor: RecordEditor;
  bulk: BulkActions;
  setDialog: (dialog: WorkspaceDialog | undefined) => void;
  /** Focuses a row of the grid and scrolls it into view. */
  revealRow: (index: number) => void;
  notify: (text: string, tone?: 'info' | 'error') => void;
}

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
