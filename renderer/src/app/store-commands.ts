import type { OpenedStoreInfoDto } from '../../../electron/api/contract/backend-schemas.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { initialStoreDisplay } from '../connect/remembered-storage.js';
import { neverWritable } from '../connect/store-capabilities.js';
import type { CopyChoice, CopySource } from '../copy/copy-plan.js';
import { useLiveFeed } from '../live/live-provider.js';
import type { ExportChoice, ExportContext } from '../transfer/export-scope.js';
import type { ImportForm, ImportReport } from '../transfer/import-phase.js';
import { errorCode } from '../ui/api-error.js';
import { plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { expiredCount } from '../ui/store-figures.js';
import { useClient } from './client-context.js';
import type { CommandEndings, Notify } from './command-endings.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

interface StoreCommandsDeps {
  /** The open store; null when none is, undefined while it is being read. */
  info: OpenedStoreInfoDto | null | undefined;
  setDialog: (dialog: WorkspaceDialog | undefined) => void;
  notify: Notify;
  endings: CommandEndings;
  /** Runs `proceed` once unsaved edits are saved or given up (record commands). */
  guard: (proceed: () => void) => void;
  selectNamespace: (namespace: Namespace) => void;
  /** Chooses a table in the store at `path` (one just opened, before the window has read its info). */
  selectNamespaceIn: (path: string, namespace: Namespace) => void;
  refreshGrid: () => void;
  /** Closes the open record and clears the selection: another store is open. */
  startOver: () => void;
  /** What the export dialog offers, as the window shows it now. */
  exportContext: () => ExportContext;
  /** The open store as the copy dialog's source; undefined while none is open. */
  copySource: () => CopySource | undefined;
}

/** Opening stores (a go-micro folder, a copy), read-only mode, purging, and the import and export dialogs. */
export function useStoreCommands(deps: StoreCommandsDeps) {
  const { info, setDialog, notify, endings, guard } = deps;
  const client = useClient();
  const feed = useLiveFeed();
  /** Another store, named by the handle a dialog or a copy gave: the views start over on it. */
  const switchTo = async (store: FileHandle, readOnly: boolean) => {
    const opened = await client.call('store.open', { file: store.id, readOnly });
    deps.startOver();
    feed.storeOpened();
    return opened;
  };
  const openGoMicroFolder = async (folder: FileHandle) => {
    await switchTo(folder, true);
    setDialog(undefined);
    notify(`Opened the go-micro store ${folder.name} (read-only)`);
  };
  /** Browser mode: the store serve was started with, named while another is open (the way back). */
  // The host knows it (info.initialStore); what this tab saw first stands in for a host that does not say.
  const initial = client.mode === 'browser' ? (info?.initialStore ?? initialStoreDisplay(info?.display)) : undefined;
  const backTo = initial !== undefined && info != null && info.display !== initial ? initial : undefined;
  /** A server was opened by the Open connection dialog: the views start over on it. */
  const connected = (opened: OpenedStoreInfoDto, namespace: Namespace | undefined) => {
    setDialog(undefined);
    deps.startOver();
    if (namespace !== undefined) deps.selectNamespaceIn(opened.path, namespace);
    feed.storeOpened();
    notify(`Opened ${opened.display}${opened.readOnly ? ' (read-only)' : ''}`);
  };
  return {
    backTo,
    connected,
    openConnection: () =>
      guard(() => {
        setDialog({ kind: 'open-connection' });
      }),
    backToInitial: () =>
      guard(() => {
        client.call('store.openInitial', {}).then((opened) => connected(opened, undefined), endings.failed);
      }),
    /** Desktop: the native folder picker; browser mode (no picker): a dialog that says how to serve one. */
    openGoMicro: () =>
      guard(async () => {
        setDialog(undefined);
        try {
          const folder = await client.call('file.chooseGoMicroFolder', {});
          if (folder !== null) await openGoMicroFolder(folder);
        } catch (error) {
          if (errorCode(error) === 'unsupported') setDialog({ kind: 'open-gomicro' });
          else endings.failed(error);
        }
      }),
    openCopy: (store: FileHandle) =>
      guard(() => {
        switchTo(store, false).then(() => endings.succeeded(`Opened ${store.name}: it can be edited`), endings.failed);
      }),
    toggleReadOnly: () =>
      guard(async () => {
        setDialog(undefined);
        if (info == null || neverWritable(info)) return;
        try {
          const reopened = await client.call('store.reopen', { readOnly: !info.readOnly });
          feed.refresh();
          if (reopened.readOnly === info.readOnly)
            notify('The store stays read-only: this session was started read-only', 'error');
          else notify(reopened.readOnly ? 'Reopened read-only' : 'Reopened writable');
        } catch (error) {
          endings.failed(error);
        }
      }),
    /** Asks first, with how many expired records there are now (time expires them, not writes). */
    purgeExpired: async () => {
      try {
        const count = expiredCount(await client.call('store.databases', {}));
        if (count === 0) notify('There are no expired records to purge');
        else setDialog({ kind: 'purge', count });
      } catch (error) {
        endings.failed(error);
      }
    },
    confirmPurge: async () => {
      try {
        const { purged } = await client.call('records.purgeExpired', {});
        endings.succeeded(`Purged ${plural(purged, 'expired record')}`);
      } catch (error) {
        endings.failed(error);
      }
    },
    importFile: (dropped?: FileHandle) => setDialog({ kind: 'import', dropped }),
    /** A file dropped on the window: granted (desktop) or uploaded (browser mode), then previewed in the import. */
    dropped: (file: File) => {
      if (info?.readOnly) return notify(`${file.name} was not imported: the store is open read-only`, 'error');
      client.localFile(file).then((dropped) => setDialog({ kind: 'import', dropped }), endings.failed);
    },
    /** After an import: its table (a dump has many: the current one stays). */
    showImported: (report: ImportReport, form: ImportForm) => {
      setDialog(undefined);
      if (report.format !== 'dump') deps.selectNamespace({ database: form.database, table: form.table });
      deps.refreshGrid();
    },
    exportRecords: (choice?: ExportChoice) => setDialog({ kind: 'export', context: deps.exportContext(), choice }),
    copyToSqlite: () => setDialog({ kind: 'copy-to-sqlite' }),
    copyToStore: (choice?: CopyChoice) => {
      const source = deps.copySource();
      if (source !== undefined) setDialog({ kind: 'copy-to-store', source, choice });
    },
    /** A copy may have written into the open store's own server: what is shown is read again. */
    copied: () => {
      feed.refresh();
      deps.refreshGrid();
    },
  };
}

export type StoreCommands = ReturnType<typeof useStoreCommands>;
