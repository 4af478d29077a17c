/**
 * The Store: go-micro's Store interface on SQLite, plus what the inspector needs beyond it.
 * Node programs import it as `store-inspector/store` to write the very file the app inspects.
 */
import { InspectorStore } from './inspector-store.js';
import type { SqliteStoreOptions } from './sqlite-store.js';

export function createSqliteStore(options: SqliteStoreOptions = {}): InspectorStore {
  return new InspectorStore(options);
}

export type { BulkSession } from './bulk-session.js';
export type { BulkWriteReport, ConflictPolicy } from './bulk-writes.js';
export type { ExpiryChange, InspectorStore, StoreInfo } from './inspector-store.js';
export type { RecordFilter } from './record-filter.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export * from './types.js';
