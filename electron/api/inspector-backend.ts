/**
 * What the API handlers, the change watcher and export need from an open store, named once, so that a
 * second kind of store (go-micro's files, read-only) can stand where the SQLite store stands. InspectorStore
 * fits it as it is; GoMicroInspector fits it by refusing every writing call with code `read-only`.
 */
import type { GoMicroInspector } from '../gomicro/gomicro-inspector.js';
import type { BulkWriteReport, ConflictPolicy } from '../store/bulk-writes.js';
import type { Change } from '../store/change-feed.js';
import type { ExpiryChange, InspectorStore, StoreInfo } from '../store/inspector-store.js';
import type { DatabaseInfo } from '../store/namespace-counts.js';
import type { Namespace } from '../store/namespaces.js';
import type { RecordDetail } from '../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../store/record-filter.js';
import type { PageQuery, RecordPage } from '../store/record-page.js';
import type { AnalysisOptions, TableAnalysis } from '../store/store-analysis.js';
import type { RecordInput, Store, StoreRecord } from '../store/types.js';
import type { ThreadedBackend } from './store-worker/threaded-backend.js';

export type StoreKind = 'sqlite' | 'gomicro';

/** `kind` is absent from the SQLite store's own info: the session fills it in (see StoreSession.info). */
export type BackendInfo = StoreInfo & { kind?: StoreKind };

export interface StoreReading {
  info(): Promise<BackendInfo>;
  databases(): Promise<DatabaseInfo[]>;
  page(namespace: Namespace, query: PageQuery): Promise<RecordPage>;
  count(namespace: Namespace, filter: RecordFilter, options?: CountOptions): Promise<number>;
  countPrefixes(namespace: Namespace, prefixes: readonly string[], filter: RecordFilter): Promise<number[]>;
  /** Expired records too. */
  inspect(namespace: Namespace, key: string, maxBytes: number): Promise<RecordDetail>;
  readValue(namespace: Namespace, key: string, offset: number, length: number): Promise<Uint8Array>;
  /** Whole records for export, in key order. */
  recordBatch(
    namespace: Namespace,
    filter: RecordFilter,
    after: string | undefined,
    limit: number,
  ): Promise<StoreRecord[]>;
  recordsByKey(namespace: Namespace, keys: string[]): Promise<StoreRecord[]>;
}

/** What the change watcher polls. */
export interface StoreWatching {
  /**
   * Cheap: a new value means something was committed. Synchronous in-thread; a promise from a store that
   * runs on threads of its own (store-worker/threaded-backend.ts).
   */
  changeToken(): string | Promise<string>;
  latestChange(): Promise<number>;
  changes(seq: number, limit?: number): Promise<Change[]>;
  /** Background upkeep while idle; returns how many keys it indexed (0: nothing to do). */
  indexKeys(maxRows?: number): Promise<number>;
}

export interface StoreEditing {
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
    options?: { onProgress?: (done: number, total: number) => void },
  ): Promise<number>;
  purgeExpired(): Promise<number>;
}

/** A picture of a table (docs/analysis.md): only the SQLite store draws one so far, so it is optional. */
export interface StoreAnalysing {
  analyse?(namespace: Namespace, options: AnalysisOptions): Promise<TableAnalysis>;
}

/** go-micro's Store plus everything above: what StoreSession holds and the CLI opens. */
export interface InspectorBackend extends Store, StoreReading, StoreWatching, StoreEditing, StoreAnalysing {}

/** Fails to compile when either backend stops fitting the interface. */
type Fits<T extends InspectorBackend> = T;
export type SqliteBackend = Fits<InspectorStore>;
export type GoMicroBackend = Fits<GoMicroInspector>;
export type ThreadedStore = Fits<ThreadedBackend>;
