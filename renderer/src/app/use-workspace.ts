import { useId, useRef, useState } from 'react';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import type { SortColumn } from '../../../electron/common/sort-columns.js';
import { expiryRefusal, kindName, metadataRefusal } from '../connect/store-capabilities.js';
import { lostDraftOf, lostNewRecordOf } from '../editor/lost-draft.js';
import type { NewRecordDraft } from '../editor/new-record-draft.js';
import { useRecordEditor } from '../editor/use-record-editor.js';
import { useFilterDraft } from '../filters/use-filter-draft.js';
import { initialView, useViewState } from '../filters/use-view-state.js';
import type { ViewState } from '../filters/view-state.js';
import { type GridSort, sortRefusal } from '../grid/column-sort.js';
import { queryKey } from '../grid/record-query.js';
import { useGridSelection } from '../grid/use-grid-selection.js';
import { useRecordWindow } from '../grid/use-record-window.js';
import { useLiveSignal } from '../live/live-provider.js';
import { accessRefusal } from '../status/access-refusal.js';
import { readOnlyReason } from '../status/read-only-reason.js';
import { useFileDrop } from '../transfer/use-file-drop.js';
import { type Namespace, resolveNamespace } from '../ui/namespace.js';
import { databaseCount, tableCount } from '../ui/store-figures.js';
import { useCall } from '../ui/use-call.js';
import { useStableCallback } from '../ui/use-stable-callback.js';
import { useToast } from '../ui/use-toast.js';
import { useBulkCommands } from './bulk-commands.js';
import { useClient } from './client-context.js';
import { commandEndings } from './command-endings.js';
import { useRecordCommands } from './record-commands.js';
import type { RecordsPaneActions } from './records-pane.js';
import { useStoreCommands } from './store-commands.js';
import { useBeforeUnload } from './use-before-unload.js';
import { useMainEvents } from './use-main-events.js';
import { useShortcuts } from './use-shortcuts.js';
import { useStoreSwitch } from './use-store-switch.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

/** The open store as the window shows it: its info and tables, read again on every `recount`. */
function useOpenStore() {
  const info = useCall('store.info', {});
  const databases = useCall('store.databases', {});
  // Every record count on screen comes from this one answer, read again whenever the live feed says the
  // counts moved (a change, a record seen expiring, a slow beat): they can never disagree.
  useLiveSignal('recount', () => {
    info.reload();
    databases.reload();
  });
  const readOnly = info.value?.readOnly ?? false;
  const access = {
    readOnly,
    readOnlyReason: readOnlyReason(info.value),
    goMicro: info.value?.kind === 'gomicro',
    expiryRefusal: expiryRefusal(info.value),
    metadataRefusal: metadataRefusal(info.value),
    sortRefusal: (column: SortColumn) =>
      info.value == null ? undefined : sortRefusal(info.value.capabilities.sortable, column, kindName(info.value.kind)),
  };
  return { info: info.value, databases: databases.value, access, refusal: accessRefusal(info.error) };
}

/** The table chosen in this store; another store starts at its own default table. */
function useChosenTable(storePath: string | undefined, databases: DatabaseInfoDto[] | undefined) {
  const [chosen, setChosen] = useState<{ path: string | undefined; namespace: Namespace }>();
  const namespace = resolveNamespace(chosen?.path === storePath ? chosen?.namespace : undefined, databases);
  const setNamespace = (next: Namespace) => setChosen({ path: storePath, namespace: next });
  const setNamespaceIn = (path: string, next: Namespace) => setChosen({ path, namespace: next });
  return { namespace, setNamespace, setNamespaceIn };
}

