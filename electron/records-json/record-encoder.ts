/**
 * One record as Go's json.Marshal writes a `*store.Record`:
 * `{"key":…,"value":…,"metadata":…,"expiry":…}` in the struct's field order, `expiry` left out when 0
 * (`omitempty`). Two choices where Go has two spellings, both read back by Go and by us:
 *
 * - an empty value is written `""` (Go's empty non-nil slice) rather than `null` (a nil slice);
 * - empty metadata is written `{}` (an empty map) rather than `null` (a nil map), so that a Go program that
 *   adds to `r.Metadata` after reading does not panic on a nil map.
 */

import { hasLoneSurrogate } from '../common/unicode-text.js';
import { goString, goValue } from './go-json-encoder.js';

/** What the writers take: a Store record (`StoreRecord` fits as it is). */
export interface RecordToWrite {
  key: string;
  value: Uint8Array;
  metadata?: Record<string, unknown>;
  /** Milliseconds of life left; 0 or absent = never expires. */
  expiry?: number;
}

export interface DumpRecordToWrite extends RecordToWrite {
  database: string;
  table: string;
}

/** The longest time left that fits Go's time.Duration (int64 nanoseconds) in whole milliseconds. */
export const MAX_EXPIRY_MS = 9_223_372_036_854;
const GO_MAX_DURATION_NS = '9223372036854775807';

export function encodeGoRecord(record: RecordToWrite): string {
  return `{${recordFields(record)}}`;
}

/** A dump line's record: the namespace first, as Go writes a struct with Database and Table before an embedded store.Record. */
export function encodeGoDumpRecord(record: DumpRecordToWrite): string {
  return `{"database":${goString(record.database)},"table":${goString(record.table)},${recordFields(record)}}`;
}

function recordFields(record: RecordToWrite): string {
  const { key, value, metadata, expiry } = record;
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('a record to write needs a non-empty key');
  if (hasLoneSurrogate(key)) throw new TypeError(`key ${JSON.stringify(key)} is not valid Unicode`);
  const base = `"key":${goString(key)},"value":"${base64(value)}","metadata":${goMetadata(metadata)}`;
  const ns = expiryNanosText(expiry ?? 0);
  return ns === null ? base : `${base},"expiry":${ns}`;
}

function base64(value: Uint8Array): string {
  if (!(value instanceof Uint8Array)) throw new TypeError('a record value must be a Uint8Array');
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
}

function goMetadata(metadata: Record<string, unknown> | undefined): string {
  if (metadata === undefined || metadata === null) return '{}';
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw new TypeError('record metadata must be an object');
  return goValue(metadata);
}

/**
 * Milliseconds left as Go's nanoseconds, as exact integer text (no float on the way), or null for "never".
 * A fraction of a millisecond is rounded up, as the Store rounds time left: a live record never becomes 0.
 */
export function expiryNanosText(ms: number): string | null {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    throw new RangeError(`expiry must be a number of milliseconds >= 0 (got ${ms}); expired records are not exported`);
  }
  if (ms === 0) return null;
  const whole = Math.ceil(ms);
  // Longer than Go's time.Duration can say (292 years): the longest it can, not a failed export.
  if (whole > MAX_EXPIRY_MS) return GO_MAX_DURATION_NS;
  return `${whole}000000`;
}

/** Nanoseconds read from a file as the Store's milliseconds left, rounded up so that 1 ns is not "never". */
export function expiryNsToMs(ns: bigint | null): number {
  if (ns === null || ns === 0n) return 0;
  const ms = ns / 1_000_000n;
  const roundedUp = ns > 0n && ns % 1_000_000n !== 0n ? ms + 1n : ms;
  return Number(roundedUp);
}
