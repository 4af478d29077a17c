import { useRef, useState } from 'react';
import { useBulkActions } from '../bulk/use-bulk-actions.js';
import { DetailPanel } from '../editor/detail-panel.js';
import { useRecordEditor } from '../editor/use-record-editor.js';
import { KeyTree } from '../filters/key-tree.js';
import { useFilterDraft } from '../filters/use-filter-draft.js';
import { queryKey, type SortOrder } from '../grid/record-query.js';
import { useGridSelection } from '../grid/use-grid-selection.js';
import { useRecordWindow } from '../grid/use-record-window.js';
import { type Namespace, resolveNamespace } from '../shared/namespace.js';
import { ToastMessage } from '../shared/toast-message.js';
import { useCall } from '../shared/use-call.js';
import { useToast } from '../shared/use-toast.js';
import { Sidebar } from '../sidebar/sidebar.js';
import { StatusBar } from '../status/status-bar.js';
import { bulkCommands } from './bulk-commands.js';
import { useClient } from './client-context.js';
import { recordCommands } from './record-commands.js';
import { RecordsPane } from './records-pane.js';
import { useStoreVersion } from './store-version.js';
import { useBeforeUnload } from './use-before-unload.js';
import { useShortcuts } from './use-shortcuts.js';
import type { WorkspaceDialog } from './workspace-dialog.js';
import { WorkspaceDialogs } from './workspace-dialogs.js';
import './workspace.css';

/** The window: tables on the left, records in the middle, the open record on the right, status below. */
export function Workspace() {
  const client = useClient();
  const version = useStoreVersion();
  const info = useCall('store.info', {}, version);
  const databases = useCall('store.databases', {}, version);
  const [chosen, setChosen] = useState<Namespace>();
  const namespace = resolveNamespace(chosen, databases.value);
  const readOnly = info.value?.readOnly ?? false;
  const filters = useFilterDraft();
  const [order, setOrder] = useState<SortOrder>('asc');
  const query = { ...namespace, filter: filters.filter, order };
  const records = useRecordWindow(query);
  const selection = useGridSelection(queryKey(query), records.window);
  const editor = useRecordEditor();
  const bulk = useBulkActions(namespace);
  const [dialog, setDialog] = useState<WorkspaceDialog>();
  const toast = useToast();
  const containsRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const parts = {
    client,
    namespace,
    setNamespace: setChosen,
    filters,
    records,
    selection,
    editor,
    bulk,
    setDialog,
    notify: toast.show,
  };
  const actions = recordCommands(parts);
  const bulkActions = bulkCommands(parts);
  useBeforeUnload(editor.state.dirty);
  useShortcuts({
    find: () => containsRef.current?.focus(),
    newRecord: () => !readOnly && actions.newRecord(),
    save: () => editor.state.dirty && !readOnly && void editor.save(),
  });
  return (
    <div className="workspace">
      <Sidebar
        storePath={info.value?.path}
        databases={databases.value}
        selected={namespace}
        readOnly={readOnly}
        onSelect={actions.selectNamespace}
      >
        <KeyTree namespace={namespace} onPickPrefix={filters.setPrefix} onOpenKey={(key) => actions.openKey(key)} />
      </Sidebar>
      <RecordsPane
        namespace={namespace}
        readOnly={readOnly}
        filters={filters}
        records={records}
        selection={selection}
        order={order}
        onOrderChange={setOrder}
        openKey={editor.state.target?.key}
        containsRef={containsRef}
        gridRef={gridRef}
        commands={actions}
        bulkCommands={bulkActions}
      />
      <DetailPanel
        editor={editor}
        readOnly={readOnly}
        onNewRecord={actions.newRecord}
        onDuplicate={actions.duplicate}
        onRename={actions.rename}
        onDelete={bulkActions.deleteOpen}
        onEscape={() => gridRef.current?.focus()}
      />
      <StatusBar info={info.value} />
      <WorkspaceDialogs
        dialog={dialog}
        onClose={actions.closeDialog}
        onCreated={actions.created}
        onRenamed={actions.renamed}
        onDelete={(target) => void bulkActions.confirmDelete(target)}
        onSetExpiry={(target, expiry) => void bulkActions.applyExpiry(target, expiry)}
      />
      <ToastMessage toast={toast.toast} onDismiss={toast.dismiss} />
    </div>
  );
}
