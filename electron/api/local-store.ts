/**
 * A store in a file on this machine, as its own classes answer before the Backend adapters wrap it
 * (backends/sqlite/, backends/gomicro-file/): our SQLite store (InspectorStore), go-micro's file store
 * (GoMicroInspector, which has no editing calls), or either on store threads of its own (ThreadedBackend,
 * whose calls are these methods by name). The CLI's go-micro commands (read, write, list, delete) call the
 * go-micro Store methods on it directly, so they behave exactly as `micro store` does.
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
import type { SortedColumn } from '../store/sort-indexes.js';
import type { AnalysisOptions, TableAnalysis } from '../store/store-analysis.js';
import type { RecordInput, Store, StoreRecord } from '../store/types.js';
import type { ThreadedBackend } from './store-worker/threaded-backend.js';

/** Which reader a local file needs: told apart by content (gomicro/store-file-kind.ts). */
export type LocalKind = 'sqlite' | 'gomicro';

export interface StoreReading {
  info(): Promise<StoreInfo>;
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

/** The SQLite store's editing calls; go-micro's file reader has none. */
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
  /** Builds the index a sorted page reads (store/sort-indexes.ts); false when there was nothing to build. */
  indexForSort(column: SortedColumn): Promise<boolean>;
}

/** A picture of a table (docs/analysis.md), drawn by SQL aggregates on the store's own thread. */
export interface StoreAnalysing {
  analyse(namespace: Namespace, options: AnalysisOptions): Promise<TableAnalysis>;
}

/** Every call a local store may answer: what the store threads serve by name. */
export interface LocalStore extends Store, StoreReading, StoreWatching, StoreEditing, StoreAnalysing {}

/** A local store that reads only (go-micro's files): no editing calls at all. */
export type ReadingLocalStore = Store & StoreReading & StoreWatching;

/** Fails to compile when a local store stops fitting. */
type Fits<T extends LocalStore> = T;
type FitsReading<T extends ReadingLocalStore> = T;
export type SqliteLocalStore = Fits<InspectorStore>;
export type ThreadedLocalStore = Fits<ThreadedBackend>;
export type GoMicroLocalStore = FitsReading<GoMicroInspector>;
