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
  const sortIndexes = new SortIndexMemory(store);
  return {
    kind: 'sqlite',
    capabilities: { ...CAPABILITIES, editing: writable },
    display,
    reading: sqliteReading(store),
    ...(writable ? { editing: sqliteEditing(store, path, sortIndexes), upkeep } : {}),
    watching: sqliteWatching(store, sortIndexes),
    info: () => store.info(),
    close: () => store.close(),
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
 * it was writing, only to hear the index was there. The memory is the open store's (a store opened again
 * gets a new adapter) and is forgotten whenever the store changes (the change token moved: another program
 * may have dropped an index), so the next sorted page asks once more. A failed build is forgotten too; a
 * column asked again while its index builds shares that build.
 */
class SortIndexMemory {
  private readonly asked = new Map<SortedColumn, Promise<boolean>>();

  constructor(private readonly store: Pick<SqliteCalls, 'indexForSort'>) {}

  /** False when there was nothing to build (built, or building, already). */
  ensure(column: SortedColumn): Promise<boolean> {
    const known = this.asked.get(column);
    if (known !== undefined) return known.then(() => false);
    const building = this.store.indexForSort(column);
    this.asked.set(column, building);
    building.catch(() => {
      if (this.asked.get(column) === building) this.asked.delete(column);
    });
    return building;
  }

  forget(): void {
    this.asked.clear();
  }
}

/** data_version moves on every commit by any process; the change log says what changed. */
function sqliteWatching(store: SqliteCalls, sortIndexes: SortIndexMemory): PolledWatching {
  let last: string | undefined;
  return {
    mode: 'polling',
    changeToken: async () => {
      const token = await store.changeToken();
      if (token !== last) sortIndexes.forget();
      last = token;
      return token;
    },
    changes: (seq, limit) => store.changes(seq, limit),
    latestChange: () => store.latestChange(),
  };
}
