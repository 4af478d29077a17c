import { existsSync, statSync } from 'node:fs';
import { MAX_PAGE_SIZE } from '../common/page-limits.js';
import type { StoreInfo } from '../store/inspector-store.js';
import type { DatabaseInfo, TableInfo } from '../store/namespace-counts.js';
import type { Namespace } from '../store/namespaces.js';
import { narrowToPrefix } from '../store/prefix-counts.js';
import type { RecordDetail } from '../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../store/record-filter.js';
import type { PageQuery, RecordPage } from '../store/record-page.js';
import {
  type ListOptions,
  NotFoundError,
  type ReadOptions,
  type Store,
  StoreInputError,
  type StoreOptions,
  type StoreRecord,
  StoreStateError,
} from '../store/types.js';
import { changeTokenOf, tableFiles } from './gomicro-change-token.js';
import { TableCountCache } from './gomicro-counts.js';
import { readBatch, readByKeys, readGoMicroDetail, readValueSlice } from './gomicro-detail.js';
import { fileMtime } from './gomicro-file-stamp.js';
import { isPlainExpiryFilter } from './gomicro-filter.js';
import { type GoMicroLocation, locateGoMicroStore, tableFile } from './gomicro-layout.js';
import { countGoMicroMatching, type ReadContext, readGoMicroPage } from './gomicro-page.js';
import { goMicroReadOnlyError } from './gomicro-read-only.js';
import { createGoMicroStore, type GoMicroFileStore, type GoMicroStoreOptions, translate } from './gomicro-store.js';
import { GoMicroTable } from './gomicro-table.js';

export interface GoMicroStoreInfo extends StoreInfo {
  kind: 'gomicro';
}

/**
 * A go-micro file store with the inspector's methods, shaped like InspectorStore so the API, the change
 * watcher and export can serve either (electron/api/local-store.ts checks that it fits). It reads the
 * files afresh on every call and never writes: it has no editing calls (backends/gomicro-file/ declares the
 * backend read-only), and go-micro's own Store write and delete reject with code `read-only`.
 *
 * What bbolt does not keep is stood in for: a record's `updatedAt` is its file's mtime, its `revision` a
 * digest of its stored bytes, and there is no change log (`latestChange` 0, `changes` empty): the change
 * token alone tells the watcher that a file moved on.
 */
export class GoMicroInspector implements Store {
  readonly kind = 'gomicro' as const;
  private readonly store: GoMicroFileStore;
  private readonly counts = new TableCountCache();
  private readonly now: () => number;
  private location: GoMicroLocation | null = null;
  private closed = false;

  constructor(private readonly config: GoMicroStoreOptions) {
    this.store = createGoMicroStore(config);
    this.now = config.now ?? Date.now;
  }

  async init(options?: StoreOptions): Promise<void> {
    await this.store.init(options);
    this.location = locateGoMicroStore(this.config.path);
  }

  options(): StoreOptions {
    return this.store.options();
  }

  read(key: string, options?: ReadOptions): Promise<StoreRecord[]> {
    return this.store.read(key, options);
  }

  list(options?: ListOptions): Promise<string[]> {
    return this.store.list(options);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.store.close();
  }

  toString(): string {
    return this.store.toString();
  }

  async info(): Promise<GoMicroStoreInfo> {
    const databases = await this.databases();
    const tables = databases.flatMap((database) => database.tables);
    return {
      kind: 'gomicro',
      path: this.config.path,
      fileSize: tableFiles(await this.ready()).reduce((sum, { file }) => sum + fileSize(file), 0),
      // Store Inspector's schema does not apply: go-micro's files have none of their own.
      schemaVersion: 0,
      readOnly: true,
      databases: databases.length,
      tables: tables.length,
      records: tables.reduce((sum, table) => sum + table.count, 0),
    };
  }

  /** Databases and tables in byte order, with live and expired counts (cached per file; see TableCountCache). */
  async databases(): Promise<DatabaseInfo[]> {
    const databases: DatabaseInfo[] = [];
    for (const { database, table, file } of tableFiles(await this.ready())) {
      let current = databases.at(-1);
      if (current?.database !== database) {
        current = { database, tables: [] };
        databases.push(current);
      }
      current.tables.push({ table, ...this.tableCounts(file) });
    }
    return databases;
  }

