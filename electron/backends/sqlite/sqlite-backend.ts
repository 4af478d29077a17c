/**
 * Our SQLite store behind the Backend seam (docs/backends.md, "How today's two backends sit on it"). The
 * store's calls come from InspectorStore in this thread or from its store threads (api/store-worker/); both
 * answer the same methods, so one adapter serves either. A store open read-only gets no `editing` part.
 */
import { SORT_COLUMNS } from '../../common/sort-columns.js';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { Change } from '../../store/change-feed.js';
import type { ExpiryChange, StoreInfo } from '../../store/inspector-store.js';
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import type { Namespace } from '../../store/namespaces.js';
import type { RecordDetail } from '../../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import type { SortedColumn } from '../../store/sort-indexes.js';
import type { AnalysisOptions, TableAnalysis } from '../../store/store-analysis.js';
import type { RecordInput, StoreRecord } from '../../store/types.js';
import type {
  Backend,
  BackendCapabilities,
  BackendEditing,
  BackendReading,
  BackendUpkeep,
  PolledWatching,
  ProgressOptions,
} from '../backend.js';
import { sqliteTransaction } from './sqlite-transaction.js';

/** The SQLite store's calls the adapter uses: InspectorStore's methods, in-thread or over messages. */
export interface SqliteCalls {
  info(): Promise<StoreInfo>;
  databases(): Promise<DatabaseInfo[]>;
  page(namespace: Namespace, query: PageQuery): Promise<RecordPage>;
  count(namespace: Namespace, filter: RecordFilter, options?: CountOptions): Promise<number>;
  countPrefixes(namespace: Namespace, prefixes: readonly string[], filter: RecordFilter): Promise<number[]>;
  analyse(namespace: Namespace, options: AnalysisOptions): Promise<TableAnalysis>;
  inspect(namespace: Namespace, key: string, maxBytes: number): Promise<RecordDetail>;
  readValue(namespace: Namespace, key: string, offset: number, length: number): Promise<Uint8Array>;
  recordBatch(
    namespace: Namespace,
    filter: RecordFilter,
    after: string | undefined,
    limit: number,
  ): Promise<StoreRecord[]>;
  recordsByKey(namespace: Namespace, keys: string[]): Promise<StoreRecord[]>;
  /** Synchronous in-thread, a promise from the store threads. */
  changeToken(): string | Promise<string>;
  latestChange(): Promise<number>;
  changes(seq: number, limit?: number): Promise<Change[]>;
  indexKeys(maxRows?: number): Promise<number>;
  createTable(namespace: Namespace): Promise<void>;
  writeIfUnchanged(namespace: Namespace, record: RecordInput, expectedRevision: string | null): Promise<string>;
  writeMany(namespace: Namespace, records: RecordInput[], policy?: ConflictPolicy): Promise<BulkWriteReport>;
  deleteMany(namespace: Namespace, keys: string[]): Promise<number>;
  deleteMatching(namespace: Namespace, filter: RecordFilter): Promise<number>;
  setExpiry(namespace: Namespace, keys: string[], change: ExpiryChange): Promise<number>;
  rename(namespace: Namespace, from: string, to: string): Promise<void>;
  duplicate(namespace: Namespace, from: string, to: string): Promise<void>;
  setExpiryMatching(
    namespace: Namespace,
    filter: RecordFilter,
    change: ExpiryChange,
    options?: ProgressOptions,
  ): Promise<number>;
  purgeExpired(): Promise<number>;
  indexForSort(column: SortedColumn): Promise<boolean>;
  close(): Promise<void>;
}

export interface SqliteBackendOptions {
  /** The file as the user named it. */
  display: string;
  /** False when the store opened read-only (asked for, or a file this user cannot write). */
  writable: boolean;
  /** The file itself: with it, editing gains `transaction` on a connection of its own. */
  path?: string;
}

const CAPABILITIES: Omit<BackendCapabilities, 'editing'> = {
  reading: true,
  perRecordExpiry: true,
  metadata: true,
  liveChanges: 'polling',
  // Counts come from bookkeeping the store keeps per table.
  cheapCount: true,
  orderedPaging: true,
  listsTables: true,
  // Each through its own index (docs/file-format.md, "Sort indexes").
  sortable: SORT_COLUMNS,
};

export function sqliteBackend(store: SqliteCalls, { display, writable, path }: SqliteBackendOptions): Backend {
  const upkeep: BackendUpkeep = { indexKeys: (maxRows) => store.indexKeys(maxRows) };
  return {
    kind: 'sqlite',
    capabilities: { ...CAPABILITIES, editing: writable },
    display,
    reading: sqliteReading(store),
    ...(writable ? { editing: sqliteEditing(store, path), upkeep } : {}),
    watching: sqliteWatching(store),
    info: () => store.info(),
    close: () => store.close(),
  };
}

function sqliteReading(store: SqliteCalls): BackendReading {
  return {
    databases: () => store.databases(),
    page: (ns, query) => store.page(ns, query),
    count: (ns, filter, options) => store.count(ns, filter, options),
    countPrefixes: (ns, prefixes, filter) => store.countPrefixes(ns, prefixes, filter),
    analyse: (ns, options) => store.analyse(ns, options),
    inspect: (ns, key, maxBytes) => store.inspect(ns, key, maxBytes),
    readValue: (ns, key, offset, length) => store.readValue(ns, key, offset, length),
    recordBatch: (ns, filter, after, limit) => store.recordBatch(ns, filter, after, limit),
    recordsByKey: (ns, keys) => store.recordsByKey(ns, keys),
  };
}

function sqliteEditing(store: SqliteCalls, path: string | undefined): BackendEditing {
  return {
    ...(path === undefined ? {} : { transaction: (work) => sqliteTransaction(path, work) }),
    createTable: (ns) => store.createTable(ns),
    writeIfUnchanged: (ns, record, revision) => store.writeIfUnchanged(ns, record, revision),
    writeMany: (ns, records, policy) => store.writeMany(ns, records, policy),
    deleteMany: (ns, keys) => store.deleteMany(ns, keys),
    deleteMatching: (ns, filter) => store.deleteMatching(ns, filter),
    setExpiry: (ns, keys, change) => store.setExpiry(ns, keys, change),
    rename: (ns, from, to) => store.rename(ns, from, to),
    duplicate: (ns, from, to) => store.duplicate(ns, from, to),
    setExpiryMatching: (ns, filter, change, options) => store.setExpiryMatching(ns, filter, change, options),
    purgeExpired: () => store.purgeExpired(),
    indexForSort: (column) => store.indexForSort(column),
  };
}

/** data_version moves on every commit by any process; the change log says what changed. */
function sqliteWatching(store: SqliteCalls): PolledWatching {
  return {
    mode: 'polling',
    changeToken: async () => store.changeToken(),
    changes: (seq, limit) => store.changes(seq, limit),
    latestChange: () => store.latestChange(),
  };
}
