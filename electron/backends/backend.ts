/**
 * The seam every store the inspector opens stands behind: our SQLite file, go-micro's file store, and
 * go-micro's remote stores. What a backend can do is declared in `capabilities`, and a part it lacks is
 * absent rather than a stub that throws: a read-only backend has no `editing`, a backend without a change
 * feed no `watching`. docs/backends.md says how today's InspectorBackend maps onto it.
 */
import type { BackendKind } from '../common/backend-refusals.js';
import type { SortColumn } from '../common/sort-columns.js';
import type { BulkWriteReport, ConflictPolicy } from '../store/bulk-writes.js';
import type { Change } from '../store/change-feed.js';
import type { ExpiryChange, StoreInfo } from '../store/inspector-store.js';
import type { DatabaseInfo } from '../store/namespace-counts.js';
import type { Namespace } from '../store/namespaces.js';
import type { RecordDetail } from '../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../store/record-filter.js';
import type { PageQuery, RecordPage } from '../store/record-page.js';
import type { SortedColumn } from '../store/sort-indexes.js';
import type { AnalysisOptions, TableAnalysis } from '../store/store-analysis.js';
import type { RecordInput, StoreRecord } from '../store/types.js';

export type { BackendKind };

/** How external writes reach the inspector: pushed by the server, found by polling, or not at all. */
export type LiveChanges = 'events' | 'polling' | 'none';

export interface BackendCapabilities {
  reading: true;
  /** Mirrors the presence of `Backend.editing`. */
  editing: boolean;
  /** Each record may carry its own expiry (NATS KV: only a whole bucket may). */
  perRecordExpiry: boolean;
  /** Records carry go-micro's metadata map (Redis and MySQL keep none). */
  metadata: boolean;
  liveChanges: LiveChanges;
  /** A table's count is cheap enough to show beside every page (Redis: only by a full SCAN). */
  cheapCount: boolean;
  /** Pages come in key byte order from the server (Redis SCAN: no order). */
  orderedPaging: boolean;
  /** Databases and tables can be listed (Redis: the user names the table). */
  listsTables: boolean;
  /**
   * The columns a page may be sorted by (PageQuery.sort). Absent: key order only. A backend lists a column
   * only where a sorted page costs about what a key-ordered one does, or says what it costs (docs/benchmarks.md).
   */
  sortable?: readonly SortColumn[];
}

export interface BackendReading {
  databases(): Promise<DatabaseInfo[]>;
  /** Keyset paging in key byte order (Go's string order), never OFFSET. */
  page(namespace: Namespace, query: PageQuery): Promise<RecordPage>;
  count(namespace: Namespace, filter: RecordFilter, options?: CountOptions): Promise<number>;
  /** Expired records too, when the backend still holds them. */
  inspect(namespace: Namespace, key: string, maxBytes: number): Promise<RecordDetail>;
  readValue(namespace: Namespace, key: string, offset: number, length: number): Promise<Uint8Array>;
  /** Whole records for export and copy, in key order after `after`. */
  recordBatch(
    namespace: Namespace,
    filter: RecordFilter,
    after: string | undefined,
    limit: number,
  ): Promise<StoreRecord[]>;
  recordsByKey(namespace: Namespace, keys: string[]): Promise<StoreRecord[]>;
  /**
   * How many records match the filter under each prefix (the key tree's branches), in one call. Optional:
   * without it the session counts each prefix with `count` (electron/api/prefix-counts-fallback.ts).
   */
  countPrefixes?(namespace: Namespace, prefixes: readonly string[], filter: RecordFilter): Promise<number[]>;
  /** A picture of a table (docs/analysis.md); absent where the backend cannot draw one cheaply. */
  analyse?(namespace: Namespace, options: AnalysisOptions): Promise<TableAnalysis>;
  /**
   * The server's own estimate of a table's rows (expired included), read from its catalog without touching
   * the table: where `cheapCount` is false (Postgres, MySQL), shown as "~N" until an exact count is asked
   * for. Null when the server has none yet (a table never analysed).
   */
  estimatedCount?(namespace: Namespace): Promise<number | null>;
  /** Where tables cannot be listed (Redis): key prefixes many keys of a sample share, most common first. */
  suggestTables?(sampleSize?: number): Promise<TableSuggestion[]>;
  /** How a database's records are kept where that varies per database (a NATS bucket's key encoding). */
  bucketInfo?(database: string): Promise<BucketInfo>;
  /**
   * Whether an index answers a table's pages in key byte order, and if not the DDL that would (Postgres under
   * a language collation, MySQL's go-micro table): docs/backends.md, "Paging index". Absent where pages
   * always read an index.
   */
  pagingIndex?(namespace: Namespace): Promise<PagingIndexPlan>;
}

export interface PagingIndexPlan {
  /**
   * What adds the index (one statement, or several `;`-separated), exactly as `editing.indexForPaging` runs
   * it; null: pages read an index already.
   */
  statement: string | null;
}

export interface TableSuggestion {
  prefix: string;
  /** Keys of the sample starting with it. */
  sampled: number;
}

export interface BucketInfo {
  /** base32 (go-micro's EncodeKeys) or plain; `source`: named in the URL, detected from the keys, or the default. */
  keyEncoding: { encoding: 'base32' | 'plain'; source: 'chosen' | 'detected' | 'default' };
  /** The bucket's TTL in ms (0: none). */
  ttlMs: number;
  description: string;
}

/** Progress of a long change, in records: how many are done of how many. */
export interface ProgressOptions {
  onProgress?: (done: number, total: number) => void;
}

