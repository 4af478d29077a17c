/**
 * Imports a records file into any store that can write (a server's backend), not only our SQLite file. A
 * server gives no transaction across the whole file, so the file is read twice: first to check every record
 * and count what the target could not keep (metadata on Redis, a per-record expiry on NATS KV) and which keys
 * exist; then, only when nothing would be lost and no `fail` conflict waits, to write it a batch at a time.
 * Where the target has a transaction (Postgres, MySQL) the second pass runs inside it, so a failure of the
 * server or a cancel leaves nothing; elsewhere (Redis, NATS) the batches before it stay written. Everything
 * found by reading the file refuses before anything is written.
 */

import { namespaceKey } from '../common/namespace-key.js';
import { type DecodedRecord, expiryNsToMs, openRecordsReader, type RecordsInput } from '../records-json/index.js';
import type { BulkWriteReport, ConflictPolicy } from '../store/bulk-writes.js';
import type { Namespace } from '../store/namespaces.js';
import type { RecordInput, StoreRecord } from '../store/types.js';
import { StoreInputError } from '../store/types.js';
import { openImportFile } from './import-file.js';
import { type ImportOptions, type ImportReport, namespaceOf } from './import-records.js';
import {
  type Carrying,
  type KeepChoice,
  type KeepRefusals,
  keepChoice,
  noUnheldKeys,
  refuseOversize,
  refuseUnheld,
  refuseUnkept,
  tallyUnheldKeys,
  unkeptRefusals,
} from './target-refusals.js';

/** What the import writes through: a backend's editing and reading, and the wording of what it refuses. */
export interface ImportTarget {
  writeMany(namespace: Namespace, records: RecordInput[], policy?: ConflictPolicy): Promise<BulkWriteReport>;
  recordsByKey(namespace: Namespace, keys: string[]): Promise<StoreRecord[]>;
  createTable(namespace: Namespace): Promise<void>;
  /** Why the target cannot take a record whole (BackendEditing.oversize): asked of each in the checking pass. */
  oversize?(namespace: Namespace, record: RecordInput): string | undefined;
  /** Why the target cannot hold keys (BackendEditing.unheldKeys): asked of every key in the checking pass. */
  unheldKeys?(namespace: Namespace, keys: readonly string[]): Promise<string[]>;
  /** Whether the table is there yet (a dry run into a new table finds no existing keys, and creates nothing). */
  hasTable(namespace: Namespace): Promise<boolean>;
  /** Why the target cannot keep metadata or a record's own expiry; absent where it can. */
  refusals: KeepRefusals;
  /** The whole write in one transaction, where the target has one (BackendEditing.transaction). */
  transaction?<T>(work: (tx: Pick<ImportTarget, 'createTable' | 'writeMany'>) => Promise<T>): Promise<T>;
}

export type BackendImportOptions = Omit<ImportOptions, 'storePath' | 'input'> & {
  path: string;
  target: ImportTarget;
  /** Import a record the target cannot keep whole without that part (metadata, its own expiry), counted. */
  dropUnkept?: boolean;
};

/** Records that carry what the target cannot keep: counted, and written without it only under `dropUnkept`. */
export type CannotKeep = Carrying;

interface Group {
  namespace: Namespace;
  records: DecodedRecord[];
}

