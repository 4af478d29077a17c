/**
 * What a command works on: the store `--store` names, behind the Backend seam, with go-micro's Store calls
 * (read, list, write, delete) that the `micro store`-like commands make. A file answers them itself, exactly
 * as before; a server answers them through its backend (docs/backends.md, "What changes in the API").
 */

import type { OpenedLocalStore } from '../api/open-local-store.js';
import { refusedError } from '../api/store-session.js';
import { type Backend, canEdit } from '../backends/backend.js';
import type { Namespace } from '../store/namespaces.js';
import type { RecordFilter } from '../store/record-filter.js';
import {
  type ListOptions,
  NotFoundError,
  type ReadOptions,
  type RecordInput,
  type StoreRecord,
} from '../store/types.js';
import { keysInOrder } from './key-order-flag.js';

const BATCH = 1_000;

export interface CliStore {
  backend: Backend;
  /** The table -d/-t name (a lone go-micro .db file names its own). */
  namespace: Namespace;
  read(key: string, options: ReadOptions): Promise<StoreRecord[]>;
  list(options: ListOptions): Promise<string[]>;
  write(record: RecordInput, ttl: number | undefined): Promise<void>;
  /** How many records it removed (0: the key was not there). */
  deleteKey(key: string): Promise<number>;
  close(): Promise<void>;
}

/** A file: its own Store calls, so `read` and `write` behave exactly as go-micro's do. */
export function localCliStore(backend: Backend, local: OpenedLocalStore): CliStore {
  const store = local.backend;
  const { database = '', table = '' } = store.options();
  const namespace = { database, table };
  return {
    backend,
    namespace,
    read: (key, options) => store.read(key, options),
    list: (options) => store.list(options),
    write: async (record, ttl) => {
      // Asked first, as the API asks: a refusal reads the same in both.
      if (!canEdit(backend)) throw refusedError(backend, 'editing');
      await store.write(record, ttl === undefined ? {} : { ttl });
    },
    deleteKey: deleteKeyOf(backend, namespace),
    close: () => backend.close(),
  };
}

/** A server: go-micro's Store calls made of the backend's reading and editing. */
export function serverCliStore(backend: Backend, namespace: Namespace): CliStore {
  return {
    backend,
    namespace,
    read: (key, options) => readRecords(backend, namespace, key, options),
    list: (options) => listKeys(backend, namespace, options),
    write: async (record, ttl) => {
      if (!canEdit(backend)) throw refusedError(backend, 'editing');
      if (record.metadata && Object.keys(record.metadata).length > 0 && !backend.capabilities.metadata) {
        throw refusedError(backend, 'metadata');
      }
      if (ttl !== undefined && ttl > 0 && !backend.capabilities.perRecordExpiry) {
        throw refusedError(backend, 'perRecordExpiry');
      }
      await backend.editing.writeMany(namespace, [{ ...record, ...(ttl === undefined ? {} : { expiry: ttl }) }]);
    },
    deleteKey: deleteKeyOf(backend, namespace),
    close: () => backend.close(),
  };
}

/** Deletes one key through the seam, which counts what it removed: a file and a server alike. */
function deleteKeyOf(backend: Backend, namespace: Namespace): CliStore['deleteKey'] {
  return async (key) => {
    if (!canEdit(backend)) throw refusedError(backend, 'editing');
    return backend.editing.deleteMany(namespace, [key]);
  };
}

/** go-micro's Read: one live key (missing: ErrNotFound), or every live key matching, in key order. */
async function readRecords(
  backend: Backend,
  namespace: Namespace,
  key: string,
  options: ReadOptions,
): Promise<StoreRecord[]> {
  if (!options.prefix && !options.suffix) {
    const [record] = await backend.reading.recordsByKey(namespace, [key]);
    if (record === undefined) throw new NotFoundError();
    return [record];
  }
  const filter: RecordFilter = {
    ...(options.prefix ? { prefix: key } : {}),
    ...(options.suffix ? { suffix: key } : {}),
  };
  const records: StoreRecord[] = [];
  let skip = options.offset ?? 0;
  const limit = options.limit || Number.POSITIVE_INFINITY;
  let after: string | undefined;
  while (records.length < limit) {
    const batch = await backend.reading.recordBatch(namespace, filter, after, BATCH);
    const taken = batch.slice(skip);
    skip = Math.max(0, skip - batch.length);
    records.push(...taken.slice(0, limit - records.length));
    if (batch.length < BATCH) break;
    after = batch.at(-1)?.key;
  }
  return records;
}

/** go-micro's List: live keys in byte order, with its prefix, suffix, offset and limit. */
async function listKeys(backend: Backend, namespace: Namespace, options: ListOptions): Promise<string[]> {
  const filter: RecordFilter = {
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(options.suffix ? { suffix: options.suffix } : {}),
  };
  return keysInOrder(backend, namespace, filter, 'asc', { offset: options.offset, limit: options.limit || undefined });
}