/** The window's state and commands: what Workspace renders. */
export function useWorkspace() {
  const store = useOpenStore();
  const { info, databases, access } = store;
  const { namespace, setNamespace, setNamespaceIn } = useChosenTable(info?.path, databases);
  const { mode } = useClient();
  const [opening] = useState(() => initialView(mode));
  const filters = useFilterDraft(opening.draft);
  // Exports and copies of "the records matching the filter" only for a filter that parses: a broken field
  // would otherwise be dropped silently and more records taken than the user asked for.
  const filterApplies = filters.active && filters.invalid === undefined;
  const [sort, setSort] = useState<GridSort>({ column: opening.sort, order: opening.order });
  // A sort this store cannot do (a link made on another store) reads in key order, the same way.
  const sortColumn = access.sortRefusal(sort.column) === undefined ? sort.column : 'key';
  const query = { ...namespace, filter: filters.filter, order: sort.order, sort: sortColumn };
  const records = useRecordWindow(query);
  const selection = useGridSelection(queryKey(query), records.window);
  const editor = useRecordEditor();
  const [dialog, showDialog] = useState<WorkspaceDialog>();
  /**
   * The New record form as typed, written by its change handler: kept out of `dialog` so that typing re-renders
   * the dialog alone, and read by a store switch to put away what was typed (putAway below).
   */
  const newRecordDraft = useRef<NewRecordDraft>(undefined);
  const setDialog = (next: WorkspaceDialog | undefined) => {
    // Any other dialog, or none, means the New record form is gone, and what it held with it.
    if (next?.kind !== 'new') newRecordDraft.current = undefined;
    showDialog(next);
  };
  const toast = useToast();
  useViewState({
    mode,
    storePath: info?.path,
    databases,
    current: { namespace, draft: filters.draft, order: sort.order, sort: sort.column },
    apply: useStableCallback((view: ViewState) => {
      filters.replace(view.draft);
      setSort({ column: view.sort, order: view.order });
      if (view.namespace !== undefined) setNamespace(view.namespace);
    }),
    notify: useStableCallback((text: string) => toast.show(text, 'error')),
  });
  const refs = {
    contains: useRef<HTMLInputElement>(null),
    grid: useRef<HTMLDivElement>(null),
    reveal: useRef<(index: number) => void>(null),
  };
  const endings = commandEndings(setDialog, toast.show, records.refresh);
  const grid = {
    refresh: records.refresh,
    seek: records.seek,
    reveal: (index: number) => {
      selection.focusOnly(index);
      refs.reveal.current?.(index);
    },
  };
  const recordCommands = useRecordCommands({
    editor,
    namespace,
    setNamespace,
    setDialog,
    newRecordDraft,
    notify: toast.show,
    endings,
    grid,
  });
  const bulkCommands = useBulkCommands({
    namespace,
    filter: filters.filter,
    matching: records.total,
    filterInvalid: filters.invalid,
    readOnly: access.readOnly,
    selection,
    editor,
    setDialog,
    endings,
  });
  const storeCommands = useStoreCommands({
    info,
    setDialog,
    notify: toast.show,
    endings,
    guard: recordCommands.guard,
    selectNamespace: recordCommands.selectNamespace,
    selectNamespaceIn: setNamespaceIn,
    refreshGrid: records.refresh,
    startOver: () => {
      editor.close();
      selection.clear();
    },
    exportContext: () => ({
      namespace,
      filter: filters.filter,
      filtering: filterApplies,
      matching: records.total,
      tableCount: tableCount(databases, namespace),
      storeRecords: info?.records,
      selectedKeys: selection.selection.all ? [] : [...selection.selection.keys],
    }),
    copySource: () =>
      info == null
        ? undefined
        : {
            display: info.display,
            namespace,
            filter: filters.filter,
            filtering: filterApplies,
            matching: records.total,
            tableCount: tableCount(databases, namespace),
            databaseCount: databaseCount(databases, namespace.database),
            storeRecords: info.records,
            carries: { metadata: info.capabilities.metadata, expiry: info.capabilities.perRecordExpiry },
          },
  });
  const paneActions: RecordsPaneActions = {
    newRecord: recordCommands.newRecord,
    openKey: recordCommands.openKey,
    addSamples: recordCommands.addSamples,
    deleteMatching: bulkCommands.deleteMatching,
    deleteSelected: bulkCommands.deleteSelected,
    setTtl: bulkCommands.setTtl,
    removeTtl: bulkCommands.removeTtl,
    purgeExpired: storeCommands.purgeExpired,
    exportRecords: storeCommands.exportRecords,
    importFile: storeCommands.importFile,
    copyToSqlite: storeCommands.copyToSqlite,
  };
  const changes = useChangesPanel();
  const dragging = useFileDrop((file) => {
    if (dialog === undefined) storeCommands.dropped(file);
  });
  const focusFind = () => refs.contains.current?.focus();
  const newRecord = () => !access.readOnly && recordCommands.newRecord();
  useBeforeUnload(editor.state.dirty);
  useShortcuts({
    find: focusFind,
    newRecord,
    openConnection: storeCommands.openConnection,
    save: () => editor.state.dirty && !access.readOnly && void editor.save(),
  });
  useMainEvents(
    {
      'new-record': newRecord,
      find: focusFind,
      import: () => storeCommands.importFile(),
      export: () => storeCommands.exportRecords(),
      'copy-to-store': () => storeCommands.copyToStore(),
      'open-gomicro-store': storeCommands.openGoMicro,
      'open-connection': storeCommands.openConnection,
      'toggle-read-only': storeCommands.toggleReadOnly,
    },
    () => {
      editor.close();
      selection.clear();
    },
  );
  const lostDraft = useStoreSwitch((opened) => {
    const store = info?.display ?? 'the store';
    const typed = newRecordDraft.current;
    const drafts = [
      lostDraftOf(editor.state, store, opened),
      dialog?.kind === 'new' && typed !== undefined ? lostNewRecordOf(typed, store, opened) : undefined,
    ].filter((draft) => draft !== undefined);
    editor.close();
    setDialog(undefined);
    selection.clear();
    return drafts;
  }, toast.show);
  return {
    ...store,
    namespace,
    filters,
    sort: { ...sort, column: sortColumn },
    setSort,
    records,
    selection,
    editor,
    dialog,
    toast,
    refs,
    changes,
    dragging,
    lostDraft,
    recordCommands,
    bulkCommands,
    storeCommands,
    paneActions,
  };
}

/** The Changes panel below the grid: open or not, and the id the toggle points at. */
function useChangesPanel() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return { open, id, toggle: () => setOpen((was) => !was), close: () => setOpen(false) };
}
