import { expiresAtFor, isExpired } from './expiry.js';
import { encodeMetadata } from './metadata.js';
import { type Namespace, Namespaces } from './namespaces.js';
import { prefixConditions, suffixConditions, whereClause } from './record-filter.js';
import { checkCount, checkKey, checkWritableKey, valueBytes } from './record-input.js';
import { RECORD_COLUMNS, type RecordRow, storeRecordOf, toStoreRecord } from './record-row.js';
import { DELETE_RECORD, READ_RECORD_BODY } from './record-sql.js';
import { writeOneRecord } from './single-write.js';
import type { Database } from './sqlite-driver.js';
import { StatementCache } from './statement-cache.js';
import { openStoreFile } from './store-file.js';
import {
  DEFAULT_DATABASE,
  DEFAULT_TABLE,
  type DeleteOptions,
  type ListOptions,
  NotFoundError,
  type ReadOptions,
  type RecordInput,
  type Store,
  type StoreOptions,
  type StoreRecord,
  StoreStateError,
  type WriteOptions,
} from './types.js';
import { WriterSettings } from './writer-settings.js';

export interface SqliteStoreOptions extends StoreOptions {
  /** The SQLite file; default ':memory:'. */
  path?: string;
  /**
   * Open without ever writing: no schema creation, no purge, every writing call rejects. A file this
   * process cannot write opens read-only without being asked (see `readOnlyReason`).
   */
  readOnly?: boolean;
  /** Clock in ms since the epoch; tests inject their own. */
  now?: () => number;
  /**
   * An inspector's store: from opening to closing, every writer of the file (any process) logs its
   * changes for it. A service's store leaves this off, and writes without a change log.
   */
  watchChanges?: boolean;
}

/** What an open store holds; gone after close. */
export interface OpenState {
  db: Database;
  readOnly: boolean;
  /** Why a store opened read-only although writing was asked for (a read-only file, folder or medium). */
  readOnlyReason: string | undefined;
  namespaces: Namespaces;
  statements: StatementCache;
  /** Absent on a read-only connection. */
  writer: WriterSettings | undefined;
}

/** go-micro's Store over one SQLite file (docs/store-semantics.md). The inspector's methods extend it. */
export class SqliteStore implements Store {
  protected readonly path: string;
  private readonly readOnlyAsked: boolean;
  protected readonly now: () => number;
  private settings: StoreOptions;
  private state: OpenState | undefined;
  private closed = false;
  private writesStarted = 0;

  constructor(options: SqliteStoreOptions = {}) {
    const { path, readOnly, now, watchChanges: _watch, ...storeOptions } = options;
    this.path = path ?? ':memory:';
    this.readOnlyAsked = readOnly ?? false;
    this.now = now ?? Date.now;
    this.settings = mergeOptions({}, storeOptions);
  }

  async init(options: StoreOptions = {}): Promise<void> {
    this.settings = mergeOptions(this.settings, options);
    this.open();
  }

  options(): StoreOptions {
    return {
      ...this.settings,
      database: this.settings.database || DEFAULT_DATABASE,
      table: this.settings.table || DEFAULT_TABLE,
    };
  }

  async read(key: string, options: ReadOptions = {}): Promise<StoreRecord[]> {
    const { namespaces, statements } = this.open();
    checkKey(key);
    const nsId = namespaces.find(this.namespace(options));
    if (!options.prefix && !options.suffix) {
      const now = this.now();
      const row =
        nsId === undefined ? undefined : statements.get<Omit<RecordRow, 'key'>>(READ_RECORD_BODY).get(nsId, key);
      if (row === undefined || isExpired(row.expires_at, now)) throw new NotFoundError();
      return [storeRecordOf(key, row, now)];
    }
    const paging = { limit: checkCount(options.limit, 'limit'), offset: checkCount(options.offset, 'offset') };
    if (nsId === undefined) return [];
    const now = this.now();
    const match = { prefix: options.prefix ? key : '', suffix: options.suffix ? key : '' };
    const query = matchQuery(RECORD_COLUMNS, nsId, match, paging, now);
    return statements
      .get<RecordRow>(query.sql)
      .all(...query.params)
      .map((row) => toStoreRecord(row, now));
  }

  async write(record: RecordInput, options: WriteOptions = {}): Promise<void> {
    const state = this.openForWriting();
    if (typeof record !== 'object' || record === null) throw new TypeError('record must be an object');
    const key = checkWritableKey(record.key);
    const value = valueBytes(record.value);
    const metadata = encodeMetadata(record.metadata);
    const now = this.now();
    const expiresAt = expiresAtFor(record.expiry, options, now);
    const namespace = this.namespace(options);
    const values = { key, value, metadata, expiresAt, updatedAt: now };
    this.withNamespace(state, namespace, now, (nsId) => writeOneRecord(state.db, state.statements, nsId, values));
  }

