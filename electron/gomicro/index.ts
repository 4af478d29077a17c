/**
 * Read-only access to go-micro's file store: bbolt files read in pure TypeScript (no native code, no lock,
 * no write), decoded as go-micro records and served on the Store interface.
 */
export { BboltError, type BboltProblem } from './bbolt-errors.js';
export { loadMeta, type Meta } from './bbolt-meta.js';
export { BboltFile, type BucketRoot, Cursor, type LeafEntry, Snapshot, type ViewOptions } from './bbolt-reader.js';
export { type ByteSource, bufferSource, openFileSource } from './byte-source.js';
export { formatGoTimeUtc, type GoTime, parseGoTime } from './go-time.js';
export { createGoMicroInspector, GoMicroInspector, type GoMicroStoreInfo } from './gomicro-inspector.js';
export { fileNamespace } from './gomicro-layout.js';
export { GOMICRO_READ_ONLY, goMicroReadOnlyError } from './gomicro-read-only.js';
export { decodeGoMicroRecord, type GoMicroRecord, GoMicroRecordError } from './gomicro-record.js';
export {
  createGoMicroStore,
  type EntriesOptions,
  type GoMicroEntry,
  GoMicroFileError,
  GoMicroFileStore,
  type GoMicroStoreOptions,
  type TableInfo,
} from './gomicro-store.js';
export {
  detectStoreFileKind,
  isBboltHead,
  isGoMicroKind,
  isSqliteHead,
  type StoreFileKind,
} from './store-file-kind.js';
