/**
 * Our SQLite store behind the Backend seam (docs/backends.md, "How today's two backends sit on it"). The
 * store's calls come from InspectorStore in this thread or from its store threads (api/store-worker/); both
 * answer the same methods, so one adapter serves either. A store open read-only gets no `editing` part.
 */
import { SORT_COLUMNS } from '../../common/sort-columns.js';
import type { SortedColumn } from '../../store/sort-indexes.js';
import type {
  Backend,
  BackendCapabilities,
  BackendEditing,
  BackendReading,
  BackendUpkeep,
  PolledWatching,
} from '../backend.js';
import { SchemaVersion } from './schema-version.js';
import { sqliteTransaction } from './sqlite-transaction.js';

/**
 * The SQLite store's calls the adapter uses: InspectorStore's methods, in-thread or over messages
 * (api/store-worker/, whose thread table names each of them). Their signatures are the seam's own
 * (backend.ts), taken from it rather than written again: a call is declared once there, then implemented.
 */
export type SqliteCalls = Required<
  Pick<
    BackendReading,
    | 'databases'
    | 'page'
    | 'count'
    | 'countPrefixes'
    | 'analyse'
    | 'inspect'
    | 'readValue'
    | 'recordBatch'
    | 'recordsByKey'
  >
> &
  Required<
    Pick<
      BackendEditing,
      | 'createTable'
      | 'writeIfUnchanged'
      | 'writeMany'
      | 'deleteMany'
      | 'deleteMatching'
      | 'setExpiry'
      | 'rename'
      | 'duplicate'
      | 'setExpiryMatching'
      | 'purgeExpired'
      | 'indexForSort'
    >
  > &
  BackendUpkeep &
  Required<Pick<PolledWatching, 'changes' | 'latestChange'>> &
  Required<Pick<Backend, 'info' | 'close'>> & {
    /** Synchronous in-thread, a promise from the store threads; the table is the connection's, not asked. */
    changeToken(): string | Promise<string>;
  };

export interface SqliteBackendOptions {
  /** The file as the user named it. */
  display: string;
  /** False when the store opened read-only (asked for, or a file this user cannot write). */
  writable: boolean;
  /**
   * The file itself: with it, editing gains `transaction` on a connection of its own, and the sort index
   * memory a schema version to hold for.
   */
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
  const schema = path === undefined ? undefined : new SchemaVersion(path);
  const sortIndexes = new SortIndexMemory(store, schema);
  return {
    kind: 'sqlite',
    capabilities: { ...CAPABILITIES, editing: writable },
    display,
    reading: sqliteReading(store),
    ...(writable ? { editing: sqliteEditing(store, path, sortIndexes), upkeep } : {}),
    watching: sqliteWatching(store),
    info: () => store.info(),
    close: async () => {
      // Before the store's own connections: the last of those to close is the one that tidies the file.
      schema?.close();
      await store.close();
    },
  };
}

function sqliteReading(store: SqliteCalls): BackendReading {
  return { ...localReading(store), analyse: (ns, options) => store.analyse(ns, options) };
}

/** The reading calls a file's own store answers, ours or go-micro's (backends/gomicro-file/), as the seam's. */
export type LocalReadingCalls = Pick<
  SqliteCalls,
  'databases' | 'page' | 'count' | 'countPrefixes' | 'inspect' | 'readValue' | 'recordBatch' | 'recordsByKey'
>;

export function localReading(store: LocalReadingCalls): BackendReading {
  return {
    databases: () => store.databases(),
    page: (ns, query) => store.page(ns, query),
    count: (ns, filter, options) => store.count(ns, filter, options),
    countPrefixes: (ns, prefixes, filter) => store.countPrefixes(ns, prefixes, filter),
    inspect: (ns, key, maxBytes) => store.inspect(ns, key, maxBytes),
    readValue: (ns, key, offset, length) => store.readValue(ns, key, offset, length),
    recordBatch: (ns, filter, after, limit) => store.recordBatch(ns, filter, after, limit),
    recordsByKey: (ns, keys) => store.recordsByKey(ns, keys),
  };
}

function sqliteEditing(store: SqliteCalls, path: string | undefined, sortIndexes: SortIndexMemory): BackendEditing {
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
    indexForSort: (column) => sortIndexes.ensure(column),
  };
}

/**
 * The open store's sort indexes, asked of its writer once per column: every sorted page asks for its
 * index (api/handlers.ts), and without this each page cost a message to the writer, queued behind whatever
 * it was writing, only to hear the index was there. What it remembers holds for one schema version (see
 * SchemaVersion): single writes leave it, while another program dropping an index (or a large batch, whose
 * insert triggers are dropped and re-created) moves it, and the next sorted page asks once more. Unknown (no file, a lock), every page asks. The memory is the open store's (a
 * store opened again gets a new adapter). A failed build is forgotten; a column asked again while its index
 * builds shares that build.
 */
class SortIndexMemory {
  private readonly asked = new Map<SortedColumn, Promise<boolean>>();
  /** The schema version the remembered answers hold for. */
  private version: number | undefined;

  constructor(
    private readonly store: Pick<SqliteCalls, 'indexForSort'>,
    private readonly schema: { read(): number | undefined } | undefined,
  ) {}

  /** False when there was nothing to build (built, or building, already). */
  ensure(column: SortedColumn): Promise<boolean> {
    const version = this.schema?.read();
    if (version === undefined || version !== this.version) this.asked.clear();
    this.version = version;
    const known = this.asked.get(column);
    if (known !== undefined) return known.then(() => false);
    const building = this.store.indexForSort(column);
    this.asked.set(column, building);
    building.then(
      (built) => this.builtOwn(column, building, built, version),
      () => {
        if (this.asked.get(column) === building) this.asked.delete(column);
      },
    );
    return building;
  }

  /**
   * The index this memory had built moved the version by one: that step is its own, and what it remembers
   * still holds. Any other step (another program's change meanwhile) is left to forget it all.
   */
  private builtOwn(column: SortedColumn, building: Promise<boolean>, built: boolean, before: number | undefined) {
    if (!built || before === undefined || this.version !== before || this.asked.get(column) !== building) return;
    const now = this.schema?.read();
    if (now === before + 1) this.version = now;
  }
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
