/**
 * Turns one parsed record object into a decoded record under Go's rules for `store.Record`, or says precisely
 * which field is wrong. Go's json.Unmarshal is the reference: a file Go reads into `[]*store.Record` must give
 * the same key, bytes, metadata and expiry here; on top of that, a record needs a key, and text must be valid
 * Unicode (Go would quietly turn a lone surrogate into U+FFFD).
 */

import { depthProblem, keyLengthProblem } from '../common/record-limits.js';
import { hasLoneSurrogate, loneSurrogateAt } from '../common/unicode-text.js';
import { describeJsonType, type RecordErrorContext, recordError } from './errors.js';
import { decodeGoBase64 } from './go-base64.js';
import { lastMemberRaw, trailingExpiryDigits } from './raw-member.js';

export interface DecodedRecord {
  /** 0-based position among the file's records. */
  index: number;
  key: string;
  value: Buffer;
  metadata: Record<string, unknown>;
  /** Time left in nanoseconds, as in the file; null = never expires. Negative = already expired. */
  expiryNs: bigint | null;
  /** Store dumps only. */
  database?: string;
  table?: string;
}

export type RecordField = 'key' | 'value' | 'metadata' | 'expiry' | 'database' | 'table';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^-?(0|[1-9][0-9]*)$/;
/** In the raw text: a \u escape of a surrogate, the only way a lone one can get into a parsed string. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

function mayHoldSurrogates(text: string): boolean {
  // indexOf first: far cheaper than the regex on the usual text with no \ud escape at all.
  return (text.includes('\\ud') || text.includes('\\uD')) && SURROGATE_ESCAPE.test(text);
}

/**
 * Go matches field names without regard to case (bytes.EqualFold): "Key" and "KEY" are `key` too.
 * toLowerCase already folds the Kelvin sign to k; the long s, which Go folds to s, needs its own step.
 */
export function goFieldName(name: string): string {
  return name.toLowerCase().replaceAll('ſ', 's');
}

/** The members of a record object, by field. Later members win, as in Go. */
type Members = Partial<Record<RecordField, unknown>> & { expiryNames: number };

function collectMembers(obj: Record<string, unknown>, withNamespace: boolean): Members {
  const members: Members = { expiryNames: 0 };
  for (const name in obj) {
    const field = fieldOf(name, withNamespace);
    if (field === null) continue;
    members[field] = obj[name];
    if (field === 'expiry') members.expiryNames++;
  }
  return members;
}

function fieldOf(name: string, withNamespace: boolean): RecordField | null {
  switch (name) {
    case 'key':
    case 'value':
    case 'metadata':
    case 'expiry':
      return name;
    case 'database':
    case 'table':
      return withNamespace ? name : null;
  }
  const folded = goFieldName(name);
  switch (folded) {
    case 'key':
    case 'value':
    case 'metadata':
    case 'expiry':
      return folded;
    case 'database':
    case 'table':
      return withNamespace ? folded : null;
    default:
      return null;
  }
}

export function decodeRecord(
  obj: Record<string, unknown>,
  text: string,
  ctx: RecordErrorContext,
  withNamespace = false,
): DecodedRecord {
  const m = collectMembers(obj, withNamespace);
  const mayHaveSurrogates = mayHoldSurrogates(text);
  const key = decodeKey(m.key, mayHaveSurrogates, ctx);
  const where: Where = { ctx, key };
  const value = decodeGoBase64Field(m.value, where);
  const metadata = decodeMetadata(m.metadata, mayHaveSurrogates, where);
  const expiryNs = m.expiryNames === 0 ? null : decodeExpiry(m, text, where);
  const record: DecodedRecord = { index: ctx.index, key, value, metadata, expiryNs };
  if (withNamespace) {
    record.database = decodeName(m.database, 'database', where);
    record.table = decodeName(m.table, 'table', where);
  }
  return record;
}

/** The record being decoded, for messages. (No closure per record: that costs more than it looks.) */
interface Where {
  ctx: RecordErrorContext;
  key: string;
}

function fail(where: Where, field: RecordField, detail: string): Error {
  return recordError(where.ctx, where.key, field, `${field} ${detail}`);
}

