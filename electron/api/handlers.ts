import { type Backend, type BackendEditing, canEdit, type EditableBackend } from '../backends/backend.js';
import type { ConnectionTarget } from '../backends/connection-string.js';
import type { SortColumn } from '../common/sort-columns.js';
import { StoreInputError } from '../store/index.js';
import type { ExpiryChange } from '../store/inspector-store.js';
import type { ExportScope } from '../transfer/export-records.js';
import type { ImportTarget } from '../transfer/import-to-backend.js';
import { analysisHandlers } from './analysis-handler.js';
import { countPrefixes, setExpiryMatching } from './backend-fallbacks.js';
import { type ConnectionBook, createConnectionHandlers } from './connection-handlers.js';
import type { CallName, CallResult, ValidArg } from './contract/calls.js';
import type { ApiEvent } from './contract/events.js';
import type { ExpirySpec } from './contract/schemas.js';
import { copyHandlers } from './copy-handler.js';
import { toBytesDto, toDetailDto, toSummaryDto } from './dto.js';
import { BusyError, CodedError, NoStoreError, UnsupportedError } from './errors.js';
import { type FileGrant, FileGrants } from './file-grants.js';
import { defaultGoMicroFolder } from './gomicro-locations.js';
import { importTargetOf } from './import-target.js';
import { refuseOpenStoreTarget } from './open-store-files.js';
import { pagingIndexHandlers } from './paging-index-handler.js';
import { searchHandlers } from './search-handler.js';
import { serverTarget } from './server-target.js';
import { refusedError, type StoreSession } from './store-session.js';
import { tableFiguresHandlers } from './table-figures-handler.js';
import { TransferTasks } from './transfer-tasks.js';
import { saveValueToFile, suggestedFileName } from './value-file.js';

export type Handlers = { [N in CallName]: (arg: ValidArg<N>) => Promise<CallResult<N>> };

/** What only some hosts can do: the desktop app has native dialogs, browser mode downloads instead. */
export interface HostCapabilities {
  /**
   * Asks the user where to save a file (the dialog itself asks before replacing one); undefined when they
   * cancel. `purpose` titles the dialog.
   */
  chooseSavePath?(suggestedName: string, purpose: SavePurpose): Promise<string | undefined>;
  /** Asks the user for a file to open; undefined when they cancel. */
  chooseOpenPath?(): Promise<string | undefined>;
  /** Asks the user for a folder (a go-micro store), starting at `defaultPath`; undefined when they cancel. */
  chooseFolder?(defaultPath: string | undefined): Promise<string | undefined>;
  /** Browser mode: exports and copies are written on the server, then downloaded by the browser. */
  downloads?: DownloadHost;
}

export type SavePurpose = 'value' | 'export';

export interface DownloadHost {
  /** A new, private file on the server for an export or a copy named `name`. */
  slot(name: string): string;
  /** Offers a written file to the browser once; the URL to fetch it from. */
  offer(path: string, name: string): string;
}

export interface HandlerOptions {
  host?: HostCapabilities;
  /** The files this host granted; calls name files by grant id only. */
  grants?: FileGrants;
  /** Where progress events go (IPC or server-sent events). */
  emit?: (event: ApiEvent) => void;
  /** The store this host was started with (serve --store): store.openInitial goes back to it. */
  initial?: ConnectionTarget;
  /** The environment a connection's password may come from (STORE_INSPECTOR_PASSWORD); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where saved connections are kept (the desktop); without it the page keeps them, without passwords. */
  connections?: ConnectionBook;
}

