import { existsSync } from 'node:fs';
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
} from '../store/types.js';
import { BboltError } from './bbolt-errors.js';
import {
  fileNamespace,
  type GoMicroLocation,
  listGoMicroDatabases,
  listTables,
  locateGoMicroStore,
  TABLE_EXTENSION,
  tableFile,
} from './gomicro-layout.js';
import { checkKey, checkPaging, type Namespace, type ScanOptions, toQuery } from './gomicro-query.js';
import { GoMicroRecordError } from './gomicro-record.js';
import { type GoMicroEntry, GoMicroTable } from './gomicro-table.js';

export type { GoMicroEntry } from './gomicro-table.js';

export interface GoMicroStoreOptions extends StoreOptions {
  /** A go-micro file store folder (`<database>/<table>.db` inside) or one table's `.db` file. */
  path: string;
  /** Clock in ms since the epoch; default Date.now (tests inject their own). */
  now?: () => number;
}

/** What the inspector asks for: a page of records, expired ones on request, with keyset paging. */
export interface EntriesOptions extends ScanOptions {
  includeExpired?: boolean;
}

export interface GoMicroTableFile {
  name: string;
  /** Live records. */
  records: number;
  /** Expired records go-micro left in the file (it never purges them). */
  expired: number;
  /** Set when the table file cannot be read; the counts are then 0. */
  error?: string;
}

/** A broken or foreign bbolt file (or record) as the Store reports it; `source` has the page and file. */
export class GoMicroFileError extends StoreStateError {
  constructor(readonly source: BboltError | GoMicroRecordError) {
    super(
      source.message,
      source instanceof BboltError && source.problem === 'not-bbolt' ? 'foreign-file' : 'corrupt-file',
    );
    this.name = 'GoMicroFileError';
  }
}

/** A reading error as the Store reports it: a broken file or record, or a table file that went away. */
export function translate(error: unknown): unknown {
  if (error instanceof BboltError || error instanceof GoMicroRecordError) return new GoMicroFileError(error);
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
    return new StoreStateError(`${error.message}: the go-micro table file disappeared`, 'missing-file');
  }
  return error;
}

/**
 * go-micro's file store, read-only, on the Store interface. Each call reads the file afresh (bbolt's newest
 * meta page), so it sees what the running service wrote last, and it never writes, locks or creates anything.
 */