  async page(namespace: Namespace, query: PageQuery): Promise<RecordPage> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
      throw new StoreInputError(`page size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const table = await this.tableOf(namespace);
    return table === null
      ? { records: [], next: null }
      : this.run(() => readGoMicroPage(table, query, this.context(table)));
  }

  async count(namespace: Namespace, filter: RecordFilter, options: CountOptions = {}): Promise<number> {
    const table = await this.tableOf(namespace);
    if (table === null) return 0;
    const expiry = filter.expiry ?? 'live';
    const plain = isPlainExpiryFilter(filter) && options.before === undefined;
    if (plain && (expiry === 'live' || expiry === 'expired' || expiry === 'all')) {
      const counts = this.run(() => this.counts.counts(table, this.now()));
      const total = expiry === 'all' ? counts.live + counts.expired : expiry === 'live' ? counts.live : counts.expired;
      return options.limit === undefined ? total : Math.min(total, options.limit);
    }
    return this.run(() => countGoMicroMatching(table, filter, this.now(), options));
  }

  /** How many records match the filter under each prefix (the key tree's branches). */
  async countPrefixes(namespace: Namespace, prefixes: readonly string[], filter: RecordFilter): Promise<number[]> {
    const table = await this.tableOf(namespace);
    if (table === null) return prefixes.map(() => 0);
    const now = this.now();
    return this.run(() =>
      prefixes.map((prefix) => {
        const narrowed = narrowToPrefix(filter, prefix);
        return narrowed === undefined ? 0 : countGoMicroMatching(table, narrowed, now);
      }),
    );
  }

  /** One record in full, expired or not; its value cut at `maxBytes` (the rest by `readValue`). */
  async inspect(namespace: Namespace, key: string, maxBytes: number): Promise<RecordDetail> {
    const table = await this.tableOf(namespace);
    const detail =
      table === null ? undefined : this.run(() => readGoMicroDetail(table, key, maxBytes, this.context(table)));
    if (detail === undefined) throw new NotFoundError();
    return detail;
  }

  async readValue(namespace: Namespace, key: string, offset: number, length: number): Promise<Uint8Array> {
    const table = await this.tableOf(namespace);
    const slice = table === null ? undefined : this.run(() => readValueSlice(table, key, offset, length));
    if (slice === undefined) throw new NotFoundError();
    return slice;
  }

  async recordBatch(namespace: Namespace, filter: RecordFilter, after: string | undefined, limit: number) {
    const table = await this.tableOf(namespace);
    return table === null ? [] : this.run(() => readBatch(table, filter, after, limit, this.now()));
  }

  async recordsByKey(namespace: Namespace, keys: string[]): Promise<StoreRecord[]> {
    const table = await this.tableOf(namespace);
    return table === null ? [] : this.run(() => readByKeys(table, keys, this.now()));
  }

  /**
   * Runs `work` as it is. bbolt gives a reader no lock to hold a transaction open with, so each call reads
   * the newest commit: an export taken while the service writes is consistent per batch, not as a whole.
   */
  async readSnapshot<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  /** Changes when a table file appears, goes or commits; see changeTokenOf. */
  changeToken(): string {
    this.ensureOpen();
    this.location ??= locateGoMicroStore(this.config.path);
    return changeTokenOf(this.location);
  }

  /** bbolt keeps no change log, so there are no changes to list: the change token is the only signal. */
  async latestChange(): Promise<number> {
    return 0;
  }

  async changes(_seq: number, _limit?: number): Promise<never[]> {
    return [];
  }

  /** Nothing to index: prefix filters seek in the file's own B+tree. */
  async indexKeys(_maxRows?: number): Promise<number> {
    return 0;
  }

  async write(): Promise<void> {
    throw goMicroReadOnlyError('write a record');
  }

  async delete(): Promise<void> {
    throw goMicroReadOnlyError('delete a record');
  }

  private async ready(): Promise<GoMicroLocation> {
    this.ensureOpen();
    if (this.location === null) await this.init();
    if (this.location === null) throw new StoreStateError('the go-micro store is not initialised', 'closed');
    return this.location;
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreStateError('the go-micro store is closed', 'closed');
  }

  /** The table a namespace names, or null when it has no file (an empty table, as in go-micro). */
  private async tableOf(namespace: Namespace): Promise<GoMicroTable | null> {
    const file = tableFile(await this.ready(), namespace.database, namespace.table);
    return file !== null && existsSync(file) ? new GoMicroTable(file) : null;
  }

  private tableCounts(file: string): Omit<TableInfo, 'table'> {
    try {
      const { live, expired } = this.counts.counts(new GoMicroTable(file), this.now());
      return { count: live, expired };
    } catch (error) {
      // One unreadable table must not hide the others from the sidebar; opening it reports what is wrong.
      if (translate(error) instanceof StoreStateError) return { count: 0, expired: 0 };
      throw error;
    }
  }

  private context(table: GoMicroTable): ReadContext {
    return { now: this.now(), updatedAt: fileMtime(table.path) };
  }

  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw translate(error);
    }
  }
}

export function createGoMicroInspector(options: GoMicroStoreOptions): GoMicroInspector {
  return new GoMicroInspector(options);
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
