/**
 * go-micro's file store (a folder of bbolt files, or one .db) behind the Backend seam: read-only, so it has no
 * `editing` part; its change token is the table files' stamps (gomicro/gomicro-change-token.ts), and bbolt
 * keeps no change log, so `watching` has no `changes`. One adapter for both ways the files are read: in
 * this thread (GoMicroInspector) or on the store threads (api/store-worker/), which answer the same calls.
 */
import type { StoreInfo } from '../../store/inspector-store.js';
import type { Backend, BackendCapabilities, BackendReading } from '../backend.js';
import type { SqliteCalls } from '../sqlite/sqlite-backend.js';

/** The reading calls go-micro's file reader answers (the same shapes as the SQLite store's). */
export type GoMicroFileCalls = Pick<
  SqliteCalls,
  | 'databases'
  | 'page'
  | 'count'
  | 'countPrefixes'
  | 'inspect'
  | 'readValue'
  | 'recordBatch'
  | 'recordsByKey'
  | 'changeToken'
  | 'close'
> & { info(): Promise<StoreInfo> };

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
  const reading: BackendReading = {
    databases: () => files.databases(),
    page: (ns, query) => files.page(ns, query),
    count: (ns, filter, options) => files.count(ns, filter, options),
    countPrefixes: (ns, prefixes, filter) => files.countPrefixes(ns, prefixes, filter),
    inspect: (ns, key, maxBytes) => files.inspect(ns, key, maxBytes),
    readValue: (ns, key, offset, length) => files.readValue(ns, key, offset, length),
    recordBatch: (ns, filter, after, limit) => files.recordBatch(ns, filter, after, limit),
    recordsByKey: (ns, keys) => files.recordsByKey(ns, keys),
  };
  return {
    kind: 'gomicro',
    capabilities: CAPABILITIES,
    display,
    reading,
    watching: { mode: 'polling', changeToken: async () => files.changeToken() },
    info: () => files.info(),
    close: () => files.close(),
  };
}
