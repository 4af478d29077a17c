import { expiresAtFor } from './expiry.js';
import { encodeMetadata } from './metadata.js';
import { checkWritableKey, valueBytes } from './record-input.js';
import { INSERT_RECORD_IF_FREE, UPSERT_RECORD } from './record-sql.js';
import type { StatementCache } from './statement-cache.js';
import { type RecordInput, RecordInputError, StoreInputError } from './types.js';

/** What to do when a record's key already exists. */
export type ConflictPolicy = 'overwrite' | 'skip' | 'fail';

export interface BulkWriteReport {
  written: number;
  overwritten: number;
  skipped: number;
}

/**
 * Writes records into one namespace. The caller runs this inside a transaction, so a batch is
 * all-or-nothing: a bad record or a `fail` conflict throws and nothing of the batch remains.
 */
export function writeRecords(
  statements: StatementCache,
  nsId: number,
  records: Iterable<RecordInput>,
  policy: ConflictPolicy,
  now: number,
  report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 },
): BulkWriteReport {
  let index = 0;
  for (const record of records) {
    const position = index++;
    try {
      writeOne(statements, nsId, recordRow(record, now), policy, report);
    } catch (error) {
      if (!(error instanceof StoreInputError)) throw error;
      throw new RecordInputError(position, error.message);
    }
  }
  return report;
}

function writeOne(
  statements: StatementCache,
  nsId: number,
  row: RowValues,
  policy: ConflictPolicy,
  report: BulkWriteReport,
) {
  if (policy === 'overwrite') {
    const version = statements.get<{ version: number }>(UPSERT_RECORD).get(nsId, ...row);
    if (version?.version === 1) report.written++;
    else report.overwritten++;
  } else if (statements.get(INSERT_RECORD_IF_FREE).run(nsId, ...row).changes === 1) {
    report.written++;
  } else if (policy === 'skip') {
    report.skipped++;
  } else {
    throw new StoreInputError(`key ${JSON.stringify(row[0])} already exists; nothing was written`);
  }
}

type RowValues = [key: string, value: Buffer, metadata: string | null, expiresAt: number | null, updatedAt: number];

function recordRow(record: RecordInput, now: number): RowValues {
  if (typeof record !== 'object' || record === null) throw new StoreInputError('is not an object');
  const key = checkWritableKey(record.key);
  return [key, valueBytes(record.value), encodeMetadata(record.metadata), expiresAtFor(record.expiry, {}, now), now];
}
