import { useId, useRef, useState } from 'react';
import { useBulkActions } from '../bulk/use-bulk-actions.js';
import { DetailPanel } from '../editor/detail-panel.js';
import { useRecordEditor } from '../editor/use-record-editor.js';
import { KeyTree } from '../filters/key-tree.js';
import { useFilterDraft } from '../filters/use-filter-draft.js';
import { queryKey, type SortOrder } from '../grid/record-query.js';
import { useGridSelection } from '../grid/use-grid-selection.js';
import { useRecordWindow } from '../grid/use-record-window.js';
import { ChangesPanel } from '../live/changes-panel.js';
import { useLive, useLiveFeed } from '../live/live-provider.js';
import { type Namespace, resolveNamespace } from '../shared/namespace.js';
import { liveCount, tableCount } from '../shared/store-figures.js';
import { ToastMessage } from '../shared/toast-message.js';
import { useCall } from '../shared/use-call.js';
import { useToast } from '../shared/use-toast.js';
import { Sidebar } from '../sidebar/sidebar.js';
import { readOnlyReason } from '../status/read-only-reason.js';
import { StatusBar } from '../status/status-bar.js';
import { DropOverlay } from '../transfer/drop-overlay.js';
import { useFileDrop } from '../transfer/use-file-drop.js';
import { AppBar } from './app-bar.js';
import { bulkCommands } from './bulk-commands.js';
import { useClient } from './client-context.js';
import { recordCommands } from './record-commands.js';
import { RecordsPane } from './records-pane.js';
import { storeCommands } from './store-commands.js';
import { useBeforeUnload } from './use-before-unload.js';
import { useMainEvents } from './use-main-events.js';
import { useShortcuts } from './use-shortcuts.js';
import type { WorkspaceDialog } from './workspace-dialog.js';
import { WorkspaceDialogs } from './workspace-dialogs.js';
import './workspace.css';

/** The window: tables on the left, records in the middle, the open record on the right, status below. */
export function Workspace() {
  const client = useClient();
  const feed = useLiveFeed();
  // Every record count on screen comes from this one answer, read again whenever the live feed says the
  // counts moved (a change, a record seen expiring, a slow beat): they can never disagree.
  const counts = useLive('counts');
  const info = useCall('store.info', {}, counts);
  const databases = useCall('store.databases', {}, counts);
  // The table chosen in this store; another store starts at its own default table.
  const [chosen, setChosen] = useState<{ path: string | undefined; namespace: Namespace }>();
  const storePath = info.value?.path;
  const namespace = resolveNamespace(chosen?.path === storePath ? chosen?.namespace : undefined, databases.value);
  const readOnly = info.value?.readOnly ?? false;
  const reason = readOnlyReason(info.value);
  const filters = useFilterDraft();
  const [order, setOrder] = useState<SortOrder>('asc');
  const query = { ...namespace, filter: filters.filter, order };
  const records = useRecordWindow(query);
  const selection = useGridSelection(queryKey(query), records.window);
  const editor = useRecordEditor();
  const bulk = useBulkActions(namespace);
  const [dialog, setDialog] = useState<WorkspaceDialog>();
  const [changesOpen, setChangesOpen] = useState(false);
  const changesId = useId();
  const toast = useToast();
  const containsRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const revealRef = useRef<(index: number) => void>(null);
  const parts = {
    client,
    feed,
    info: info.value,
    databases: databases.value,
    namespace,
    setNamespace: (next: Namespace) => setChosen({ path: storePath, namespace: next }),
    filters,
    records,
    selection,
    editor,
    bulk,
    setDialog,
    notify: toast.show,
    revealRow: (index: number) => {
      selection.focusOnly(index);
      revealRef.current?.(index);
    },
  };
  const actions = recordCommands(parts);
  const bulkActions = bulkCommands(parts);
  const storeActions = storeCommands(parts, actions);
  const dragging = useFileDrop((file) => {
    if (dialog === undefined) storeActions.dropped(file);
  });
  useBeforeUnload(editor.state.dirty);
  useShortcuts({
    find: () => containsRef.current?.focus(),
    newRecord: () => !readOnly && actions.newRecord(),
    save: () => editor.state.dirty && !readOnly && void editor.save(),
  });
  useMainEvents(
    {
      'new-record': () => !readOnly && actions.newRecord(),
      find: () => containsRef.current?.focus(),
      import: () => storeActions.importFile(),
      export: () => storeActions.exportRecords(),
      'open-gomicro-store': storeActions.openGoMicro,
      'toggle-read-only': storeActions.toggleReadOnly,
    },
    () => {
      editor.close();
      selection.clear();
    },
  );
  return (
    <div className="workspace">
      <AppBar
        kind={info.value?.kind}
        readOnly={readOnly}
        readOnlyReason={reason}
        changesOpen={changesOpen}
        changesId={changesId}
        onImport={() => storeActions.importFile()}
        onExport={() => storeActions.exportRecords()}
        onOpenGoMicro={storeActions.openGoMicro}
        onCopyToSqlite={storeActions.copyToSqlite}
        onToggleChanges={() => setChangesOpen((open) => !open)}
        onToggleReadOnly={storeActions.toggleReadOnly}
      >
        <ToastMessage toast={toast.toast} onDismiss={toast.dismiss} />
      </AppBar>
      <Sidebar
        storePath={storePath}
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
        readOnlyReason={reason}
        goMicro={info.value?.kind === 'gomicro'}
        filters={filters}
        records={records}
        liveCount={tableCount(databases.value, namespace)}
        selection={selection}
        order={order}
        onOrderChange={setOrder}
        openKey={editor.state.target?.key}
        containsRef={containsRef}
        gridRef={gridRef}
        revealRef={revealRef}
        commands={actions}
        bulkCommands={bulkActions}
        storeCommands={storeActions}
      >
        {changesOpen && (
          <ChangesPanel
            id={changesId}
            hasLog={info.value?.kind !== 'gomicro'}
            onOpen={actions.openAnywhere}
            onClose={() => setChangesOpen(false)}
          />
        )}
      </RecordsPane>
      <DetailPanel
        editor={editor}
        readOnly={readOnly}
        readOnlyReason={reason}
        onNewRecord={actions.newRecord}
        onDuplicate={actions.duplicate}
        onRename={actions.rename}
        onTakeTheirs={actions.takeTheirs}
        onDelete={bulkActions.deleteOpen}
        onEscape={() => gridRef.current?.focus()}
      />
      <StatusBar info={info.value} records={liveCount(databases.value)} />
      <WorkspaceDialogs
        dialog={dialog}
        namespace={namespace}
        readOnly={readOnly}
        records={actions}
        bulk={bulkActions}
        store={storeActions}
      />
      {dragging && <DropOverlay />}
    </div>
  );
}
