import { CLOSE_BRACE, QUOTE } from '../common/char-codes.js';
import { isPlainObject } from '../common/plain-object.js';
import { type GoTime, goTimeToMs, isGoZeroTime, parseGoTime, parseGoTimeBytes } from './go-time.js';

/**
 * One record of go-micro's file store, as its `store/file.go` keeps it: the bbolt value is Go's
 * encoding/json of `record{Key string; Value []byte; Metadata map[string]interface{}; ExpiresAt time.Time}`.
 * go-micro v2.5-v2.8 had no Metadata field, so it may be absent.
 */
export interface GoMicroRecord {
  key: string;
  value: Buffer;
  metadata: Record<string, unknown>;
  /** null: never expires (Go's zero time). */
  expiresAt: GoTime | null;
}

export class GoMicroRecordError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${file}: record ${JSON.stringify(key)}: ${detail}`);
    this.name = 'GoMicroRecordError';
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A bbolt key as a go-micro key (Go strings may hold invalid UTF-8; those bytes become U+FFFD here). */
export function keyText(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('utf8');
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Go's encoding/json matches field names case-insensitively when there is no exact match, so a value
 * written by another Go struct with lower-case tags still decodes in go-micro; we accept what Go accepts.
 */
function field(object: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const match = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return match === undefined ? undefined : object[match];
}

/** Decodes a bbolt key/value pair of a go-micro `data` bucket; throws GoMicroRecordError on anything else. */
export function decodeGoMicroRecord(keyBytes: Buffer, json: Buffer, file: string): GoMicroRecord {
  const key = keyText(keyBytes);
  const fail: Fail = (detail) => {
    throw new GoMicroRecordError(file, key, detail);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (error) {
    fail(`value is not go-micro JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isPlainObject(parsed)) return fail('value is JSON but not a go-micro record object');
  checkKey(field(parsed, 'Key'), keyBytes, key, fail);
  return {
    key,
    value: decodeValue(field(parsed, 'Value'), fail),
    metadata: decodeMetadata(field(parsed, 'Metadata'), fail),
    expiresAt: decodeExpiresAt(field(parsed, 'ExpiresAt'), fail),
  };
}

type Fail = (detail: string) => never;

/** The bbolt key is what go-micro looks records up by; a different Key inside means the value is not its own. */
function checkKey(recordKey: unknown, keyBytes: Buffer, key: string, fail: Fail): void {
  if (typeof recordKey !== 'string') fail('field "Key" is missing or not a string');
  // Go's json.Marshal turns invalid UTF-8 into U+FFFD, so only a valid UTF-8 key can be compared exactly.
  if (recordKey !== key && isValidUtf8(keyBytes)) fail(`field "Key" says ${JSON.stringify(recordKey)}`);
}

function decodeValue(value: unknown, fail: Fail): Buffer {
  if (value === null) return Buffer.alloc(0);
  if (value === undefined) return fail('field "Value" is missing');
  if (typeof value !== 'string' || !BASE64.test(value)) return fail('field "Value" is not base64 or null');
  return Buffer.from(value, 'base64');
}

function decodeMetadata(metadata: unknown, fail: Fail): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return {};
  if (!isPlainObject(metadata)) return fail('field "Metadata" is not an object');
  return metadata;
}

function decodeExpiresAt(expiresAt: unknown, fail: Fail): GoTime | null {
  if (expiresAt === undefined) return fail('field "ExpiresAt" is missing');
  if (typeof expiresAt !== 'string') return fail('field "ExpiresAt" is not a string');
  const time = parseGoTime(expiresAt);
  if (time === null) return fail(`field "ExpiresAt" is not an RFC 3339 time: ${JSON.stringify(expiresAt)}`);
  return isGoZeroTime(time) ? null : time;
}

const EXPIRES_AT_FIELD = Buffer.from(',"ExpiresAt":"');
const GO_ZERO_TIME = Buffer.from('0001-01-01T00:00:00Z');
/** Longer than any time Go writes (35 bytes with nanoseconds and an offset). */
const MAX_TIME_LENGTH = 40;

function bytesEqual(a: Uint8Array, at: number, b: Uint8Array): boolean {
  if (at < 0 || at + b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[at + i] !== b[i]) return false;
  return true;
}

/**
 * The expiry (ms since the epoch; null = never) read from the end of the value without parsing the JSON.
 * Go writes struct fields in order and ExpiresAt is the last one, so `..."ExpiresAt":"<time>"}` ends every
 * value go-micro wrote; counting a million records needs only this. `undefined` when the value does not end
 * that way: the caller then decodes it in full (and reports what is wrong with it).
 */
export function peekExpiresAtMs(json: Buffer): number | null | undefined {
  const end = json.length - 2;
  if (end < 0 || json[end + 1] !== CLOSE_BRACE || json[end] !== QUOTE) return undefined;
  let start = end - 1;
  while (start > 0 && end - start < MAX_TIME_LENGTH && json[start] !== QUOTE) start--;
  if (!bytesEqual(json, start - EXPIRES_AT_FIELD.length + 1, EXPIRES_AT_FIELD)) return undefined;
  start++;
  if (end - start === GO_ZERO_TIME.length && bytesEqual(json, start, GO_ZERO_TIME)) return null;
  const time = parseGoTimeBytes(json, start, end);
  if (time === null) return undefined;
  return isGoZeroTime(time) ? null : goTimeToMs(time);
}
