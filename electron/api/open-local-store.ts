import { createGoMicroInspector } from '../gomicro/gomicro-inspector.js';
import { detectStoreFileKind, isGoMicroKind } from '../gomicro/store-file-kind.js';
import { createSqliteStore } from '../store/index.js';
import { StoreStateError } from '../store/types.js';
import type { LocalKind, LocalStore, ReadingLocalStore } from './local-store.js';

export interface OpenOptions {
  readOnly: boolean;
  /** The Store's default namespace (the command line's -d/-t). */
  database?: string;
  table?: string;
}

export type OpenedLocalStore =
  | { kind: 'sqlite'; backend: LocalStore }
  /** go-micro's files have no editing calls; on store threads the same calls are simply never made. */
  | { kind: 'gomicro'; backend: ReadingLocalStore };

/**
 * Opens what `path` holds, told apart by content: a bbolt file or a go-micro store folder opens read-only
 * with the go-micro reader; anything else goes to the SQLite store, which creates a missing or empty file
 * (unless read-only) and refuses a foreign one. A folder that holds no go-micro tables is refused here.
 */
export async function openLocalStore(path: string, options: OpenOptions): Promise<OpenedLocalStore> {
  const namespace = {
    ...(options.database ? { database: options.database } : {}),
    ...(options.table ? { table: options.table } : {}),
  };
  const kind: LocalKind | 'folder' = localKindOf(path);
  if (kind === 'folder') throw notAStoreFolder(path);
  if (kind === 'gomicro') {
    const backend = createGoMicroInspector({ path, ...namespace });
    await backend.init();
    return { backend, kind: 'gomicro' };
  }
  const backend = createSqliteStore({ path, readOnly: options.readOnly, watchChanges: true, ...namespace });
  await backend.init();
  return { backend, kind: 'sqlite' };
}

function localKindOf(path: string): LocalKind | 'folder' {
  const kind = detectStoreFileKind(path);
  if (kind === 'folder') return 'folder';
  return isGoMicroKind(kind) ? 'gomicro' : 'sqlite';
}

function notAStoreFolder(path: string): StoreStateError {
  return new StoreStateError(
    `${path} is a folder, but not a go-micro file store: it has no <database>/<table>.db bbolt files. ` +
      'Open a Store Inspector store file, a go-micro store folder (such as ~/micro/store) or one of its .db files.',
    'foreign-file',
  );
}
