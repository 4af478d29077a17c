import type { Writable } from 'node:stream';
import { createGoMicroInspector } from '../gomicro/gomicro-inspector.js';
import { detectStoreFileKind, isGoMicroKind } from '../gomicro/store-file-kind.js';
import { RecordsWriter } from '../records-json/index.js';
import {
  createSqliteStore,
  type InspectorStore,
  type RecordFilter,
  StoreInputError,
  type StoreRecord,
} from '../store/index.js';
import type { Namespace } from '../store/namespaces.js';

/** What an export reads: the SQLite store, or a go-micro store (which has the same reading methods). */
type ExportSource = Pick<
  InspectorStore,
  'init' | 'close' | 'readSnapshot' | 'databases' | 'recordBatch' | 'recordsByKey'
>;

/** An open store's reading calls (a server's backend): read batch by batch, like go-micro's files. */
export type ExportReader = Pick<InspectorStore, 'databases' | 'recordBatch' | 'recordsByKey'>;

const BATCH = 1_000;

/**
 * What to export: a table (optionally filtered), chosen keys of a table, or every table (a dump), optionally
 * only one database's (or one table's) and only the records a filter keeps.
 */
export type ExportScope =
  | { kind: 'table'; namespace: Namespace; filter?: RecordFilter }
  | { kind: 'selection'; namespace: Namespace; keys: string[] }
  | { kind: 'dump'; database?: string; table?: string; filter?: RecordFilter };

export interface ExportOptions {
  /** The store file to read on a connection of its own; or `reader`, an open store its owner closes. */
  storePath?: string;
  reader?: ExportReader;
  scope: ExportScope;
  format: 'array' | 'lines' | 'dump';
  out: Writable;
  /** Leave `out` open at the end (stdout). */
  keepOpen?: boolean;
  signal?: AbortSignal;
  onProgress?(records: number): void;
}

export interface ExportReport {
  records: number;
  bytes: number;
  ms: number;
}

/**
 * Streams records in key order into a records file, from one read transaction on a connection of
 * its own: the file is a consistent snapshot however long it takes, and writers are not blocked.
 * A go-micro store (a folder or a bbolt file) is read as it is, batch by batch (bbolt gives a reader
 * no transaction to hold; see GoMicroInspector.readSnapshot).
 */
export async function exportRecords(options: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  const store = exportSource(options);
  try {
    await store.init();
    return await store.readSnapshot(async () => {
      const writer = await openWriter(store, options);
      let records = 0;
      for await (const { namespace, batch } of batches(store, options.scope)) {
        options.signal?.throwIfAborted();
        for (const record of batch)
          await writer.write(options.format === 'dump' ? { ...record, ...namespace } : record);
        records += batch.length;
        options.onProgress?.(records);
      }
      options.signal?.throwIfAborted();
      const summary = await writer.end();
      return { records, bytes: summary.bytes, ms: Math.round(performance.now() - started) };
    });
  } finally {
    await store.close();
  }
}

/**
 * Told apart by content, as StoreSession does: the export opens the same store the user has open. An open
 * reader is used as it is (a server gives no snapshot across calls: consistent per batch) and left open.
 */
function exportSource({ storePath: path, reader }: ExportOptions): ExportSource {
  if (reader !== undefined) {
    return {
      init: async () => {},
      close: async () => {},
      readSnapshot: (work) => work(),
      databases: () => reader.databases(),
      recordBatch: (ns, filter, after, limit) => reader.recordBatch(ns, filter, after, limit),
      recordsByKey: (ns, keys) => reader.recordsByKey(ns, keys),
    };
  }
  if (path === undefined) throw new TypeError('exportRecords needs a storePath or a reader');
  if (isGoMicroKind(detectStoreFileKind(path))) return createGoMicroInspector({ path });
  return createSqliteStore({ path, readOnly: true });
}

async function openWriter(store: ExportSource, options: ExportOptions): Promise<RecordsWriter> {
  const endStream = !options.keepOpen;
  if (options.format !== 'dump') return new RecordsWriter(options.out, { format: options.format, endStream });
  const namespaces = await namespacesOf(store, options.scope);
  return new RecordsWriter(options.out, { format: 'dump', namespaces, endStream });
}

async function namespacesOf(store: ExportSource, scope: ExportScope): Promise<Namespace[]> {
  if (scope.kind !== 'dump') return [scope.namespace];
  const databases = await store.databases();
  const chosen = databases
    .filter(({ database }) => scope.database === undefined || database === scope.database)
    .flatMap(({ database, tables }) =>
      tables
        .filter(({ table }) => scope.table === undefined || table === scope.table)
        .map(({ table }) => ({ database, table })),
    );
  if (chosen.length === 0 && (scope.database !== undefined || scope.table !== undefined)) {
    // A typo in -d/-t must not pass for an empty dump.
    const named = [
      scope.database && `database ${JSON.stringify(scope.database)}`,
      scope.table && `table ${JSON.stringify(scope.table)}`,
    ];
    throw new StoreInputError(`the store has no ${named.filter(Boolean).join(' and ')}: nothing to export`);
  }
  return chosen;
}

async function* batches(store: ExportSource, scope: ExportScope) {
  if (scope.kind === 'selection') {
    yield { namespace: scope.namespace, batch: await store.recordsByKey(scope.namespace, scope.keys) };
    return;
  }
  const filter = scope.filter ?? {};
  for (const namespace of await namespacesOf(store, scope)) {
    for (let after: string | undefined; ; ) {
      const batch: StoreRecord[] = await store.recordBatch(namespace, filter, after, BATCH);
      if (batch.length > 0) yield { namespace, batch };
      if (batch.length < BATCH) break;
      after = batch.at(-1)?.key;
    }
  }
}