export class GoMicroFileStore implements Store {
  private settings: StoreOptions = {};
  private location: GoMicroLocation | null = null;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly config: GoMicroStoreOptions) {
    this.now = config.now ?? Date.now;
    this.merge(config);
  }

  private merge(options: StoreOptions): void {
    if (options.database) this.settings.database = options.database;
    if (options.table) this.settings.table = options.table;
    if (options.nodes) this.settings.nodes = [...options.nodes];
  }

  async init(options: StoreOptions = {}): Promise<void> {
    this.ensureOpen();
    this.merge(options);
    const location = locateGoMicroStore(this.config.path);
    if (location.kind === 'file') this.run(() => new GoMicroTable(location.file).check());
    this.location = location;
  }

  /** The namespace defaults: a lone table file names its own; a folder uses go-micro's `micro`/`micro`. */
  private defaults(): Namespace {
    const location = this.location;
    if (location?.kind === 'file') return { database: location.database, table: location.table };
    if (location === null && this.config.path.endsWith(TABLE_EXTENSION)) return fileNamespace(this.config.path);
    return { database: DEFAULT_DATABASE, table: DEFAULT_TABLE };
  }

  options(): StoreOptions {
    const defaults = this.defaults();
    const resolved: StoreOptions = {
      database: this.settings.database ?? defaults.database,
      table: this.settings.table ?? defaults.table,
    };
    if (this.settings.nodes) resolved.nodes = [...this.settings.nodes];
    return resolved;
  }

  toString(): string {
    return 'gomicro-file';
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async read(key: string, options: ReadOptions = {}): Promise<StoreRecord[]> {
    const table = await this.table(options);
    checkKey(key);
    if (!options.prefix && !options.suffix) return [this.readExact(table, key)];
    checkPaging(options);
    const { limit, offset } = options;
    const scan = { prefix: options.prefix ? key : '', suffix: options.suffix ? key : '', limit, offset };
    if (table === null) return [];
    return this.run(() => table.query(toQuery(scan, false, this.now()))).map(toStoreRecord);
  }

  private readExact(table: GoMicroTable | null, key: string): StoreRecord {
    const entry = table === null || key === '' ? null : this.run(() => table.get(Buffer.from(key), this.now()));
    if (entry === null || entry.expired) throw new NotFoundError();
    return toStoreRecord(entry);
  }

  async list(options: ListOptions = {}): Promise<string[]> {
    const table = await this.table(options);
    checkPaging(options);
    checkKey(options.prefix ?? '');
    checkKey(options.suffix ?? '');
    if (table === null) return [];
    return this.run(() => table.keys(toQuery(options, false, this.now())));
  }

  async write(_record: RecordInput, _options?: WriteOptions): Promise<void> {
    this.refuse('write');
  }

  async delete(_key: string, _options?: DeleteOptions): Promise<void> {
    this.refuse('delete');
  }

  /** go-micro never purges expired records, and neither may we: the file is the service's. */
  async purgeExpired(): Promise<number> {
    return this.refuse('purge expired records');
  }

  /** The databases (sub-folders holding `.db` tables), in byte order. */
  async databases(): Promise<string[]> {
    await this.ready();
    return listGoMicroDatabases(this.requireLocation());
  }

  /** A database's tables with their live and expired record counts (a full scan of each file). */
  async tables(database?: string): Promise<GoMicroTableFile[]> {
    await this.ready();
    const location = this.requireLocation();
    const name = database || this.options().database || DEFAULT_DATABASE;
    return listTables(location, name).map((table) => this.describeTableFile(location, name, table));
  }

  private describeTableFile(location: GoMicroLocation, database: string, name: string): GoMicroTableFile {
    const file = tableFile(location, database, name);
    try {
      const counts = file === null ? { live: 0, expired: 0 } : new GoMicroTable(file).counts(this.now());
      return { name, records: counts.live, expired: counts.expired };
    } catch (error) {
      const translated = translate(error);
      if (!(translated instanceof StoreStateError)) throw translated;
      return { name, records: 0, expired: 0, error: translated.message };
    }
  }

  /** Records for the inspector, expired ones too when asked: filter, key order, `after`, offset, limit. */
  async entries(options: EntriesOptions = {}): Promise<GoMicroEntry[]> {
    const table = await this.table(options);
    checkPaging(options);
    for (const text of [options.prefix, options.suffix, options.after]) checkKey(text ?? '');
    if (table === null) return [];
    return this.run(() => table.query(toQuery(options, options.includeExpired ?? false, this.now())));
  }

  private refuse(action: string): never {
    this.ensureOpen();
    throw new StoreStateError(
      `cannot ${action}: this is a read-only go-micro store (${this.config.path}); Store Inspector never changes a ` +
        "go-micro service's files. To edit these records, copy them into a Store Inspector store " +
        '(export them, then import the file into a SQLite store) and edit the copy.',
      'read-only',
    );
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreStateError('the go-micro store is closed', 'closed');
  }

  private async ready(): Promise<void> {
    this.ensureOpen();
    if (this.location === null) await this.init();
  }

  private requireLocation(): GoMicroLocation {
    if (this.location === null) throw new StoreStateError('the go-micro store is not initialised', 'closed');
    return this.location;
  }

  /** The table a call names, or null when that namespace has no file (an empty table, as in go-micro). */
  private async table(options: Partial<Namespace>): Promise<GoMicroTable | null> {
    await this.ready();
    const resolved = this.options();
    const database = options.database || resolved.database || DEFAULT_DATABASE;
    const table = options.table || resolved.table || DEFAULT_TABLE;
    const file = tableFile(this.requireLocation(), database, table);
    return file !== null && existsSync(file) ? new GoMicroTable(file) : null;
  }

  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw translate(error);
    }
  }
}

function toStoreRecord(entry: GoMicroEntry): StoreRecord {
  return { key: entry.key, value: entry.value, metadata: entry.metadata, expiry: entry.expiry };
}

export function createGoMicroStore(options: GoMicroStoreOptions): GoMicroFileStore {
  return new GoMicroFileStore(options);
}
