/**
 * Writing go-micro's Redis records. Everything that must not be half-done runs on the server as one unit: a
 * compare-and-set, a batch of writes, a delete, an expiry change, a rename or a duplicate is one Lua script. Only
 * strings are go-micro's records: every script leaves a key of another type (a hash, a list) alone. A record
 * asking for metadata is refused before anything is sent.
 */
import type { Redis } from 'ioredis';
import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { ExpiryChange } from '../../store/inspector-store.js';
import { ConflictError, type RecordDetail } from '../../store/record-detail.js';
import { checkKey, checkWritableKey } from '../../store/record-input.js';
import { NotFoundError, type RecordInput, RecordInputError, StoreInputError } from '../../store/types.js';
import { redisKey, redisKeyOfBytes } from './redis-keys.js';
import { checkedWrite, type RedisWrite } from './redis-records.js';
import {
  DELETE_RECORDS,
  DUPLICATE_RECORD,
  RENAME_RECORD,
  runScript,
  SET_EXPIRY,
  WRITE_IF_UNCHANGED,
  WRITE_RECORDS,
} from './redis-scripts.js';
import { summarise } from './redis-summaries.js';

/** Records per script: each batch is atomic; a script holds the server while it runs, so keep it short. */
const WRITE_BATCH = 1_000;
const DELETE_BATCH = 1_000;
const CONFLICT_VALUE_BYTES = 1024 * 1024;

export async function writeIfUnchanged(
  client: Redis,
  table: string,
  record: RecordInput,
  expectedRevision: string | null,
): Promise<string> {
  const write = checkedWrite(record);
  const key = redisKey(table, write.key);
  const reply = (await runScript(client, WRITE_IF_UNCHANGED, [key], [expectedRevision ?? '', ...args(write)])) as [
    number,
    Buffer,
  ];
  if (reply[0] === 1) return reply[1].toString();
  throw new ConflictError(await currentDetail(client, table, write.key));
}

function args(write: RedisWrite): (string | Buffer | number)[] {
  return [write.value, write.unit, write.unit === '' ? '' : write.ttl];
}

async function currentDetail(client: Redis, table: string, key: string): Promise<RecordDetail | undefined> {
  const [summary] = await summarise(client, [redisKey(table, key)], CONFLICT_VALUE_BYTES);
  if (summary === undefined) return undefined;
  return {
    key,
    value: new Uint8Array(summary.head),
    size: summary.size,
    metadata: {},
    expiresAt: summary.expiresAt,
    expired: false,
    updatedAt: 0,
    revision: summary.revision,
  };
}

/**
 * Many records, each batch of WRITE_BATCH one atomic script. Every record is checked first, so a bad one
 * (or one carrying metadata) stops the whole call before anything is written. Under 'fail' every key is
 * checked before the first batch; a key created by someone else between that check and its batch still
 * fails that batch whole, after earlier batches were written (the error says how many).
 */
export async function writeMany(
  client: Redis,
  table: string,
  records: RecordInput[],
  policy: ConflictPolicy,
  onWritten: (key: string) => void,
): Promise<BulkWriteReport> {
  const writes = records.map((record, index) => atPosition(index, () => checkedWrite(record)));
  if (policy === 'fail' && writes.length > WRITE_BATCH) await refuseExisting(client, table, writes, 0);
  const report: BulkWriteReport = { written: 0, overwritten: 0, skipped: 0 };
  for (let start = 0; start < writes.length; start += WRITE_BATCH) {
    const batch = writes.slice(start, start + WRITE_BATCH);
    const keys = batch.map((write) => redisKey(table, write.key));
    const reply = (await runScript(client, WRITE_RECORDS, keys, [policy, ...batch.flatMap(args)])) as number[];
    if (reply[0] === -1) throw existsError(batch[(reply[1] ?? 1) - 1]?.key ?? '', report);
    if (reply[0] === -2) throw notRecordError(batch[(reply[1] ?? 1) - 1]?.key ?? '', report);
    report.written += reply[0] ?? 0;
    report.overwritten += reply[1] ?? 0;
    report.skipped += reply[2] ?? 0;
    for (const write of batch) onWritten(write.key);
  }
  return report;
}

