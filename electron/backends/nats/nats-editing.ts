/**
 * Writing go-micro records into a KV bucket as go-micro's Write does (one Put of the envelope per record) and
 * deleting as its Delete does (a delete marker, not a purge). A write from the editor names the entry
 * revision it saw: KV's update (create for a new key) then refuses a record another writer moved on, and
 * that is reported as a conflict. A per-record TTL is refused: KV keeps none (docs/backend-nats.md).
 */
import { RefusedError, refusalReason } from '../../common/backend-refusals.js';
import { notePartlyWritten } from '../../common/partial-writes.js';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import { ConflictError, type RecordDetail } from '../../store/record-detail.js';
import type { RecordFilter } from '../../store/record-filter.js';
import { checkWritableKey, valueBytes } from '../../store/record-input.js';
import { NotFoundError, type RecordInput, StoreInputError } from '../../store/types.js';
import { BackendUnavailableError } from '../backend-errors.js';
import type { NatsBucket } from './nats-bucket.js';
import { encodeEnvelope } from './nats-envelope.js';
import { fullKey } from './nats-keys.js';
import { inspectRecord, type LoadedRecord, loadRecord, recordBatch } from './nats-reading.js';

/** Writes sent at once; each is one Put the server applies whole. */
const WRITE_BATCH = 64;
const CONFLICT_VALUE_BYTES = 1024 * 1024;

/** A record checked and encoded before anything is sent, so bad input loses nothing. */
interface Prepared {
  full: string;
  natsKey: string;
  bytes: Buffer;
}

function prepare(bucket: NatsBucket, table: string, record: RecordInput, maxPayload: number): Prepared {
  const key = checkWritableKey(record.key);
  if (record.expiry !== undefined && record.expiry !== 0) {
    throw new RefusedError(
      'perRecordExpiry',
      refusalReason('nats', 'perRecordExpiry') ?? 'NATS KV has no per-record TTL',
    );
  }
  const full = fullKey(table, key);
  const value = valueBytes(record.value);
  const bytes = encodeEnvelope(key, value, record.metadata);
  const why = tooLarge(key, value.length, bytes.length, record.metadata, maxPayload);
  if (why !== undefined) throw new StoreInputError(why);
  return { full, natsKey: bucket.natsKey(full), bytes };
}

/**
 * Why the record's envelope is past the server's max_payload, or undefined when it fits. The envelope is
 * JSON with the value in base64 (4 bytes per 3) beside the key and metadata, so the largest value that fits
 * is about 3/4 of max_payload less those; the sentence names both sizes (docs/backend-nats.md).
 */
export function oversize(record: RecordInput, maxPayload: number): string | undefined {
  const value = valueBytes(record.value);
  // Most values fit by far: the exact envelope is measured only near the limit.
  if (Math.ceil(value.length / 3) * 4 < maxPayload / 2) return undefined;
  const envelope = encodeEnvelope(record.key, value, record.metadata).length;
  return tooLarge(record.key, value.length, envelope, record.metadata, maxPayload);
}

/**
 * max_payload counts a message's headers too: a create or an update carries JetStream's expected-sequence
 * header ("NATS/1.0", Nats-Expected-Last-Subject-Sequence and up to 20 digits: under 80 bytes).
 */
const HEADER_ALLOWANCE = 128;

function tooLarge(
  key: string,
  valueLength: number,
  envelope: number,
  metadata: Record<string, unknown> | undefined,
  maxPayload: number,
): string | undefined {
  const room = maxPayload - HEADER_ALLOWANCE;
  if (envelope <= room) return undefined;
  const around = encodeEnvelope(key, Buffer.alloc(0), metadata).length;
  // base64 writes 4 characters per 3 bytes, the last group padded.
  const fits = Math.max(0, Math.floor((room - around) / 4) * 3);
  return `key ${JSON.stringify(key)}: its value is ${bytes(valueLength)}, ${bytes(envelope)} as go-micro's envelope (JSON, the value in base64); the NATS server takes messages of up to ${bytes(maxPayload)} (its max_payload), so values of up to about ${bytes(fits)} fit: nothing was written`;
}

function bytes(count: number): string {
  return `${count.toLocaleString('en-US')} bytes`;
}

/** KV refused a write whose expected revision was not the key's last (JetStream's "wrong last sequence"). */
function isWrongRevision(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 10071 || code === 10164 || (error instanceof Error && /wrong last sequence/i.test(error.message));
}

async function currentDetail(bucket: NatsBucket, table: string, key: string): Promise<RecordDetail | undefined> {
  try {
    return await inspectRecord(bucket, table, key, CONFLICT_VALUE_BYTES);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export async function writeIfUnchanged(
  bucket: NatsBucket,
  table: string,
  record: RecordInput,
  expectedRevision: string | null,
  maxPayload: number,
): Promise<string> {
  const prepared = prepare(bucket, table, record, maxPayload);
  const expected = expectedRevision === null ? null : Number(expectedRevision);
  if (expected !== null && !(Number.isSafeInteger(expected) && expected > 0)) {
    throw new ConflictError(await currentDetail(bucket, table, record.key));
  }
  try {
    const revision =
      expected === null
        ? await bucket.kv.create(prepared.natsKey, prepared.bytes)
        : await bucket.kv.update(prepared.natsKey, prepared.bytes, expected);
    bucket.noteWritten(prepared.full, table);
    return String(revision);
  } catch (error) {
    if (isWrongRevision(error)) throw new ConflictError(await currentDetail(bucket, table, record.key));
    throw error;
  }
}

export async function writeMany(
  bucket: NatsBucket,
  table: string,
  records: RecordInput[],
  policy: ConflictPolicy,
  maxPayload: number,
): Promise<BulkWriteReport> {
  const prepared = records.map((record) => prepare(bucket, table, record, maxPayload));
  if (policy === 'fail') await refuseExisting(bucket, table, prepared);
  const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  for (let i = 0; i < prepared.length; i += WRITE_BATCH) {
    const batch = prepared.slice(i, i + WRITE_BATCH);
    const outcomes = await Promise.allSettled(batch.map((one) => writeOne(bucket, one, policy)));
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') {
        report[outcome.value]++;
        bucket.noteWritten((batch[index] as Prepared).full, table);
      }
    }
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw partly(failed.reason, report, prepared.length);
  }
  return report;
}