  async delete(key: string, options: DeleteOptions = {}): Promise<void> {
    const { namespaces, statements } = this.openForWriting();
    checkKey(key);
    const nsId = namespaces.find(this.namespace(options));
    if (nsId !== undefined) statements.get(DELETE_RECORD).run(nsId, key);
  }

  async list(options: ListOptions = {}): Promise<string[]> {
    const { namespaces, statements } = this.open();
    const prefix = checkKey(options.prefix ?? '', 'prefix');
    const suffix = checkKey(options.suffix ?? '', 'suffix');
    const paging = { limit: checkCount(options.limit, 'limit'), offset: checkCount(options.offset, 'offset') };
    const nsId = namespaces.find(this.namespace(options));
    if (nsId === undefined) return [];
    const query = matchQuery('key', nsId, { prefix, suffix }, paging, this.now());
    return statements
      .get<string>(query.sql)
      .pluck()
      .all(...query.params);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.state?.db.close();
    this.state = undefined;
  }

  toString(): string {
    return 'sqlite';
  }

  /** Read-only as asked, or (once open) because the file cannot be written. */
  protected get readOnly(): boolean {
    return this.readOnlyAsked || (this.state?.readOnly ?? false);
  }

  /** Why the open store is read-only although writing was asked for; undefined when it is not, or was asked. */
  readOnlyReason(): string | undefined {
    return this.open().readOnlyReason;
  }

  /** The open state, opening (and checking) the file on first use, as go-micro's Init would. */
  protected open(): OpenState {
    if (this.closed) throw new StoreStateError('the store is closed', 'closed');
    if (this.state === undefined) {
      const { db, readOnly, readOnlyReason } = openStoreFile(this.path, this.readOnlyAsked);
      const writer = readOnly ? undefined : new WriterSettings(db);
      const namespaces = new Namespaces(db);
      this.state = { db, readOnly, readOnlyReason, namespaces, statements: new StatementCache(db), writer };
    }
    return this.state;
  }

  /** The open state without opening: undefined before first use and after close. */
  protected openIfOpen(): OpenState | undefined {
    return this.state;
  }

  /**
   * Every call that writes records opens the store through here, so this one counter knows when this
   * connection wrote: SQLite's data_version tells a connection about other connections' commits only.
   */
  protected openForWriting(records = 1): OpenState {
    const state = this.openForUpkeep();
    this.writesStarted++;
    state.writer?.noteWrite(records);
    return state;
  }

  /** How many writes this connection has started (see openForWriting): half of the change token. */
  protected get localWrites(): number {
    return this.writesStarted;
  }

  /** Writable, for bookkeeping that changes no record (the key index): not counted as a write. */
  protected openForUpkeep(): OpenState {
    const state = this.open();
    if (state.readOnlyReason !== undefined) {
      throw new StoreStateError(`the store ${this.path} is open read-only (${state.readOnlyReason})`, 'read-only');
    }
    if (state.readOnly) {
      throw new StoreStateError(`the store ${this.path} is open read-only: nothing can be written`, 'read-only');
    }
    return state;
  }

  /** The namespace a call works in: its own option, else the store's, else the default. */
  protected namespace(options: { database?: string; table?: string }): Namespace {
    return {
      database: options.database || this.settings.database || DEFAULT_DATABASE,
      table: options.table || this.settings.table || DEFAULT_TABLE,
    };
  }

  /** Runs a write in the namespace, creating it when needed, and retrying once if another process deleted it. */
  protected withNamespace<T>(state: OpenState, namespace: Namespace, now: number, write: (nsId: number) => T): T {
    try {
      return write(state.namespaces.ensure(namespace, now));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      state.namespaces.forget();
      return write(state.namespaces.ensure(namespace, now));
    }
  }
}

/**
 * go-micro's matching: prefix and suffix both hold when given; filter, sort by bytes, then page.
 * Expired records are left out by key (the few the expiry index names), so listing keys reads the
 * key index alone instead of every row.
 */
function matchQuery(
  columns: string,
  nsId: number,
  match: { prefix: string; suffix: string },
  paging: { limit: number; offset: number },
  now: number,
) {
  const where = whereClause([
    { sql: 'ns = ?', params: [nsId] },
    ...prefixConditions(match.prefix),
    ...suffixConditions(match.suffix),
    { sql: 'key NOT IN (SELECT key FROM records WHERE ns = ? AND expires_at < ?)', params: [nsId, now] },
  ]);
  return {
    sql: `SELECT ${columns} FROM records WHERE ${where.sql} ORDER BY key LIMIT ? OFFSET ?`,
    // SQLite reads LIMIT -1 as "no limit".
    params: [...where.params, paging.limit || -1, paging.offset],
  };
}

/** init() merges: an empty string or a missing field leaves what was set before. */
function mergeOptions(current: StoreOptions, next: StoreOptions): StoreOptions {
  const merged: StoreOptions = { ...current };
  if (next.database) merged.database = next.database;
  if (next.table) merged.table = next.table;
  if (next.nodes !== undefined) merged.nodes = [...next.nodes];
  return merged;
}
