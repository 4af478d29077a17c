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
  /** Another store: the views start over on it. */
  const switchTo = async (path: string, readOnly: boolean) => {
    const info = await client.call('store.open', { path, readOnly });
    editor.close();
    parts.selection.clear();
    feed.storeOpened();
    return info;
  };
  const openGoMicroFolder = async (path: string) => {
    await switchTo(path, true);
    setDialog(undefined);
    notify(`Opened the go-micro store ${path} (read-only)`);
  };
  return {
    /** Desktop: the native folder picker; browser mode (no picker): a dialog for the folder's path. */
    openGoMicro: () =>
      records.guard(async () => {
        setDialog(undefined);
        try {
          const path = await client.call('file.chooseGoMicroFolder', {});
          if (path !== null) await openGoMicroFolder(path);
        } catch (error) {
          if (errorCode(error) === 'unsupported') setDialog({ kind: 'open-gomicro' });
          else failed(error);
        }
      }),
    /** Throws, so that the dialog can say why the folder did not open. */
    openGoMicroFolder,
    openCopy: (path: string) =>
      records.guard(() => {
        switchTo(path, false).then(() => done(`Opened ${path}: it can be edited`), failed);
      }),
    toggleReadOnly: () =>
      records.guard(async () => {
        setDialog(undefined);
        const info = parts.info;
        if (info == null || info.kind !== 'sqlite') return;
        try {
          const reopened = await client.call('store.open', { path: info.path, readOnly: !info.readOnly });
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
    importFile: (dropped?: string) => setDialog({ kind: 'import', dropped }),
    /** A file dropped on the window: the import asks for its path (a page cannot know it). */
    dropped: (name: string) => {
      if (parts.info?.readOnly) notify(`${name} was not imported: the store is open read-only`, 'error');
      else setDialog({ kind: 'import', dropped: name });
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
