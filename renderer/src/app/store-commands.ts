import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import { errorCode } from '../shared/api-error.js';
import { plural } from '../shared/format.js';
import { expiredCount, tableCount } from '../shared/store-figures.js';
import type { ExportChoice, ExportContext } from '../transfer/export-scope.js';
import type { ImportForm, ImportReport } from '../transfer/import-phase.js';
import type { RecordCommands } from './record-commands.js';
import { outcomes, type WorkspaceParts } from './workspace-parts.js';

/** Opening stores (a go-micro folder, a copy), read-only mode, purging, and the import and export dialogs. */
export function storeCommands(parts: WorkspaceParts, records: RecordCommands) {
  const { client, feed, editor, setDialog, notify } = parts;
  const { done, failed } = outcomes(parts);
  /** Another store, named by the handle a dialog or a copy gave: the views start over on it. */
  const switchTo = async (store: FileHandle, readOnly: boolean) => {
    const info = await client.call('store.open', { file: store.id, readOnly });
    editor.close();
    parts.selection.clear();
    feed.storeOpened();
    return info;
  };
  const openGoMicroFolder = async (folder: FileHandle) => {
    await switchTo(folder, true);
    setDialog(undefined);
    notify(`Opened the go-micro store ${folder.name} (read-only)`);
  };
  return {
    /** Desktop: the native folder picker; browser mode (no picker): a dialog that says how to serve one. */
    openGoMicro: () =>
      records.guard(async () => {
        setDialog(undefined);
        try {
          const folder = await client.call('file.chooseGoMicroFolder', {});
          if (folder !== null) await openGoMicroFolder(folder);
        } catch (error) {
          if (errorCode(error) === 'unsupported') setDialog({ kind: 'open-gomicro' });
          else failed(error);
        }
      }),
    openCopy: (store: FileHandle) =>
      records.guard(() => {
        switchTo(store, false).then(() => done(`Opened ${store.name}: it can be edited`), failed);
      }),
    toggleReadOnly: () =>
      records.guard(async () => {
        setDialog(undefined);
        const info = parts.info;
        if (info == null || info.kind !== 'sqlite') return;
        try {
          const reopened = await client.call('store.reopen', { readOnly: !info.readOnly });
          feed.refresh();
          if (reopened.readOnly === info.readOnly)
            notify('The store stays read-only: this session was started read-only', 'error');
          else notify(reopened.readOnly ? 'Reopened read-only' : 'Reopened writable');
        } catch (error) {
          failed(error);
        }
      }),
    /** Asks first, with how many expired records there are now (time expires them, not writes). */
    purgeExpired: async () => {
      try {
        const count = expiredCount(await client.call('store.databases', {}));
        if (count === 0) notify('There are no expired records to purge');
        else setDialog({ kind: 'purge', count });
      } catch (error) {
        failed(error);
      }
    },
    confirmPurge: async () => {
      try {
        const { purged } = await client.call('records.purgeExpired', {});
        done(`Purged ${plural(purged, 'expired record')}`);
      } catch (error) {
        failed(error);
      }
    },
    importFile: (dropped?: FileHandle) => setDialog({ kind: 'import', dropped }),
    /** A file dropped on the window: granted (desktop) or uploaded (browser mode), then previewed in the import. */
    dropped: (file: File) => {
      if (parts.info?.readOnly) return notify(`${file.name} was not imported: the store is open read-only`, 'error');
      client.localFile(file).then((dropped) => setDialog({ kind: 'import', dropped }), failed);
    },
    /** After an import: its table (a dump has many: the current one stays). */
    showImported: (report: ImportReport, form: ImportForm) => {
      setDialog(undefined);
      if (report.format !== 'dump') records.selectNamespace({ database: form.database, table: form.table });
      parts.records.refresh();
    },
    exportRecords: (choice?: ExportChoice) => setDialog({ kind: 'export', context: exportContextOf(parts), choice }),
    copyToSqlite: () => setDialog({ kind: 'copy-to-sqlite' }),
  };
}

export type StoreCommands = ReturnType<typeof storeCommands>;

/** What the export dialog offers, as the window shows it now. */
function exportContextOf(parts: WorkspaceParts): ExportContext {
  const { namespace, filters, selection, records, info, databases } = parts;
  return {
    namespace,
    filter: filters.filter,
    filtering: filters.active,
    matching: records.total,
    tableCount: tableCount(databases, namespace),
    storeRecords: info?.records,
    selectedKeys: selection.selection.all ? [] : [...selection.selection.keys],
  };
}