/**
 * Present only when the backend can write. A record asking for what the backend cannot keep (metadata on
 * Redis, a TTL on NATS) is refused with RefusedError, never stored without it.
 */
export interface BackendEditing {
  createTable(namespace: Namespace): Promise<void>;
  /** `expectedRevision` null: the key must not exist. Throws ConflictError when the record moved on. */
  writeIfUnchanged(namespace: Namespace, record: RecordInput, expectedRevision: string | null): Promise<string>;
  writeMany(namespace: Namespace, records: RecordInput[], policy?: ConflictPolicy): Promise<BulkWriteReport>;
  /**
   * Why the server could not take this record whole (a value past its message size limit: NATS's
   * max_payload), or undefined when it can: a copy or an import asks before writing anything. Absent where
   * the server's own write refuses it within a transaction (MySQL's 65,535-byte column, my-record-input.ts).
   */
  oversize?(namespace: Namespace, record: RecordInput): string | undefined;
  /**
   * Why the server cannot hold each of these keys (a plain NATS KV key with a space), one reason per key it
   * cannot hold, in the order given; empty when it holds them all. A copy or an import asks before writing.
   */
  unheldKeys?(namespace: Namespace, keys: readonly string[]): Promise<string[]>;
  deleteMany(namespace: Namespace, keys: string[]): Promise<number>;
  deleteMatching(namespace: Namespace, filter: RecordFilter): Promise<number>;
  /** Absent where per-record expiry is (capabilities.perRecordExpiry false). */
  setExpiry?(namespace: Namespace, keys: string[], change: ExpiryChange): Promise<number>;
  rename(namespace: Namespace, from: string, to: string): Promise<void>;
  duplicate(namespace: Namespace, from: string, to: string): Promise<void>;
  /**
   * Sets the expiry of every record the filter matches, in batches, with progress. Optional: without it the
   * session pages the matching keys through `setExpiry` itself.
   */
  setExpiryMatching?(
    namespace: Namespace,
    filter: RecordFilter,
    change: ExpiryChange,
    options?: ProgressOptions,
  ): Promise<number>;
  /**
   * Removes the expired records the store still holds (SQLite keeps them until purged). Absent where the
   * server drops them itself (Redis, NATS) or where the data is a service's to manage.
   */
  purgeExpired?(): Promise<number>;
  /**
   * Runs `work` in one transaction: every table it makes and record it writes lands at the commit, or none
   * does (a failure, a cancel, a lost connection). Absent where the store has no transaction across calls
   * (Redis, NATS): a copy or import there goes batch by batch (docs/import-export.md, "Copy between stores").
   */
  transaction?<T>(work: (tx: TransactionWriting) => Promise<T>): Promise<T>;
  /**
   * Builds what makes pages sorted by `column` read in order (SQLite: an index every writer then keeps, so
   * it is built only once someone sorts by it); absent where sorting needs nothing built.
   */
  indexForSort?(column: SortedColumn): Promise<boolean>;
  /**
   * Runs `reading.pagingIndex`'s statement, only ever on the user's say-so (it changes a service's schema,
   * never what go-micro reads or writes). Returns false when an index already pages the table.
   */
  indexForPaging?(namespace: Namespace): Promise<boolean>;
}

/** What runs inside `BackendEditing.transaction`: table creation and many-record writes, uncommitted. */
export interface TransactionWriting {
  createTable(namespace: Namespace): Promise<void>;
  writeMany(namespace: Namespace, records: RecordInput[], policy: ConflictPolicy): Promise<BulkWriteReport>;
}

/** Work a backend does for itself while the user is idle (SQLite: filling its key index a chunk at a time). */
export interface BackendUpkeep {
  /** Returns how much it did (0: nothing left to do). */
  indexKeys(maxRows?: number): Promise<number>;
}

/** Pushed changes (NATS watch, Redis keyspace notifications). Returns the unsubscribe. */
export interface EventWatching {
  mode: 'events';
  /**
   * `onReady` runs once the server is sending this table's changes: whatever changed between the caller's
   * last read and then was not reported, so the caller reads again (docs/backends.md, "Live").
   */
  subscribe(namespace: Namespace, onChange: (change: Change) => void, onReady?: () => void): () => void;
}

/** Polled changes: a token that moves when something committed (SQLite's data_version, a max(xmin)). */
export interface PolledWatching {
  mode: 'polling';
  changeToken(namespace: Namespace): Promise<string>;
  /** Our own change log, where the backend keeps one (SQLite); remote backends re-read what is on screen. */
  changes?(seq: number, limit?: number): Promise<Change[]>;
  /** The newest change's sequence number in that log; present with `changes`. */
  latestChange?(): Promise<number>;
}

export interface Backend {
  readonly kind: BackendKind;
  readonly capabilities: BackendCapabilities;
  /** The connection as a person may see it: the password masked. */
  readonly display: string;
  readonly reading: BackendReading;
  readonly editing?: BackendEditing;
  readonly watching?: EventWatching | PolledWatching;
  /** Present where the backend has idle-time upkeep of its own (SQLite). */
  readonly upkeep?: BackendUpkeep;
  /**
   * The open store's figures as the status bar shows them (a file's size and schema, read-only and why).
   * Optional: without it the session adds up `reading.databases()` (electron/api/store-session.ts).
   */
  info?(): Promise<StoreInfo>;
  close(): Promise<void>;
}

export type EditableBackend = Backend & { readonly editing: BackendEditing };

export function canEdit(backend: Backend): backend is EditableBackend {
  return backend.editing !== undefined;
}
