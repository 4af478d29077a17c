import { createGoMicroInspector } from '../gomicro/gomicro-inspector.js';
import { detectStoreFileKind, isGoMicroKind } from '../gomicro/store-file-kind.js';
import { createSqliteStore } from '../store/index.js';
import { StoreStateError } from '../store/types.js';
import type { InspectorBackend, StoreKind } from './inspector-backend.js';

export interface OpenOptions {
  readOnly: boolean;
  /** The Store's default namespace (the command line's -d/-t). */
  database?: string;
  table?: string;
}

export interface OpenedBackend {
  backend: InspectorBackend;
  kind: StoreKind;
}

/**
 * Opens what `path` holds, told apart by content: a bbolt file or a go-micro store folder opens read-only
 * with the go-micro reader; anything else goes to the SQLite store, which creates a missing or empty file
 * (unless read-only) and refuses a foreign one. A folder that holds no go-micro tables is refused here.
 */
export async function openBackend(path: string, options: OpenOptions): Promise<OpenedBackend> {
  const namespace = {
    ...(options.database ? { database: options.database } : {}),
    ...(options.table ? { table: options.table } : {}),
  };
  const kind = detectStoreFileKind(path);
  if (kind === 'folder') throw notAStoreFolder(path);
  if (isGoMicroKind(kind)) {
    const backend = createGoMicroInspector({ path, ...namespace });
    await backend.init();
    return { backend, kind: 'gomicro' };
  }
  const backend = createSqliteStore({ path, readOnly: options.readOnly, watchChanges: true, ...namespace });
  await backend.init();
  return { backend, kind: 'sqlite' };
}

function notAStoreFolder(path: string): StoreStateError {
  return new StoreStateError(
    `${path} is a folder, but not a go-micro file store: it has no <database>/<table>.db bbolt files. ` +
      'Open a Store Inspector store file, a go-micro store folder (such as ~/micro/store) or one of its .db files.',
    'foreign-file',
  );
}
