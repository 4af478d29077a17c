import { existsSync } from 'node:fs';
import { namespaceKey } from '../common/namespace-key.js';
import type { RequestedFormat } from '../records-json/index.js';
import {
  type DecodedRecord,
  expiryNsToMs,
  openRecordsReader,
  quoteKey,
  type RecordsInput,
} from '../records-json/index.js';
import { type BulkSession, type ConflictPolicy, createSqliteStore, RecordInputError } from '../store/index.js';
import type { Namespace } from '../store/namespaces.js';
import { type ImportFile, openImportFile } from './import-file.js';

export interface ImportProgress {
  records: number;
  bytes: number;
  totalBytes: number | null;
}

export interface ImportOptions {
  storePath: string;
  /**
   * The records file. Preferred over `input`: it is checked (a regular file that exists) and watched, so
   * an import of a file another program changes meanwhile is rolled back.
   */
  path?: string;
  /** A stream to read instead of `path` (standard input, tests). */
  input?: RecordsInput;
  totalBytes?: number;
  format?: RequestedFormat;
  /** Where records of an array or lines file go; a dump names its own. */
  namespace: Namespace;
  policy?: ConflictPolicy;
  /** Read and check everything, count what would change, write nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: ImportProgress): void;
  /** How many records to keep for a preview. */
  sampleSize?: number;
}

export interface ImportReport {
  format: string;
  /** Records read from the file. */
  records: number;
  written: number;
  overwritten: number;
  /** Keys that existed (skipped under `skip`; under a dry run: what an import would overwrite). */
  existing: number;
  skippedExisting: number;
  skippedExpired: number;
  tables: number;
  dryRun: boolean;
  ms: number;
  sample: DecodedRecord[];
}

/**
 * Imports a records file into a store in one transaction on a connection of its own: every record
 * or none. A bad record, a `fail` conflict or a cancel rolls everything back; so does a crash, since
 * an uncommitted transaction never reaches the file.
 */
export async function importRecords(options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const file = options.path === undefined ? undefined : openImportFile(options.path, options.signal);
  const source = file === undefined ? options : { ...options, input: file.input, totalBytes: file.totalBytes };
  if (options.dryRun && !existsSync(options.storePath)) {
    // A dry run writes nothing, not even a new empty store: the file alone is read and checked.
    try {
      const report = await writeEveryRecord(EMPTY_STORE_PREVIEW, source, file);
      options.signal?.throwIfAborted();
      return { ...report, ms: Math.round(performance.now() - started) };
    } finally {
      file?.close();
    }
  }
  // Not opened read-only for a dry run: a read-only connection could not remove the -wal/-shm files at close.
  // The dry run's bulk session only reads (BEGIN, no write lock) and is rolled back.
  const store = createSqliteStore({ path: options.storePath });
  try {
    await store.init();
    const bulk = store.beginBulk({ dryRun: options.dryRun ?? false });
    try {
      const report = await writeEveryRecord(bulk, source, file);
      // A cancel that came during the last batch still wins over the commit.
      options.signal?.throwIfAborted();
      if (options.dryRun) bulk.rollback();
      else bulk.commit();
      return { ...report, ms: Math.round(performance.now() - started) };
    } catch (error) {
      bulk.rollback();
      throw error;
    }
  } finally {
    file?.close();
    await store.close();
  }
}

/** What an import needs of a bulk session. */
type ImportSink = Pick<BulkSession, 'report' | 'write' | 'ensureNamespace' | 'countExisting'>;

/** A dry run into a store that does not exist yet: no key exists there, and nothing is written. */
const EMPTY_STORE_PREVIEW: ImportSink = {
  report: { written: 0, overwritten: 0, skipped: 0 },
  write: () => {
    throw new Error('a dry run writes nothing');
  },
  ensureNamespace: () => undefined,
  countExisting: () => 0,
};

