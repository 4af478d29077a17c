/**
 * One error type for everything that makes a records file unreadable. Its message always names the place, so a
 * user can open the file at the right spot; the same facts are also kept as fields for the UI and the importer.
 */

import {
  isControl,
  isDigit,
  LOWER_A,
  LOWER_F,
  LOWER_N,
  LOWER_T,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../common/char-codes.js';

/** Where something is in the file: 1-based line and column (UTF-16 units, as editors count), 0-based byte. */
export interface SourcePlace {
  line: number;
  column: number;
  byteOffset: number;
}

export type RecordsJsonErrorCode =
  /** Nothing but whitespace. */
  | 'empty'
  /** Not JSON: a bad character, a bad escape, a missing comma. */
  | 'syntax'
  /** JSON, but not a shape we read: a number at the top, an array where objects are expected. */
  | 'shape'
  /** The file stops in the middle of a value, or a dump lacks its end line. */
  | 'truncated'
  /** Something after the end of the array or the dump. */
  | 'trailing'
  /** A record object whose field is missing, of the wrong type or out of range. */
  | 'record'
  /** A single value is larger than the reader's limit. */
  | 'too-large'
  /** Bytes that are not UTF-8. */
  | 'encoding'
  /** A store dump whose header or end line is wrong. */
  | 'dump';

export interface RecordsJsonErrorDetails {
  place?: SourcePlace;
  recordIndex?: number;
  key?: string;
  field?: string;
}

export class RecordsJsonError extends Error {
  readonly code: RecordsJsonErrorCode;
  readonly place: SourcePlace | undefined;
  /** 0-based, as the `index` of decoded records. */
  readonly recordIndex: number | undefined;
  readonly key: string | undefined;
  readonly field: string | undefined;

  constructor(code: RecordsJsonErrorCode, message: string, details: RecordsJsonErrorDetails = {}) {
    super(message);
    this.name = 'RecordsJsonError';
    this.code = code;
    this.place = details.place;
    this.recordIndex = details.recordIndex;
    this.key = details.key;
    this.field = details.field;
  }
}

export function describePlace(place: SourcePlace): string {
  return `line ${place.line}, column ${place.column} (byte ${place.byteOffset})`;
}

/** `line 3, column 7 (byte 52): expected ',' or '}'`. */
export function errorAt(code: RecordsJsonErrorCode, place: SourcePlace, detail: string): RecordsJsonError {
  return new RecordsJsonError(code, `${describePlace(place)}: ${detail}`, { place });
}

const KEY_SHOWN = 60;

/** A key as it appears in messages: JSON-quoted (so control characters stay visible) and cut when long. */
export function quoteKey(key: string): string {
  return key.length > KEY_SHOWN ? `${JSON.stringify(key.slice(0, KEY_SHOWN))}…` : JSON.stringify(key);
}

export interface RecordErrorContext {
  index: number;
  start: SourcePlace;
}

/**
 * Records are numbered from 1 in messages, as lines and columns are (the index field stays 0-based).
 * `record 17 ("user/9"): value is not base64; the record starts at line 19, column 1 (byte 2345)`.
 * The record part comes first because that is what a user looks for; the place follows for the editor.
 */
export function recordError(
  ctx: RecordErrorContext,
  key: string | undefined,
  field: string,
  detail: string,
): RecordsJsonError {
  const who = `record ${ctx.index + 1}${key === undefined ? '' : ` (${quoteKey(key)})`}`;
  const message = `${who}: ${detail}; the record starts at ${describePlace(ctx.start)}`;
  return new RecordsJsonError('record', message, { place: ctx.start, recordIndex: ctx.index, key, field });
}

/** How a JSON value is named in messages, from its parsed form. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'an object';
  }
}

/** How a JSON value is named in messages, from the first character of its text. */
export function describeJsonStart(code: number): string {
  switch (code) {
    case QUOTE:
      return 'a string';
    case OPEN_BRACKET:
      return 'an array';
    case OPEN_BRACE:
      return 'an object';
    case LOWER_T:
      return 'true';
    case LOWER_F:
      return 'false';
    case LOWER_N:
      return 'null';
    default:
      if (code === MINUS || isDigit(code)) return 'a number';
      return describeChar(code);
  }
}

const LOWER_Z = 0x7a;

/** JSON's own punctuation: the grammar's, not the file's data, so it is named as itself. */
const PUNCTUATION = new Set([...'{}[],:"'].map((char) => char.charCodeAt(0)));

/**
 * What kind of character a syntax error found, never the character itself when it could be the file's data
 * (docs/architecture.md: messages say what a file is, never what it holds). JSON punctuation is named as is.
 */
function charKind(code: number): string {
  if (PUNCTUATION.has(code)) return `'${String.fromCharCode(code)}'`;
  if (isControl(code)) return 'control character';
  if (isDigit(code)) return 'digit';
  if ((code | 0x20) >= LOWER_A && (code | 0x20) <= LOWER_Z) return 'letter';
  if (code >= 0x80) return 'non-ASCII character';
  return 'punctuation character';
}

/** `a letter`, `a digit`, `']'`: the kind of character found, as the object of "found". */
export function describeChar(code: number): string {
  return PUNCTUATION.has(code) ? charKind(code) : `a ${charKind(code)}`;
}

/** `unexpected letter`, `unexpected ']'`. */
export function unexpectedChar(code: number): string {
  return `unexpected ${charKind(code)}`;
}
