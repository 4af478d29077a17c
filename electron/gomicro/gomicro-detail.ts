import { isExpired, remainingLife } from '../common/expiry.js';
import { compareKeys } from '../common/key-order.js';
import type { RecordDetail } from '../store/record-detail.js';
import type { RecordFilter } from '../store/record-filter.js';
import { StoreInputError, type StoreRecord } from '../store/types.js';
import { BUCKET_LEAF_FLAG } from './bbolt-pages.js';
import type { LeafEntry } from './bbolt-reader.js';
import { compileFilter } from './gomicro-filter.js';
import { eachMatch, goMicroRevisionOf, recordOf } from './gomicro-matching.js';
import type { ReadContext } from './gomicro-page.js';
import { decodeGoMicroRecord, type GoMicroRecord } from './gomicro-record.js';
import { expiresAtMs, type GoMicroTable } from './gomicro-table.js';

/** One record in full, expired or not; its value cut at `maxBytes`. undefined when there is no such key. */
export function readGoMicroDetail(
  table: GoMicroTable,
  key: string,
  maxBytes: number,
  context: ReadContext,
): RecordDetail | undefined {
  checkByteCount(maxBytes, 'maxBytes');
  return table.read((snapshot, data) => {
    const entry = data === null ? null : recordEntry(snapshot.get(data, Buffer.from(key, 'utf8')));
    if (entry === null) return undefined;
    const record = decodeGoMicroRecord(entry.key, entry.value, snapshot.file);
    const expiresAt = expiresAtMs(entry, snapshot.file);
    return {
      key: record.key,
      value: record.value.subarray(0, maxBytes),
      size: record.value.length,
      metadata: record.metadata,
      expiresAt,
      expired: isExpired(expiresAt, context.now),
      updatedAt: context.updatedAt,
      revision: goMicroRevisionOf(entry),
    };
  });
}

/** `length` bytes of a record's value from `offset` (fewer at its end); undefined when there is no such key. */
export function readValueSlice(table: GoMicroTable, key: string, offset: number, length: number) {
  checkByteCount(offset, 'offset');
  checkByteCount(length, 'length');
  return table.read((snapshot, data) => {
    const entry = data === null ? null : recordEntry(snapshot.get(data, Buffer.from(key, 'utf8')));
    if (entry === null) return undefined;
    const { value } = decodeGoMicroRecord(entry.key, entry.value, snapshot.file);
    // A copy: the slice must not keep the whole decoded value alive.
    return Buffer.from(value.subarray(offset, offset + length));
  });
}

/** Whole records matching a filter, in key order, `limit` after `after` (for export and copying). */
export function readBatch(
  table: GoMicroTable,
  filter: RecordFilter,
  after: string | undefined,
  limit: number,
  now: number,
): StoreRecord[] {
  const compiled = compileFilter(filter, now);
  const range = {
    prefix: compiled.prefix,
    after: after === undefined ? null : Buffer.from(after),
    order: 'asc' as const,
  };
  return table.read((snapshot, data) => {
    const records: StoreRecord[] = [];
    eachMatch(snapshot, data, compiled, range, (match) => {
      records.push(toStoreRecord(recordOf(match, snapshot.file), remainingLife(match.expiresAt, now)));
      return records.length < limit;
    });
    return records;
  });
}

/** The live records with these keys, in key order (for exporting a selection). */
export function readByKeys(table: GoMicroTable, keys: string[], now: number): StoreRecord[] {
  const sorted = [...new Set(keys)].sort(compareKeys);
  return table.read((snapshot, data) =>
    sorted.flatMap((key) => {
      const entry = data === null ? null : recordEntry(snapshot.get(data, Buffer.from(key, 'utf8')));
      if (entry === null) return [];
      const expiresAt = expiresAtMs(entry, snapshot.file);
      if (isExpired(expiresAt, now)) return [];
      const record = decodeGoMicroRecord(entry.key, entry.value, snapshot.file);
      return [toStoreRecord(record, remainingLife(expiresAt, now))];
    }),
  );
}

function toStoreRecord(record: GoMicroRecord, expiry: number): StoreRecord {
  return { key: record.key, value: record.value, metadata: record.metadata, expiry };
}

/** A nested bucket under the key is not a record. */
function recordEntry(entry: LeafEntry | null): LeafEntry | null {
  return entry === null || (entry.flags & BUCKET_LEAF_FLAG) !== 0 ? null : entry;
}

function checkByteCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new StoreInputError(`${name} must be a non-negative integer`);
}