async function writeOne(bucket: NatsBucket, one: Prepared, policy: ConflictPolicy): Promise<keyof BulkWriteReport> {
  if (policy === 'overwrite') {
    const existed = bucket.keys.has(one.full);
    await bucket.kv.put(one.natsKey, one.bytes);
    return existed ? 'overwritten' : 'written';
  }
  try {
    await bucket.kv.create(one.natsKey, one.bytes);
    return 'written';
  } catch (error) {
    if (!isWrongRevision(error)) throw error;
    if (policy === 'skip') return 'skipped';
    throw new StoreInputError(`key ${JSON.stringify(one.full)} was written by another client meanwhile`);
  }
}

async function refuseExisting(bucket: NatsBucket, table: string, prepared: Prepared[]): Promise<void> {
  for (let i = 0; i < prepared.length; i += WRITE_BATCH) {
    const batch = prepared.slice(i, i + WRITE_BATCH);
    const found = await Promise.all(batch.map((one) => loadRecord(bucket, table, one.full)));
    const taken = found.find((record) => record !== undefined);
    if (taken !== undefined)
      throw new StoreInputError(`key ${JSON.stringify(taken.key)} already exists; nothing was written`);
  }
}

/** The error of a many-record write that stopped part way, saying how much of it is kept. */
function partly(reason: unknown, report: BulkWriteReport, total: number): unknown {
  const kept = report.written + report.overwritten;
  const said = `${kept} of ${total} records were written whole before it, none in part`;
  if (reason instanceof BackendUnavailableError)
    return notePartlyWritten(new BackendUnavailableError(`${reason.message}; ${said}`, reason.reason), kept);
  if (kept === 0 || !(reason instanceof Error)) return reason;
  reason.message = `${reason.message}; ${said}`;
  return notePartlyWritten(reason, kept);
}

/** go-micro's Delete: a delete marker per key. Counts the keys that held a record. */
export async function deleteKeys(bucket: NatsBucket, table: string, keys: string[]): Promise<number> {
  let deleted = 0;
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += WRITE_BATCH) {
    const batch = unique.slice(i, i + WRITE_BATCH);
    const results = await Promise.all(batch.map((key) => deleteOne(bucket, table, fullKey(table, key))));
    deleted += results.filter(Boolean).length;
  }
  return deleted;
}

async function deleteOne(bucket: NatsBucket, table: string, full: string): Promise<boolean> {
  const record = await loadRecord(bucket, table, full);
  if (record === undefined) return false;
  await bucket.kv.delete(bucket.natsKey(full));
  bucket.noteDeleted(full);
  return true;
}

export async function deleteMatching(bucket: NatsBucket, table: string, filter: RecordFilter): Promise<number> {
  const keys = (await recordBatch(bucket, table, filter, undefined, Number.MAX_SAFE_INTEGER)).map((r) => r.key);
  return deleteKeys(bucket, table, keys);
}

/** Copies a record to a new key (which must be free) with the envelope's key rewritten; the source stays. */
async function copyTo(bucket: NatsBucket, table: string, from: string, to: string): Promise<LoadedRecord> {
  const key = checkWritableKey(to);
  const source = await loadRecord(bucket, table, fullKey(table, from));
  if (source === undefined) throw new NotFoundError();
  const full = fullKey(table, key);
  const bytes = source.envelope ? encodeEnvelope(key, source.value, source.metadata ?? undefined) : source.value;
  try {
    await bucket.kv.create(bucket.natsKey(full), bytes);
  } catch (error) {
    if (isWrongRevision(error)) throw new StoreInputError(`key ${JSON.stringify(to)} already exists`);
    throw error;
  }
  bucket.noteWritten(full, table);
  return source;
}

export async function duplicate(bucket: NatsBucket, table: string, from: string, to: string): Promise<void> {
  await copyTo(bucket, table, from, to);
}

/** KV has no multi-key transaction: the copy is made first, so a failure leaves the record at least once. */
export async function rename(bucket: NatsBucket, table: string, from: string, to: string): Promise<void> {
  const source = await copyTo(bucket, table, from, to);
  const full = fullKey(table, from);
  try {
    await bucket.kv.delete(bucket.natsKey(full), { previousSeq: source.revision });
  } catch (error) {
    if (!isWrongRevision(error)) throw error;
    throw new StoreInputError(
      `${JSON.stringify(to)} was written, but ${JSON.stringify(from)} changed meanwhile and was kept: both exist now`,
    );
  }
  bucket.noteDeleted(full);
}