/** The calls of the contract, served over one session's open store. Arguments arrive validated. */
export function createHandlers(
  session: StoreSession,
  {
    host = {},
    emit = () => {},
    grants = new FileGrants(),
    initial,
    env = process.env,
    connections,
  }: HandlerOptions = {},
): Handlers {
  const tasks = new TransferTasks(emit);
  /** A file granted for writing; never the open store or its companions, whatever dialog allowed it. */
  const writeTarget = (id: string): FileGrant => {
    const grant = grants.resolve(id, 'write');
    refuseOpenStoreTarget(grant.path, session.path);
    return grant;
  };
  /** Browser mode: the written file's one-time download URL; the desktop wrote it where the user chose. */
  const delivered = (grant: FileGrant): string | null =>
    grant.download && host.downloads ? host.downloads.offer(grant.path, grant.name) : null;
  const storePath = (): string => {
    if (session.path === undefined) throw new NoStoreError();
    return session.path;
  };
  /** The open SQLite store's file, which an import opens again itself; any other store refuses or waits. */
  const importStorePath = (): string => {
    const path = storePath();
    if (session.kind === 'gomicro') throw refusedError(backend(), 'editing');
    return path;
  };
  /** The same, refused when the store is open read-only: a real import writes. */
  const writableImportStorePath = (): string => {
    const path = importStorePath();
    if (session.readOnly) throw refusedError(backend(), 'editing');
    return path;
  };
  /** A file imports in one transaction of its own; a server through its backend (checked, then written). */
  const importInto = (writes: boolean): { storePath: string } | { target: ImportTarget } => {
    if (session.path !== undefined) return { storePath: writes ? writableImportStorePath() : importStorePath() };
    return { target: importTargetOf(writes ? writer() : backend()) };
  };
  const goMicroPath = (): string => {
    const path = storePath();
    if (session.kind !== 'gomicro') {
      throw new StoreInputError('the open store is already a Store Inspector store: use Export to copy it');
    }
    return path;
  };
  const backend = (): Backend => session.requireBackend();
  const reading = () => backend().reading;
  /** The open store, for a call that writes it: refused at once while an import holds the lock. */
  const writer = (): EditableBackend => {
    if (tasks.importing) throw new BusyError('an import is running on this store: try again when it has finished');
    const open = backend();
    if (!canEdit(open)) throw refusedError(open, 'editing');
    return open;
  };
  /** Its editing part when records may carry their own expiry. */
  const expiryEditor = (): BackendEditing & Required<Pick<BackendEditing, 'setExpiry'>> => {
    const open = writer();
    const { setExpiry } = open.editing;
    if (setExpiry === undefined || !open.capabilities.perRecordExpiry) throw refusedError(open, 'perRecordExpiry');
    return { ...open.editing, setExpiry: setExpiry.bind(open.editing) };
  };
  const granted = grantedIn(grants);
  /** The open store's info, with the store this host was started with (the page's "Back to"). */
  const withInitial = async () => {
    const info = await session.info();
    return info === null || initial === undefined ? info : { ...info, initialStore: initial.display };
  };
  const openedInfo = async () => {
    const info = await withInitial();
    if (info === null) throw new NoStoreError();
    return info;
  };
  return {
    ...createConnectionHandlers(session, { book: connections, env }),
    'store.open': async ({ file, readOnly }) => {
      await session.open(grants.resolve(file, 'store').path, readOnly);
      return openedInfo();
    },
    'store.create': async ({ file }) => {
      const grant = writeTarget(file);
      if (grant.download) throw new UnsupportedError('browser mode works on the store that serve was started with');
      await session.create(grant.path);
      return openedInfo();
    },
    'store.reopen': async ({ readOnly }) => {
      const connection = session.connection;
      if (connection === undefined) throw new NoStoreError();
      await session.connect(connection, readOnly);
      return openedInfo();
    },
    'store.connect': async ({ url, password, readOnly }) => {
      // A file is opened by a granted handle (store.open): a typed path could name any file on the server.
      await session.connect(serverTarget(url, password, env, 'open a file with Open'), readOnly);
      return openedInfo();
    },
    'store.openInitial': async ({ readOnly }) => {
      if (initial === undefined) throw new UnsupportedError('this window was not started with a store to go back to');
      await session.connect(initial, readOnly);
      return openedInfo();
    },
    'store.close': async () => {
      await session.close();
      return null;
    },
    'store.info': withInitial,
    'store.databases': async () => reading().databases(),
    'store.tables': async ({ database }) => {
      const found = (await reading().databases()).find((each) => each.database === database);
      if (found === undefined)
        throw new CodedError('not-found', `database ${JSON.stringify(database)} does not exist here`);
      return found.tables;
    },
    'store.copyToSqlite': async ({ taskId, file }) => {
      const target = writeTarget(file);
      const sourcePath = goMicroPath();
      const { path, ...report } = await tasks.runCopyToSqlite({ taskId, sourcePath, path: target.path });
      const store = target.download ? null : grants.grant(path, 'store');
      return { ...report, name: target.name, store, download: delivered(target) };
    },
    'table.create': async (namespace) => {
      await writer().editing.createTable(namespace);
      return null;
    },
    'records.page': async ({ database, table, ...query }) => {
      session.viewed = { database, table };
      const open = backend();
      if (!sortsBy(open, query.sort)) {
        throw new StoreInputError(`this ${open.kind} store cannot sort by ${query.sort}: its pages come in key order`);
      }
      // The first page sorted by a column builds its index behind this one (seconds at a million records);
      // until it exists, pages are sorted by SQLite (store/sort-indexes.ts).
      if (query.sort !== undefined && query.sort !== 'key')
        void open.editing?.indexForSort?.(query.sort).catch(() => {});
      const page = await open.reading.page({ database, table }, query);
      const nextSort = page.nextSort === undefined ? {} : { nextSort: page.nextSort };
      const partial = page.partial === true ? { partial: true } : {};
      const loading = page.keysLoading === undefined ? {} : { keysLoading: page.keysLoading };
      return { records: page.records.map(toSummaryDto), next: page.next, ...nextSort, ...partial, ...loading };
    },
    'records.count': async ({ database, table, filter, limit, before }) =>
      reading().count({ database, table }, filter, {
        ...(limit ? { limit } : {}),
        ...(before !== undefined ? { before } : {}),
      }),
    'record.get': async ({ database, table, key, maxBytes }) =>
      toDetailDto(await reading().inspect({ database, table }, key, maxBytes)),
    'record.getBytes': async ({ database, table, key, maxBytes }) =>
      toBytesDto(await reading().inspect({ database, table }, key, maxBytes)),
    'record.valueChunk': async ({ database, table, key, offset, length }) => {
      const bytes = await reading().readValue({ database, table }, key, offset, length);
      return { value: Buffer.from(bytes).toString('base64') };
    },
    'record.saveValue': async ({ database, table, key }) => {
      if (host.chooseSavePath === undefined) {
        throw new UnsupportedError('saving to a file is done by the browser here: use Download');
      }
      const path = await host.chooseSavePath(suggestedFileName(key), 'value');
      if (path === undefined) return null;
      refuseOpenStoreTarget(path, session.path);
      return { path, bytes: await saveValueToFile(reading(), { database, table }, key, path) };
    },
    'record.write': async ({ database, table, key, value, metadata, expiry, expectedRevision }) => {
      const open = writer();
      // What the backend cannot keep is refused, never dropped on the way in.
      if (Object.keys(metadata).length > 0 && !open.capabilities.metadata) throw refusedError(open, 'metadata');
      if (expiry.kind !== 'none' && !open.capabilities.perRecordExpiry) throw refusedError(open, 'perRecordExpiry');
      const record = { key, value: Buffer.from(value, 'base64'), metadata, expiry: expiryToLife(expiry, Date.now()) };
      return { revision: await open.editing.writeIfUnchanged({ database, table }, record, expectedRevision) };
    },
    'records.delete': async ({ database, table, keys }) => ({
      deleted: await writer().editing.deleteMany({ database, table }, keys),
    }),
    'records.deleteMatching': async ({ database, table, filter }) => ({
      deleted: await writer().editing.deleteMatching({ database, table }, filter),
    }),
    'records.setExpiry': async ({ database, table, keys, expiry }) => ({
      updated: await expiryEditor().setExpiry({ database, table }, keys, toExpiryChange(expiry)),
    }),
    'record.rename': async ({ database, table, from, to }) => {
      // Every backend would call the key its own conflict ("already exists"): say what actually happened.
      if (from === to) throw new StoreInputError('the new key is the same as the old one: nothing to rename');
      await writer().editing.rename({ database, table }, from, to);
      return null;
    },
    'records.purgeExpired': async () => {
      const { editing } = writer();
      if (editing.purgeExpired === undefined) {
        throw new UnsupportedError('this store keeps no expired records to purge: its server decides when they go');
      }
      return { purged: await editing.purgeExpired() };
    },
    'file.chooseImport': async () => {
      if (host.chooseOpenPath === undefined) throw new UnsupportedError('choose or drop the file to upload it');
      return granted(await host.chooseOpenPath(), 'read');
    },
    'file.chooseExport': async ({ suggestedName }) => {
      const name = suggestedFileName(suggestedName);
      if (host.downloads) return grants.grant(host.downloads.slot(name), 'write', { name, download: true });
      if (host.chooseSavePath === undefined) throw new UnsupportedError('this host cannot save files');
      return granted(await host.chooseSavePath(name, 'export'), 'write');
    },
    'file.chooseGoMicroFolder': async () => {
      if (host.chooseFolder === undefined) {
        throw new UnsupportedError(
          'browser mode opens only the store serve was started with: run serve --store FOLDER to inspect a go-micro store',
        );
      }
      return granted(await host.chooseFolder(defaultGoMicroFolder()), 'store');
    },
    'import.preview': async ({ taskId, file, format, database, table }) =>
      tasks.runImport({
        taskId,
        ...importInto(false),
        path: grants.resolve(file, 'read').path,
        format,
        namespace: { database, table },
        policy: 'overwrite',
        dryRun: true,
      }),
    'import.run': async ({ taskId, file, format, database, table, policy, dropUnkept }) => {
      const report = await tasks.runImport({
        taskId,
        dropUnkept,
        ...importInto(true),
        path: grants.resolve(file, 'read').path,
        format,
        namespace: { database, table },
        policy,
        dryRun: false,
      });
      // An uploaded file has done its job: it leaves the server now, not at shutdown.
      grants.releaseTemporary(file);
      return report;
    },
    'export.run': async ({ taskId, file, format, scope }) => {
      const target = writeTarget(file);
      const source = session.path === undefined ? { reader: reading() } : { storePath: session.path };
      const report = await tasks.runExport({
        taskId,
        ...source,
        path: target.path,
        format,
        scope: toExportScope(scope),
        // The native save dialog has already asked before replacing a file; a download slot is always new.
        overwrite: !target.download,
      });
      return {
        name: target.name,
        records: report.records,
        bytes: report.bytes,
        ms: report.ms,
        download: delivered(target),
      };
    },
    'task.cancel': async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
    'changes.since': async ({ seq, limit }) => {
      const watching = backend().watching;
      // Changes a server pushed are listed as they were heard (pushed-changes.ts).
      if (watching?.mode === 'events')
        return { changes: session.pushed.since(seq, limit), latest: session.pushed.latest() };
      // A store without a change log of its own: the page re-reads what it shows on `store-changed`.
      if (watching?.mode !== 'polling' || !watching.changes || !watching.latestChange)
        return { changes: [], latest: 0 };
      return { changes: await watching.changes(seq, limit), latest: await watching.latestChange() };
    },
    'record.duplicate': async ({ database, table, from, to }) => {
      await writer().editing.duplicate({ database, table }, from, to);
      return null;
    },
    'records.setExpiryMatching': async ({ database, table, taskId, filter, expiry }) => ({
      updated: await setExpiryMatching(reading(), expiryEditor(), { database, table }, filter, toExpiryChange(expiry), {
        onProgress: (done, total) => emit({ type: 'progress', task: taskId, done, total }),
      }),
    }),
    'records.countPrefixes': async ({ database, table, prefixes, filter }) =>
      countPrefixes(reading(), { database, table }, prefixes, filter),
    ...analysisHandlers(session, emit, tasks),
    ...copyHandlers({ session, tasks, grants, env, book: connections }),
    ...tableFiguresHandlers(session),
    ...searchHandlers(session, emit, tasks),
    ...pagingIndexHandlers(session),
  };
}

