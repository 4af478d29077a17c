import { BulkSession } from './bulk-session.js';
import { type BulkWriteReport, type ConflictPolicy, writeRecords } from './bulk-writes.js';
import { type Change, changesSince, latestChange, WatchLease } from './change-feed.js';
import { expiresAtFor } from './expiry.js';
import { setExpiryBatch } from './expiry-matching.js';
import { fileBytes } from './file-bytes.js';
import { upkeepDue } from './index-coverage.js';
import { indexPendingKeys, upkeepTransaction } from './key-index.js';
import { createMetadataIndex, dropMetadataIndex, indexedMetadataFields } from './metadata-index.js';
import { indexPendingMetadata } from './metadata-values.js';
import { type DatabaseInfo, listDatabases, liveCount } from './namespace-counts.js';
import type { Namespace } from './namespaces.js';
import { countPrefixes } from './prefix-counts.js';
import { readRecordBatch, readRecordsByKey } from './record-batches.js';
import { copyRecord } from './record-copy.js';
import { type RecordDetail, readDetail, readValueSlice, writeChecked } from './record-detail.js';
import { type CountOptions, filterConditions, isWholeTable, type RecordFilter, whereClause } from './record-filter.js';
import { checkKey, checkWritableKey } from './record-input.js';
import { countMatching, MAX_PAGE_SIZE, type PageQuery, type RecordPage, readPage } from './record-page.js';
import {
  COPY_RECORD_TO_KEY,
  DELETE_RECORD,
  NAMESPACE_IDS,
  PURGE_EXPIRED,
  RECORD_EXISTS,
  SET_RECORD_EXPIRY,
} from './record-sql.js';
import { SCHEMA_VERSION } from './schema.js';
import { beforeBatch, beginSetBasedBooks, finishSetBasedBooks } from './set-based-books.js';
import { createSortIndex, hasSortIndex, type SortedColumn } from './sort-indexes.js';
import { type OpenState, SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
import { noteStaleRecords, staleRecordsToNote } from './stale-notes.js';
import { type AnalysisOptions, analyseTable, type TableAnalysis } from './store-analysis.js';
import { NotFoundError, type RecordInput, StoreInputError } from './types.js';
import { indexPendingValues } from './value-index.js';

export interface StoreInfo {
  path: string;
  /** Bytes of the database file plus its write-ahead log. */
  fileSize: number;
  schemaVersion: number;
  readOnly: boolean;
  /** Why it is read-only when nobody asked for that (the file, its folder or its medium cannot be written). */
  readOnlyReason?: string;
  databases: number;
  tables: number;
  records: number;
}

/** Expiry to set on existing records: a time to live, an absolute time (ms since the epoch), or none. */
export type ExpiryChange = { ttl: number } | { at: number } | { none: true };

/** The Store plus what the inspector needs beyond go-micro (docs/store-semantics.md §6). */
export class InspectorStore extends SqliteStore {
  private readonly lease = new WatchLease();
  private readonly watching: boolean;

  constructor(options: SqliteStoreOptions = {}) {
    super(options);
    this.watching = options.watchChanges === true;
  }

  async info(): Promise<StoreInfo> {
    const { db } = this.open();
    const databases = await this.databases();
    const tables = databases.flatMap((database) => database.tables);
    return {
      path: this.path,
      fileSize: this.path === ':memory:' ? 0 : fileBytes(this.path),
      schemaVersion: Number(db.pragma('user_version', { simple: true })) || SCHEMA_VERSION,
      readOnly: this.readOnly,
      ...(this.readOnlyReason() === undefined ? {} : { readOnlyReason: this.readOnlyReason() }),
      databases: databases.length,
      tables: tables.length,
      records: tables.reduce((sum, table) => sum + table.count, 0),
    };
  }

  /** Databases and their tables with live and expired counts. */
  async databases(): Promise<DatabaseInfo[]> {
    return listDatabases(this.open().statements, this.now());
  }

  /** Makes an empty table visible before anything is written to it. */
  async createTable(namespace: Namespace): Promise<void> {
    const state = this.openForWriting();
    state.namespaces.ensure(checkNamespace(namespace), this.now());
  }

  async page(namespace: Namespace, query: PageQuery): Promise<RecordPage> {
    const { namespaces, statements } = this.open();
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
      throw new StoreInputError(`page size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const nsId = namespaces.find(namespace);
    if (nsId === undefined) return { records: [], next: null };
    return readPage(statements, nsId, query, this.now());
  }

  /** How many records match; the whole table's live count comes from the kept counts, without a scan. */
  async count(namespace: Namespace, filter: RecordFilter, options: CountOptions = {}): Promise<number> {
    const { namespaces, statements } = this.open();
    const nsId = namespaces.find(namespace);
    if (nsId === undefined) return 0;
    if (isWholeTable(filter) && options.before === undefined) {
      const live = liveCount(statements, nsId, this.now());
      return options.limit === undefined ? live : Math.min(live, options.limit);
    }
    return countMatching(statements, nsId, filter, this.now(), options);
  }

  /** How many records match the filter under each prefix (the key tree's branches), from one read. */
  async countPrefixes(namespace: Namespace, prefixes: readonly string[], filter: RecordFilter): Promise<number[]> {
    const { db, namespaces, statements } = this.open();
    const nsId = namespaces.find(namespace);
    if (nsId === undefined) return prefixes.map(() => 0);
    return countPrefixes(db, statements, nsId, prefixes, filter, this.now());
  }

  /** A picture of the table's matching records (docs/analysis.md), from SQL aggregates on this connection. */
  async analyse(namespace: Namespace, options: AnalysisOptions): Promise<TableAnalysis> {
    const { db, namespaces, statements } = this.open();
    return analyseTable(db, statements, namespaces.find(namespace), options, this.now());
  }

  /** One record in full, expired or not; its value cut at `maxBytes` (the rest by `readValue`). */
  async inspect(namespace: Namespace, key: string, maxBytes: number): Promise<RecordDetail> {
    const { namespaces, statements } = this.open();
    const nsId = namespaces.find(namespace);
    const detail = nsId === undefined ? undefined : readDetail(statements, nsId, checkKey(key), maxBytes, this.now());
    if (detail === undefined) throw new NotFoundError();
    return detail;
  }

  async readValue(namespace: Namespace, key: string, offset: number, length: number): Promise<Uint8Array> {
    const { namespaces, statements } = this.open();
    const nsId = namespaces.find(namespace);
    const slice = nsId === undefined ? undefined : readValueSlice(statements, nsId, checkKey(key), offset, length);
    if (slice === undefined) throw new NotFoundError();
    return slice;
  }

  /**
   * Writes a record only if it is still at `expectedRevision` (null: only if it does not exist), so
   * an edit never silently overwrites a change made since it was opened. Returns the new revision.
   */
  async writeIfUnchanged(namespace: Namespace, record: RecordInput, expectedRevision: string | null): Promise<string> {
    const state = this.openForWriting();
    const now = this.now();
    const revision = this.withNamespace(state, checkNamespace(namespace), now, (nsId) =>
      writeChecked(state, nsId, record, expectedRevision, now),
    );
    return revision;
  }

  /** Writes many records in one transaction: all or nothing. */
  async writeMany(namespace: Namespace, records: RecordInput[], policy: ConflictPolicy = 'overwrite') {
    const state = this.openForWriting(records.length);
    const now = this.now();
    const report = this.withNamespace(state, checkNamespace(namespace), now, (nsId) =>
      state.db
        .transaction(() => {
          const books = beginSetBasedBooks(state.statements);
          beforeBatch(state.db, state.statements, books, records.length);
          const written = writeRecords(state.statements, nsId, records, policy, now);
          finishSetBasedBooks(state.db, state.statements, books, now);
          return written;
        })
        .immediate(),
    );
    return report satisfies BulkWriteReport;
  }

  async deleteMany(namespace: Namespace, keys: string[]): Promise<number> {
    return this.inNamespaceTransaction(namespace, 0, (nsId, { statements }) => {
      let deleted = 0;
      const remove = statements.get(DELETE_RECORD);
      for (const key of keys) deleted += remove.run(nsId, checkKey(key)).changes;
      return deleted;
    });
  }

  /** Deletes every record the filter matches (the grid's "delete all matching"). */
  async deleteMatching(namespace: Namespace, filter: RecordFilter): Promise<number> {
    return this.inNamespaceTransaction(namespace, 0, (nsId, { statements }) => {
      const where = whereClause(filterConditions(nsId, filter, this.now()));
      return statements.get(`DELETE FROM records WHERE ${where.sql}`).run(...where.params).changes;
    });
  }

  async setExpiry(namespace: Namespace, keys: string[], change: ExpiryChange): Promise<number> {
    const now = this.now();
    const expiresAt = expiresAtForChange(change, now);
    return this.inNamespaceTransaction(namespace, 0, (nsId, { statements }) => {
      let updated = 0;
      const update = statements.get(SET_RECORD_EXPIRY);
      for (const key of keys) updated += update.run(expiresAt, now, nsId, checkKey(key)).changes;
      return updated;
    });
  }

  /**
   * Sets the expiry of every record the filter matches, however many: `batchSize` at a time, each batch its
   * own transaction, yielding between batches so other calls and writers go on. One instant for all (a TTL
   * counts from the start). Reports progress after each batch; returns how many records it set.
   */
  async setExpiryMatching(
    namespace: Namespace,
    filter: RecordFilter,
    change: ExpiryChange,
    { onProgress, batchSize = 5_000 }: { onProgress?: (done: number, total: number) => void; batchSize?: number } = {},
  ): Promise<number> {
    const start = this.now();
    const expiresAt = expiresAtForChange(change, start);
    const total = await this.count(namespace, filter);
    let done = 0;
    let after: string | undefined;
    for (;;) {
      const batch = this.inNamespaceTransaction(namespace, undefined, (nsId, { statements }) =>
        setExpiryBatch(statements, nsId, filter, after, batchSize, expiresAt, this.now()),
      );
      if (batch === undefined || batch.updated === 0) return done;
      done += batch.updated;
      after = batch.last;
      onProgress?.(done, Math.max(total, done));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Moves a record to a new key: inserted anew (keys never change in place) and the old one deleted. */
  async rename(namespace: Namespace, from: string, to: string): Promise<void> {
    const target = checkWritableKey(to);
    const missing = () => {
      throw new NotFoundError();
    };
    this.inNamespaceTransaction(namespace, missing, (nsId, { statements }) => {
      const exists = statements.get(RECORD_EXISTS).get(nsId, target);
      if (exists !== undefined) throw new StoreInputError(`key ${JSON.stringify(target)} already exists`);
      const copied = statements.get(COPY_RECORD_TO_KEY).run(target, this.now(), nsId, checkKey(from));
      if (copied.changes === 0) throw new NotFoundError();
      statements.get(DELETE_RECORD).run(nsId, from);
    });
  }

  /** An exact copy of a record (value of any size, metadata, expiry) under a new key; see record-copy.ts. */
  async duplicate(namespace: Namespace, from: string, to: string): Promise<void> {
    const target = checkWritableKey(to);
    const missing = () => {
      throw new NotFoundError();
    };
    this.inNamespaceTransaction(namespace, missing, (nsId, { statements }) =>
      copyRecord(statements, nsId, checkKey(from), target, this.now()),
    );
  }

  /**
   * Fills the key, metadata values and value indexes behind the writers, a chunk of each at a time, after
   * noting the records writers marked as changed (stale-notes.ts); returns how many records it indexed or
   * looked at for marks (0 once all are complete).
   */
  async indexKeys(maxRows = 20_000): Promise<number> {
    const { db, statements } = this.openForUpkeep();
    const keys = indexPendingKeys(db, statements, maxRows);
    const noted = staleRecordsToNote(statements)
      ? upkeepTransaction(db, () => noteStaleRecords(statements, maxRows))
      : 0;
    // The indexes cover the same records: a record counts once.
    const metadata = upkeepDue(statements, 'metadata')
      ? upkeepTransaction(db, () => indexPendingMetadata(statements, maxRows))
      : 0;
    const values = upkeepDue(statements, 'value')
      ? upkeepTransaction(db, () => indexPendingValues(statements, maxRows))
      : 0;
    return Math.max(keys, noted, metadata, values);
  }

  /**
   * Indexes one metadata field, so that filters on it read the index instead of every record.
   * Every writer then updates it too (one more page per commit): index the fields people filter by.
   * Takes the write lock for as long as building takes (seconds at a million records).
   */
  async indexMetadata(field: string): Promise<boolean> {
    const { db, statements } = this.openForWriting();
    const created = createMetadataIndex(db, statements, checkField(field));
    return created;
  }

  /**
   * Builds the index a page sorted by `column` reads (sort-indexes.ts); false when it exists already or the
   * store is read-only (its sorted pages are then sorted by SQLite). Every writer then keeps it too.
   */
  async indexForSort(column: SortedColumn): Promise<boolean> {
    if (this.readOnly || hasSortIndex(this.open().statements, column)) return false;
    const { db, statements } = this.openForWriting();
    return createSortIndex(db, statements, column);
  }

  async dropMetadataIndex(field: string): Promise<boolean> {
    const { db, statements } = this.openForWriting();
    const dropped = dropMetadataIndex(db, statements, checkField(field));
    return dropped;
  }

  /** The metadata fields that have an index. */
  async metadataIndexes(): Promise<string[]> {
    return indexedMetadataFields(this.open().statements);
  }

  /** Removes expired records from every table; returns how many. */
  async purgeExpired(): Promise<number> {
    const { db, statements } = this.openForWriting();
    const purge = statements.get(PURGE_EXPIRED);
    const ids = statements.get<number>(NAMESPACE_IDS).pluck().all();
    const purged = db
      .transaction(() => ids.reduce((sum, id) => sum + purge.run(id, this.now()).changes, 0))
      .immediate();
    return purged;
  }

  /**
   * Starts one transaction for a long import; see BulkSession. Give the import a store of its own:
   * every call on this store joins the transaction until it commits or rolls back.
   */
  beginBulk({ dryRun = false }: { dryRun?: boolean } = {}): BulkSession {
    const { db, statements, namespaces } = dryRun ? this.open() : this.openForWriting();
    return new BulkSession(db, statements, namespaces, this.now, dryRun);
  }

  /**
   * Runs `work` inside one read transaction: everything it reads comes from the same snapshot of
   * the file, whatever other processes commit meanwhile. Use it on a store of its own.
   */
  async readSnapshot<T>(work: () => Promise<T>): Promise<T> {
    const { db } = this.open();
    db.exec('BEGIN');
    try {
      return await work();
    } finally {
      if (db.inTransaction) db.exec('COMMIT');
    }
  }

  /** Whole live records matching a filter, in key order, `limit` after `after`. */
  async recordBatch(namespace: Namespace, filter: RecordFilter, after: string | undefined, limit: number) {
    const { namespaces, statements } = this.open();
    const nsId = namespaces.find(namespace);
    return nsId === undefined ? [] : readRecordBatch(statements, nsId, filter, after, limit, this.now());
  }

  async recordsByKey(namespace: Namespace, keys: string[]) {
    const { namespaces, statements } = this.open();
    const nsId = namespaces.find(namespace);
    return nsId === undefined
      ? []
      : readRecordsByKey(
          statements,
          nsId,
          keys.map((key) => checkKey(key)),
          this.now(),
        );
  }

  /** Changes after `seq` from the change log, whichever process made them. */
  async changes(seq: number, limit = 1_000): Promise<Change[]> {
    return changesSince(this.open().statements, seq, limit);
  }

  async latestChange(): Promise<number> {
    return latestChange(this.open().statements);
  }

  /**
   * Cheap to poll: changes whenever anything was committed to the file, by this connection
   * (counted here) or by any other (SQLite's data_version). Polling it is watching: it keeps this
   * inspector's lease on the change log, so every writer logs while it watches.
   */
  changeToken(): string {
    const { db } = this.watch();
    return `${db.pragma('data_version', { simple: true })}.${this.localWrites}`;
  }

  /** Opens, and keeps this store's lease on the change log when it watches (see watchChanges). */
  protected override open(): OpenState {
    const state = super.open();
    if (this.watching) this.keepLease(state);
    return state;
  }

  /** Polling for changes is watching: it keeps the lease whatever the store was opened for. */
  private watch(): OpenState {
    const state = super.open();
    this.keepLease(state);
    return state;
  }

  private keepLease({ db, statements }: OpenState): void {
    // Inside another transaction a renewal would join it, and vanish with it on a rollback.
    if (!this.readOnly && !db.inTransaction) this.lease.renew(db, statements, this.now());
  }

  /** Stops watching (writers stop logging once no lease is left) and closes the file. */
  override async close(): Promise<void> {
    const state = this.openIfOpen();
    if (state !== undefined && !this.readOnly) this.lease.release(state.statements);
    await super.close();
  }

  /** Runs `work` in one write transaction in an existing namespace; `missing` answers when there is none. */
  private inNamespaceTransaction<T>(
    namespace: Namespace,
    missing: T | (() => T),
    work: (nsId: number, state: OpenState) => T,
  ): T {
    const state = this.openForWriting();
    const nsId = state.namespaces.find(checkNamespace(namespace));
    if (nsId === undefined) return typeof missing === 'function' ? (missing as () => T)() : missing;
    const result = state.db.transaction(() => work(nsId, state)).immediate();
    return result;
  }
}

function checkNamespace(namespace: Namespace): Namespace {
  if (typeof namespace?.database !== 'string' || namespace.database === '') {
    throw new StoreInputError('database must be a non-empty string');
  }
  if (typeof namespace.table !== 'string' || namespace.table === '') {
    throw new StoreInputError('table must be a non-empty string');
  }
  return namespace;
}

function checkField(field: string): string {
  if (typeof field !== 'string' || field === '')
    throw new StoreInputError('a metadata field must be a non-empty string');
  return field;
}

function expiresAtForChange(change: ExpiryChange, now: number): number | null {
  if ('none' in change) return null;
  if ('at' in change) return expiresAtFor(undefined, { expiry: new Date(change.at) }, now);
  return expiresAtFor(change.ttl, {}, now);
}
