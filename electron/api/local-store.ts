/**
 * A store in a file on this machine, as its own classes answer before the Backend adapters wrap it
 * (backends/sqlite/, backends/gomicro-file/): our SQLite store (InspectorStore), go-micro's file store
 * (GoMicroInspector, which has no editing calls), or either on store threads of its own (ThreadedBackend,
 * whose calls are these methods by name). The CLI's go-micro commands (read, write, list, delete) call the
 * go-micro Store methods on it directly, so they behave exactly as `micro store` does.
 *
 * The calls' signatures are written once, in the Backend seam (backends/backend.ts), and gathered in
 * SqliteCalls; the store threads give each a thread (store-worker/protocol.ts, CALL_THREADS).
 */
import type { GoMicroFileCalls } from '../backends/gomicro-file/gomicro-file-backend.js';
import type { SqliteCalls } from '../backends/sqlite/sqlite-backend.js';
import type { GoMicroInspector } from '../gomicro/gomicro-inspector.js';
import type { InspectorStore } from '../store/inspector-store.js';
import type { Store } from '../store/types.js';
import type { ThreadedBackend } from './store-worker/threaded-backend.js';

/** Which reader a local file needs: told apart by content (gomicro/store-file-kind.ts). */
export type LocalKind = 'sqlite' | 'gomicro';

/** Every call a local store may answer: what the store threads serve by name. */
export type LocalStore = Store & SqliteCalls;

/** A local store that reads only (go-micro's files): no editing calls at all. */
export type ReadingLocalStore = Store & GoMicroFileCalls & Pick<SqliteCalls, 'latestChange' | 'changes' | 'indexKeys'>;

/** Fails to compile when a local store stops fitting. */
type Fits<T extends LocalStore> = T;
type FitsReading<T extends ReadingLocalStore> = T;
export type SqliteLocalStore = Fits<InspectorStore>;
export type ThreadedLocalStore = Fits<ThreadedBackend>;
export type GoMicroLocalStore = FitsReading<GoMicroInspector>;
