/**
 * The Store: go-micro's Store interface on SQLite, plus what the inspector needs beyond it.
 * Node programs import it as `store-inspector/store` to write the very file the app inspects.
 */
import { InspectorStore } from './inspector-store.js';
import type { SqliteStoreOptions } from './sqlite-store.js';

export function createSqliteStore(options: SqliteStoreOptions = {}): InspectorStore {
  return new InspectorStore(options);
}

export type { InspectorStore } from './inspector-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export * from './types.js';
