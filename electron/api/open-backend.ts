import type { Backend } from '../backends/backend.js';
import type { ConnectionTarget } from '../backends/connection-string.js';
import { goMicroFileBackend } from '../backends/gomicro-file/gomicro-file-backend.js';
import { openServerBackend } from '../backends/server-backends.js';
import { sqliteBackend } from '../backends/sqlite/sqlite-backend.js';
import { userDataDir } from './app-paths.js';
import { type OpenedLocalStore, type OpenOptions, openLocalStore } from './open-local-store.js';
import { openThreadedBackend } from './store-worker/threaded-backend.js';

export interface BackendOptions extends OpenOptions {
  /**
   * Where a local store's calls run: on threads of its own ('worker': a slow call blocks only its thread), or
   * on this one ('main': the CLI's one-shot commands, and the benchmark's baseline).
   */
  threads?: 'worker' | 'main';
}

export interface OpenedBackend {
  backend: Backend;
  /** A file's own store, for what only it answers (go-micro's Store calls, the threads); absent for servers. */
  local?: OpenedLocalStore;
}

/**
 * Opens what a connection string names (backends/connection-string.ts): a file or folder by its content, a
 * server by its scheme (backends/server-backends.ts). Read-only leaves the backend without its editing part,
 * whatever it could do, so every writing call is refused with the same wording.
 */
export async function openBackend(target: ConnectionTarget, options: BackendOptions): Promise<OpenedBackend> {
  if (target.kind === 'path') return openPathBackend(target.path, target.display, options);
  const backend = await openServerBackend(target, { dataFolder: userDataDir() });
  return { backend: options.readOnly ? withoutEditing(backend) : backend };
}

async function openPathBackend(path: string, display: string, options: BackendOptions): Promise<OpenedBackend> {
  const { threads = 'worker', ...open } = options;
  const local = threads === 'worker' ? await openThreadedBackend(path, open) : await openLocalStore(path, open);
  if (local.kind === 'gomicro') return { backend: goMicroFileBackend(local.backend, display), local };
  try {
    // A file this user cannot write opens read-only by itself (its info says why).
    const { readOnly } = await local.backend.info();
    return { backend: sqliteBackend(local.backend, { display, writable: !readOnly, path }), local };
  } catch (error) {
    await local.backend.close();
    throw error;
  }
}

/** The backend as it reads, with no editing part (and no upkeep, which writes its own bookkeeping). */
function withoutEditing(backend: Backend): Backend {
  if (backend.editing === undefined) return backend;
  const info = backend.info?.bind(backend);
  return {
    kind: backend.kind,
    capabilities: { ...backend.capabilities, editing: false },
    display: backend.display,
    reading: backend.reading,
    ...(backend.watching ? { watching: backend.watching } : {}),
    ...(info ? { info } : {}),
    close: () => backend.close(),
  };
}