function decodeKey(raw: unknown, mayHaveSurrogates: boolean, ctx: RecordErrorContext): string {
  if (raw === undefined || raw === null) throw recordError(ctx, undefined, 'key', 'key is missing');
  if (typeof raw !== 'string')
    throw recordError(ctx, undefined, 'key', `key is ${describeJsonType(raw)}, not a string`);
  if (raw.length === 0) throw recordError(ctx, raw, 'key', 'key is empty');
  const tooLong = keyLengthProblem(raw);
  if (tooLong !== undefined) throw recordError(ctx, raw, 'key', `key ${tooLong}`);
  const lone = mayHaveSurrogates ? loneSurrogateAt(raw) : -1;
  if (lone !== -1) {
    const unit = raw.charCodeAt(lone).toString(16);
    throw recordError(ctx, raw, 'key', `key is not valid Unicode (lone surrogate \\u${unit} at character ${lone})`);
  }
  return raw;
}

function decodeGoBase64Field(raw: unknown, where: Where): Buffer {
  if (raw === undefined || raw === null) return Buffer.alloc(0);
  if (typeof raw !== 'string') throw fail(where, 'value', `is ${describeJsonType(raw)}, not a base64 string`);
  const decoded = decodeGoBase64(raw);
  if (!decoded.ok) throw fail(where, 'value', `is not base64: ${decoded.problem}`);
  return decoded.bytes;
}

function decodeMetadata(raw: unknown, mayHaveSurrogates: boolean, where: Where): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw fail(where, 'metadata', `is ${describeJsonType(raw)}, not an object (or null)`);
  }
  const metadata = raw as Record<string, unknown>;
  const problem = findMetadataProblem(metadata, mayHaveSurrogates, '', 1);
  if (problem) throw fail(where, 'metadata', problem);
  return metadata;
}

/**
 * Go reads metadata numbers as float64 and refuses those beyond its range (JSON.parse gives Infinity); lone
 * surrogates are refused as in keys; nesting deeper than the Store keeps is refused here, before the walk
 * could overflow the stack. Returns what is wrong and where, or null.
 */
function findMetadataProblem(value: unknown, surrogates: boolean, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path || 'value'} is a number beyond float64`;
  if (typeof value === 'string') {
    return surrogates && hasLoneSurrogate(value) ? `${path || 'value'} is not valid Unicode (lone surrogate)` : null;
  }
  if (value === null || typeof value !== 'object') return null;
  const tooDeep = depthProblem(depth);
  if (tooDeep !== undefined) return `${path.length > 60 ? `${path.slice(0, 60)}…` : path} ${tooDeep}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findMetadataProblem(value[i], surrogates, `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const obj = value as Record<string, unknown>;
  for (const name in obj) {
    const at = path ? `${path}.${name}` : name;
    if (surrogates && hasLoneSurrogate(name)) return `field name ${JSON.stringify(at)} is not valid Unicode`;
    const problem = findMetadataProblem(obj[name], surrogates, at, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function decodeExpiry(m: Members, text: string, where: Where): bigint | null {
  const parsed = m.expiry;
  if (parsed === null || parsed === undefined) {
    // A later duplicate can only be the null itself; Go leaves the duration at 0 for null.
    if (m.expiryNames === 1) return null;
  } else if (typeof parsed !== 'number' && m.expiryNames === 1) {
    throw fail(where, 'expiry', `is ${describeJsonType(parsed)}, not an integer number of nanoseconds`);
  }
  const digits = trailingExpiryDigits(text);
  if (digits !== undefined) return expiryFromRaw(digits, true, where);
  return expiryFromRaw(lastMemberRaw(text, isExpiryName) ?? 'null', false, where);
}

function isExpiryName(name: string): boolean {
  return goFieldName(name) === 'expiry';
}

/** `checked`: the text is known to be -?digits, and JSON.parse has already refused leading zeros. */
function expiryFromRaw(raw: string, checked: boolean, where: Where): bigint | null {
  if (raw === 'null') return null;
  if (!checked && !INTEGER.test(raw)) {
    const kind = /^[-0-9]/.test(raw)
      ? `${raw}, not an integer`
      : `${describeJsonType(JSON.parse(raw))}, not an integer`;
    throw fail(where, 'expiry', `is ${kind} number of nanoseconds (Go's time.Duration)`);
  }
  const ns = BigInt(raw);
  if (raw.length > 18 && (ns < INT64_MIN || ns > INT64_MAX)) {
    throw fail(
      where,
      'expiry',
      `${raw} is out of range: Go's time.Duration holds int64 nanoseconds (about ±292 years)`,
    );
  }
  return ns === 0n ? null : ns;
}

function decodeName(raw: unknown, field: 'database' | 'table', where: Where): string {
  if (raw === undefined || raw === null) throw fail(where, field, 'is missing');
  if (typeof raw !== 'string') throw fail(where, field, `is ${describeJsonType(raw)}, not a string`);
  if (raw.length === 0) throw fail(where, field, 'is empty');
  return raw;
}