/** Key order is every backend's; any other sort only where the backend lists it (capabilities.sortable). */
function sortsBy(backend: Backend, sort: SortColumn): boolean {
  return sort === 'key' || (backend.capabilities.sortable ?? []).includes(sort);
}

/** A chosen path as a handle for the page; null when the user cancelled. */
function grantedIn(grants: FileGrants) {
  return (path: string | undefined, access: 'read' | 'write' | 'store') =>
    path === undefined ? null : grants.grant(path, access);
}

function toExportScope(scope: ValidArg<'export.run'>['scope']): ExportScope {
  if (scope.kind === 'dump') return scope;
  const namespace = { database: scope.database, table: scope.table };
  return scope.kind === 'table'
    ? { kind: 'table', namespace, filter: scope.filter }
    : { kind: 'selection', namespace, keys: scope.keys };
}

/** A record's own expiry is "ms left": an absolute time becomes the time from now until then. */
function expiryToLife(expiry: ExpirySpec, now: number): number {
  if (expiry.kind === 'none') return 0;
  if (expiry.kind === 'ttl') return expiry.ms === 0 ? 0 : expiry.ms;
  return expiry.at <= now ? -1 : expiry.at - now;
}

function toExpiryChange(expiry: ExpirySpec): ExpiryChange {
  if (expiry.kind === 'none') return { none: true };
  if (expiry.kind === 'ttl') return { ttl: expiry.ms };
  return { at: expiry.at };
}
