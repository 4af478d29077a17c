/**
 * go-micro's file store (a folder of bbolt files, or one .db) behind the Backend seam: read-only, so it has no
 * `editing` part; its change token is the table files' stamps (gomicro/gomicro-change-token.ts), and bbolt
 * keeps no change log, so `watching` has no `changes`. One adapter for both ways the files are read: in
 * this thread (GoMicroInspector) or on the store threads (api/store-worker/), which answer the same calls.
 */
import type { Backend, BackendCapabilities } from '../backend.js';
import { type LocalReadingCalls, localReading, type SqliteCalls } from '../sqlite/sqlite-backend.js';

/** The reading calls go-micro's file reader answers (the same shapes as the SQLite store's). */
export type GoMicroFileCalls = LocalReadingCalls & Pick<SqliteCalls, 'changeToken' | 'info' | 'close'>;

const CAPABILITIES: BackendCapabilities = {
  reading: true,
  editing: false,
  // The files keep both; only writing is refused.
  perRecordExpiry: true,
  metadata: true,
  liveChanges: 'polling',
  // Counted once per file commit and cached (gomicro/gomicro-counts.ts).
  cheapCount: true,
  orderedPaging: true,
  listsTables: true,
};

export function goMicroFileBackend(files: GoMicroFileCalls, display: string): Backend {
  return {
    kind: 'gomicro',
    capabilities: CAPABILITIES,
    display,
    reading: localReading(files),
    watching: { mode: 'polling', changeToken: async () => files.changeToken() },
    info: () => files.info(),
    close: () => files.close(),
  };
}