async function refuseExisting(client: Redis, table: string, writes: RedisWrite[], from: number): Promise<void> {
  for (let start = from; start < writes.length; start += WRITE_BATCH) {
    const batch = writes.slice(start, start + WRITE_BATCH);
    const pipeline = client.pipeline();
    for (const write of batch) pipeline.exists(redisKey(table, write.key));
    const replies = (await pipeline.exec()) ?? [];
    const index = replies.findIndex(([error, exists]) => {
      if (error) throw error;
      return exists === 1;
    });
    if (index >= 0) throw existsError(batch[index]?.key ?? '', { written: 0, overwritten: 0, skipped: 0 });
  }
}

function existsError(key: string, report: BulkWriteReport): StoreInputError {
  return new StoreInputError(`key ${JSON.stringify(key)} already exists; ${keptOf(report)}`);
}

function notRecordError(key: string, report: BulkWriteReport): StoreInputError {
  return new StoreInputError(
    `key ${JSON.stringify(key)} holds a Redis value of another type than a string, not a go-micro record: it is left as it is; ${keptOf(report)}`,
  );
}

function keptOf(report: BulkWriteReport): string {
  const before = report.written + report.overwritten;
  return before === 0 ? 'nothing was written' : `${before} records of earlier batches were written`;
}

function atPosition<T>(position: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof StoreInputError) || error instanceof RecordInputError) throw error;
    throw new RecordInputError(position, error.message);
  }
}

/**
 * One script per DELETE_BATCH keys, each atomic. Only go-micro's records (strings) are deleted: a key of
 * another type under the table's prefix is left alone and not counted. Returns how many were deleted.
 */
export async function deleteKeys(client: Redis, table: string, byteKeys: string[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < byteKeys.length; start += DELETE_BATCH) {
    const keys = byteKeys.slice(start, start + DELETE_BATCH).map((key) => redisKeyOfBytes(table, key));
    deleted += Number(await runScript(client, DELETE_RECORDS, keys, []));
  }
  return deleted;
}

/**
 * PEXPIRE, PEXPIREAT or PERSIST on each key, in one script: only records (strings) are touched, since an
 * expiry would later destroy a key of another type. Returns how many records there are.
 */
export async function setExpiry(client: Redis, table: string, keys: string[], change: ExpiryChange): Promise<number> {
  const command =
    'ttl' in change
      ? ['PEXPIRE', positiveMs(change.ttl)]
      : 'at' in change
        ? ['PEXPIREAT', Math.floor(change.at)]
        : ['PERSIST', 0];
  const redisKeys = keys.map((key) => redisKey(table, checkKey(key)));
  return Number(await runScript(client, SET_EXPIRY, redisKeys, command));
}

function positiveMs(ttl: number): number {
  if (!Number.isFinite(ttl) || ttl <= 0) throw new StoreInputError(`ttl must be a positive number of ms, got ${ttl}`);
  return Math.max(1, Math.ceil(ttl));
}

/**
 * One script: the record keeps its value and expiry; an existing target (of any type) is refused, and a
 * source that is missing or not a record (not a string) is not found, so it is never moved.
 */
export async function rename(client: Redis, table: string, from: string, to: string): Promise<void> {
  await moveOrCopy(client, RENAME_RECORD, table, from, to);
}

async function moveOrCopy(client: Redis, script: string, table: string, from: string, to: string): Promise<void> {
  const target = checkWritableKey(to);
  const keys = [redisKey(table, checkKey(from)), redisKey(table, target)];
  const done = Number(await runScript(client, script, keys, []));
  if (done === 0) throw new NotFoundError();
  if (done === -1) throw new StoreInputError(`key ${JSON.stringify(target)} already exists`);
}

/** One script, as rename: a source that is not a record is not found, an existing target is refused. */
export async function duplicate(client: Redis, table: string, from: string, to: string): Promise<void> {
  await moveOrCopy(client, DUPLICATE_RECORD, table, from, to);
}