/** Reads the source to its end, writing each record into the open bulk session; counts what it did. */
async function writeEveryRecord(
  bulk: ImportSink,
  options: ImportOptions,
  file: ImportFile | undefined,
): Promise<Omit<ImportReport, 'ms'>> {
  if (options.input === undefined) throw new TypeError('importRecords needs a path or an input');
  const reader = await openRecordsReader(options.input, { format: options.format ?? 'auto', signal: options.signal });
  const tables = new Set<string>();
  const counts = { records: 0, existing: 0, skippedExpired: 0 };
  const sample: DecodedRecord[] = [];
  for (const namespace of reader.dumpHeader?.namespaces ?? []) {
    bulk.ensureNamespace(namespace);
    tables.add(namespaceKey(namespace.database, namespace.table));
  }
  for await (const batch of reader.batches()) {
    options.signal?.throwIfAborted();
    const groups = new Map<string, { namespace: Namespace; records: DecodedRecord[] }>();
    for (const record of batch) {
      const namespace = namespaceOf(record, options.namespace);
      const id = namespaceKey(namespace.database, namespace.table);
      tables.add(id);
      if (sample.length < (options.sampleSize ?? 0)) sample.push(record);
      counts.records++;
      if (record.expiryNs !== null && record.expiryNs < 0n) {
        counts.skippedExpired++;
        continue;
      }
      const group = groups.get(id);
      if (group === undefined) groups.set(id, { namespace, records: [record] });
      else group.records.push(record);
    }
    for (const group of groups.values()) importGroup(bulk, group.namespace, group.records, options, counts);
    options.onProgress?.({ records: counts.records, bytes: reader.bytesRead, totalBytes: options.totalBytes ?? null });
  }
  file?.checkUnchanged(reader.bytesRead);
  const { written, overwritten, skipped } = bulk.report;
  return {
    format: reader.format,
    ...counts,
    written,
    overwritten,
    skippedExisting: skipped,
    existing: options.dryRun ? counts.existing : overwritten + skipped,
    tables: tables.size,
    dryRun: options.dryRun ?? false,
    sample,
  };
}

/**
 * Writes one batch's records of one table. Under `skip`, sorted by key first: neighbouring inserts land on
 * the same index pages, which is much faster for a file in random key order. (JavaScript's order differs
 * from byte order for a few characters, which does not matter for locality; the sort is stable, so a key the
 * file repeats is still written in file order.) Under `overwrite` the Store sorts the rows itself after
 * checking them; under `fail` the records go in file order, so the conflict (or bad record) named is the
 * first in the file, not the first in key order.
 */
function importGroup(
  bulk: ImportSink,
  namespace: Namespace,
  records: DecodedRecord[],
  options: ImportOptions,
  counts: { existing: number },
): void {
  if (options.dryRun) {
    counts.existing += bulk.countExisting(
      namespace,
      records.map((record) => record.key),
    );
    return;
  }
  const policy = options.policy ?? 'overwrite';
  const sorted =
    policy === 'skip' ? [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : records;
  const inputs = sorted.map((record) => ({
    key: record.key,
    value: record.value,
    metadata: record.metadata,
    expiry: expiryNsToMs(record.expiryNs),
  }));
  try {
    bulk.write(namespace, inputs, policy);
  } catch (error) {
    throw placeError(error, sorted);
  }
}

/** A record of the file the Store refused: `recordIndex` is its 0-based place in the file, as decoded. */
class ImportRecordError extends RecordInputError {
  readonly key: string;

  constructor(record: DecodedRecord, problem: string) {
    super(record.index, problem, `record ${record.index + 1} (${quoteKey(record.key)}): ${problem}`);
    this.key = record.key;
  }
}

/** The store names a record by its place in the batch; the user needs its place in the file. */
function placeError(error: unknown, records: DecodedRecord[]): unknown {
  if (!(error instanceof RecordInputError)) return error;
  const record = records[error.recordIndex];
  return record === undefined ? error : new ImportRecordError(record, error.problem);
}

/** The table a record goes to: its own where the file names one (a dump), else the one the import names. */
export function namespaceOf(record: DecodedRecord, target: Namespace): Namespace {
  return record.database !== undefined && record.table !== undefined
    ? { database: record.database, table: record.table }
    : target;
}