export async function importIntoBackend(
  options: BackendImportOptions,
): Promise<ImportReport & { cannotKeep: CannotKeep; unkept: string[] }> {
  const started = performance.now();
  // dropUnkept is read here only: what it drops is no longer refused (target-refusals.ts, as a copy's flags).
  const choice = keepChoice(options.target.refusals, { metadata: options.dropUnkept, expiry: options.dropUnkept });
  let existing = 0;
  const tables = new Map<string, Promise<boolean>>();
  const hasTable = (namespace: Namespace) => {
    const id = namespaceKey(namespace.database, namespace.table);
    const known = tables.get(id) ?? options.target.hasTable(namespace);
    tables.set(id, known);
    return known;
  };
  const unheld = noUnheldKeys();
  const checked = await readFile(options, async (groups) => {
    for (const { namespace, records } of groups) {
      refuseOversize(options.target, namespace, records, (record) => toInput(record, choice));
      const keys = records.map((record) => record.key);
      await tallyUnheldKeys(options.target, namespace, keys, unheld);
      if (!(await hasTable(namespace))) continue;
      existing += (await options.target.recordsByKey(namespace, keys)).length;
    }
  });
  checked.existing = existing;
  const report = {
    format: checked.format,
    records: checked.records,
    written: 0,
    overwritten: 0,
    existing: checked.existing,
    skippedExisting: 0,
    skippedExpired: checked.skippedExpired,
    tables: checked.tables.size,
    dryRun: options.dryRun ?? false,
    ms: 0,
    sample: checked.sample,
    cannotKeep: checked.cannotKeep,
    unkept: unkeptRefusals(choice.refusals, checked.cannotKeep, RECORDS).map((refusal) => refusal.reason),
  };
  // Like an oversize record, a key the target cannot hold refuses a dry run too: no choice would write it.
  if (options.dryRun) refuseUnheld(unheld, RECORDS);
  else {
    refuseUnkept(choice.refusals, checked.cannotKeep, RECORDS, {}, unheld);
    if ((options.policy ?? 'overwrite') === 'fail' && checked.existing > 0) {
      throw new StoreInputError(
        `${checked.existing} key(s) of the file already exist and the conflict policy is fail: nothing was written`,
      );
    }
    const write = async (tx: Pick<ImportTarget, 'createTable' | 'writeMany'>) => {
      for (const namespace of checked.namespaces.values()) await tx.createTable(namespace);
      await readFile(options, async (groups) => {
        for (const { namespace, records } of groups) {
          const inputs = records.map((record) => toInput(record, choice));
          const written = await tx.writeMany(namespace, inputs, options.policy ?? 'overwrite');
          report.written += written.written;
          report.overwritten += written.overwritten;
          report.skippedExisting += written.skipped;
        }
      });
      options.signal?.throwIfAborted();
    };
    if (options.target.transaction === undefined) await write(options.target);
    else await options.target.transaction(write);
    report.existing = report.overwritten + report.skippedExisting;
  }
  return { ...report, ms: Math.round(performance.now() - started) };
}

/** Reads the whole file, handing each batch's live records grouped by table to `each`; counts as it goes. */
async function readFile(options: BackendImportOptions, each: (groups: Group[]) => Promise<void>) {
  const file = openImportFile(options.path, options.signal);
  const counted = {
    format: '',
    records: 0,
    existing: 0,
    skippedExpired: 0,
    tables: new Set<string>(),
    namespaces: new Map<string, Namespace>(),
    sample: [] as DecodedRecord[],
    cannotKeep: { metadata: 0, expiry: 0 },
  };
  try {
    const input: RecordsInput = file.input;
    const reader = await openRecordsReader(input, { format: options.format ?? 'auto', signal: options.signal });
    counted.format = reader.format;
    for (const namespace of reader.dumpHeader?.namespaces ?? []) note(counted, namespace);
    for await (const batch of reader.batches()) {
      options.signal?.throwIfAborted();
      const groups = new Map<string, Group>();
      for (const record of batch) {
        const namespace = namespaceOf(record, options.namespace);
        const id = note(counted, namespace);
        if (counted.sample.length < (options.sampleSize ?? 0)) counted.sample.push(record);
        counted.records++;
        if (record.expiryNs !== null && record.expiryNs < 0n) {
          counted.skippedExpired++;
          continue;
        }
        if (Object.keys(record.metadata).length > 0) counted.cannotKeep.metadata++;
        if (record.expiryNs !== null && record.expiryNs > 0n) counted.cannotKeep.expiry++;
        const group = groups.get(id);
        if (group === undefined) groups.set(id, { namespace, records: [record] });
        else group.records.push(record);
      }
      await each([...groups.values()]);
      options.onProgress?.({ records: counted.records, bytes: reader.bytesRead, totalBytes: file.totalBytes });
    }
    file.checkUnchanged(reader.bytesRead);
  } finally {
    file.close();
  }
  // Only what the target lacks counts as "cannot keep".
  if (options.target.refusals.metadata === undefined) counted.cannotKeep.metadata = 0;
  if (options.target.refusals.perRecordExpiry === undefined) counted.cannotKeep.expiry = 0;
  return counted;
}

function note(counted: { tables: Set<string>; namespaces: Map<string, Namespace> }, namespace: Namespace): string {
  const id = namespaceKey(namespace.database, namespace.table);
  counted.tables.add(id);
  counted.namespaces.set(id, namespace);
  return id;
}

const RECORDS = 'record(s) of the file';

/** The record as the target gets it: without what the user chose to import without. */
function toInput(record: DecodedRecord, choice: KeepChoice): RecordInput {
  return {
    key: record.key,
    value: record.value,
    metadata: choice.metadata === 'dropped' ? {} : record.metadata,
    expiry: choice.expiry === 'dropped' ? 0 : expiryNsToMs(record.expiryNs),
  };
}
