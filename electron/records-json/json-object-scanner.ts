/**
 * Finds the text of each top-level object in a stream of text chunks, without parsing it: it tracks strings,
 * escapes and nesting depth across chunk boundaries, and leaves the real parsing to JSON.parse on the slice.
 * That split is what makes reading fast (the engine's parser does the work) while memory stays at one record.
 *
 * Two layouts: 'array' (`[ {...}, {...} ]`, commas between) and 'stream' (objects separated by whitespace, as
 * a Go json.Encoder writes one per line). 'auto' picks one from the first character.
 *
 * Errors are not thrown from `scan`: the scanner stops and keeps the error in `failure`, so that the caller can
 * first deal with the objects found before it and report problems in file order.
 */

import {
  BACKSLASH,
  BYTE_ORDER_MARK,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  LINE_FEED,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
  TAB,
} from '../common/char-codes.js';
import {
  describeChar,
  describeJsonStart,
  errorAt,
  type RecordsJsonError,
  type SourcePlace,
  unexpectedChar,
} from './errors.js';
import { findSyntaxError } from './json-syntax.js';
import { placeWithin } from './text-places.js';

export type ScanLayout = 'array' | 'stream';

export interface ScannedObject {
  text: string;
  /** Where its `{` is. */
  start: SourcePlace;
}

/** Top-level states of the array layout; the stream layout only uses 'between'. */
type Top = 'detect' | 'open' | 'firstElement' | 'element' | 'comma' | 'closed' | 'between';

/** Strings shorter than this are walked character by character; longer ones jump with indexOf. */
const SHORT_STRING = 48;

export interface ScannerOptions {
  layout: ScanLayout | 'auto';
  /** Largest object, in bytes, before the scanner gives up: memory stays bounded even on a broken file. */
  maxObjectBytes: number;
}

export class JsonObjectScanner {
  layout: ScanLayout | null;
  /** Objects found by the last `scan`; the caller empties it. */
  readonly found: ScannedObject[] = [];
  failure: RecordsJsonError | null = null;
  /** Some non-whitespace was seen. */
  sawContent = false;
  /** Array layout: elements seen so far. */
  elements = 0;

  private top: Top;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private readonly maxObjectBytes: number;

  // The object being scanned, when it started in an earlier chunk.
  private pieces: string[] = [];
  private piecesBytes = 0;
  private objectStart: SourcePlace | null = null;
  /** Index in the current chunk where the object's text starts (0 when it began in an earlier chunk). */
  private objectFrom = 0;

  // Positions: line counting sees every newline, because valid JSON has none inside strings.
  private line = 1;
  private lineStartChar = 0;
  private charBase = 0;
  private byteBase = 0;
  private ascii = true;
  private text = '';
  private bytePos = 0;
  private byteAtPos = 0;

  constructor(options: ScannerOptions) {
    this.layout = options.layout === 'auto' ? null : options.layout;
    this.top = options.layout === 'auto' ? 'detect' : options.layout === 'array' ? 'open' : 'between';
    this.maxObjectBytes = options.maxObjectBytes;
  }

  /** Scans one chunk of text; `byteStart` is the byte offset of its first character in the stream. */
  scan(text: string, byteStart: number, ascii: boolean): void {
    if (this.failure) return;
    this.text = text;
    this.byteBase = byteStart;
    this.ascii = ascii;
    this.bytePos = 0;
    this.byteAtPos = byteStart;
    this.objectFrom = 0;
    let i = 0;
    while (i < text.length && !this.failure) {
      if (this.depth === 0) {
        i = this.scanTop(text, i);
        continue;
      }
      i = this.scanInside(text, i);
      if (this.depth === 0 && !this.failure) this.emit(text, i);
    }
    if (this.depth > 0 && !this.failure) this.keepPiece(text);
    this.charBase += text.length;
  }

  /** The place just after everything scanned so far. */
  placeAtEnd(): SourcePlace {
    return {
      line: this.line,
      column: this.charBase - this.lineStartChar + 1,
      byteOffset: this.byteLengthTo(this.text.length),
    };
  }

  /** At the end of the stream: an object cut short, or an array never closed. */
  finish(): RecordsJsonError | null {
    if (this.failure) return this.failure;
    if (this.depth > 0) return this.cutShort(this.pieces.join(''), this.objectStart!);
    if (this.top === 'firstElement' || this.top === 'element' || this.top === 'comma') {
      return errorAt('truncated', this.placeAtEnd(), "unexpected end of file: the array has no closing ']'");
    }
    return null;
  }

  private scanTop(text: string, from: number): number {
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CARRIAGE_RETURN) {
        i++;
      } else if (c === LINE_FEED) {
        i++;
        this.newLine(i);
      } else if (c === BYTE_ORDER_MARK && this.charBase + i === 0) {
        i++; // A byte order mark at the very start: editors on Windows write one; it carries no meaning.
      } else {
        this.sawContent = true;
        return this.topCharacter(text, i, c);
      }
    }
    return i;
  }

  /** Handles one non-whitespace character outside any object; returns where to continue. */
  private topCharacter(text: string, i: number, c: number): number {
    switch (this.top) {
      case 'detect':
        return this.detect(text, i, c);
      case 'open':
        if (c === OPEN_BRACKET) {
          this.top = 'firstElement';
          return i + 1;
        }
        return this.stop(i, `expected a JSON array of records ('['), found ${describeJsonStart(c)}`, 'shape');
      case 'between':
        return c === OPEN_BRACE
          ? this.startObject(i)
          : this.stop(i, `expected a record object, found ${describeJsonStart(c)}`);
      case 'closed':
        return this.stop(i, `${unexpectedChar(c)} after the end of the array`, 'trailing');
      default:
        return this.arrayCharacter(i, c);
    }
  }

  private detect(text: string, i: number, c: number): number {
    if (c === OPEN_BRACKET) {
      this.layout = 'array';
      this.top = 'open';
    } else if (c === OPEN_BRACE) {
      this.layout = 'stream';
      this.top = 'between';
    } else {
      return this.stop(i, `expected a JSON array or object of records, found ${describeJsonStart(c)}`, 'shape');
    }
    return this.topCharacter(text, i, c);
  }

  private arrayCharacter(i: number, c: number): number {
    if (this.top === 'comma') {
      if (c === COMMA) {
        this.top = 'element';
        return i + 1;
      }
      if (c === CLOSE_BRACKET) return this.closeArray(i);
      return this.stop(i, `expected ',' or ']' after record ${this.elements}, found ${describeChar(c)}`, 'syntax');
    }
    if (c === OPEN_BRACE) return this.startObject(i);
    if (c === CLOSE_BRACKET && this.top === 'firstElement') return this.closeArray(i);
    if (c === CLOSE_BRACKET) return this.stop(i, "expected a record object after ',', found ']'", 'syntax');
    return this.stop(i, `record ${this.elements + 1}: expected a record object, found ${describeJsonStart(c)}`);
  }

  private closeArray(i: number): number {
    this.top = 'closed';
    return i + 1;
  }

  private startObject(i: number): number {
    this.depth = 1;
    this.objectFrom = i;
    this.objectStart = this.placeOf(i);
    if (this.layout === 'array') {
      this.elements++;
      this.top = 'comma';
    }
    return i + 1;
  }

  /** Scans inside an object until it closes (depth 0) or the text ends; returns where it stopped. */
  private scanInside(text: string, from: number): number {
    let i = this.inString ? this.skipString(text, from) : from;
    let depth = this.depth;
    const n = text.length;
    while (i < n && !this.inString) {
      const c = text.charCodeAt(i++);
      if (c === QUOTE) {
        i = this.skipString(text, i);
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) break;
      } else if (c === LINE_FEED) {
        this.newLine(i);
      }
    }
    this.depth = depth;
    return i;
  }

  /**
   * Skips string content from i (just after the opening quote, or a chunk start inside a string) and returns
   * the index after the closing quote, or `text.length` with `inString` set when the string goes on.
   */
  private skipString(text: string, from: number): number {
    const n = text.length;
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    const shortEnd = Math.min(n, i + SHORT_STRING);
    while (i < shortEnd) {
      const c = text.charCodeAt(i++);
      if (c === QUOTE) {
        this.inString = false;
        return i;
      }
      if (c === BACKSLASH) {
        if (i === n) return this.stringGoesOn(n, true);
        i++;
      } else if (c < SPACE) {
        return this.stopInObject(i - 1);
      }
    }
    return i >= n ? this.stringGoesOn(n, false) : this.skipLongString(text, i);
  }

  /** The rest of a long string (a big base64 value): jump from quote to quote, then count the backslashes. */
  private skipLongString(text: string, from: number): number {
    let i = from;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q === -1) return this.stringGoesOn(text.length, oddBackslashRun(text, text.length, i));
      if (!oddBackslashRun(text, q, i)) {
        this.inString = false;
        return q + 1;
      }
      i = q + 1;
    }
  }

  private stringGoesOn(n: number, escaped: boolean): number {
    this.inString = true;
    this.escaped = escaped;
    return n;
  }

  private emit(text: string, end: number): void {
    const start = this.objectStart!;
    const own = text.slice(this.objectFrom, end);
    if (this.tooLarge(own)) {
      this.failure = this.tooLargeError(this.pieces.join('') + own, true);
      return;
    }
    const objectText = this.pieces.length > 0 ? this.pieces.join('') + own : own;
    this.pieces = [];
    this.piecesBytes = 0;
    this.objectStart = null;
    this.found.push({ text: objectText, start });
  }

  /** The chunk ends inside an object: keep its part, unless the object has grown past the limit. */
  private keepPiece(text: string): void {
    const piece = text.slice(this.objectFrom);
    this.pieces.push(piece);
    this.piecesBytes += this.ascii ? piece.length : Buffer.byteLength(piece);
    if (this.piecesBytes <= this.maxObjectBytes) return;
    this.failure = this.tooLargeError(this.pieces.join(''), false);
    this.pieces = [];
  }

  /** Whether the object whose last part is `own` is over the limit; bytes >= chars <= 3 bytes each. */
  private tooLarge(own: string): boolean {
    const room = this.maxObjectBytes - this.piecesBytes;
    if (own.length <= room / 3) return false;
    return own.length > room || (!this.ascii && Buffer.byteLength(own) > room);
  }

  /** A syntax error inside explains an oversized object better (a missing brace), so look for one first. */
  private tooLargeError(text: string, complete: boolean): RecordsJsonError {
    const problem = findSyntaxError(text);
    if (problem && !problem.endOfInput) {
      return errorAt('syntax', placeWithin(text, this.objectStart!, problem.index), problem.message);
    }
    const limit = `the limit of ${this.maxObjectBytes} bytes`;
    const detail = complete
      ? `this object is larger than ${limit} for one record`
      : `an object larger than ${limit} starts here (is a closing brace missing?)`;
    return errorAt('too-large', this.objectStart!, detail);
  }

  private cutShort(text: string, start: SourcePlace): RecordsJsonError {
    const problem = findSyntaxError(text);
    if (problem && !problem.endOfInput) {
      return errorAt('syntax', placeWithin(text, start, problem.index), problem.message);
    }
    return errorAt(
      'truncated',
      this.placeAtEnd(),
      `unexpected end of file inside the object that starts at line ${start.line}, column ${start.column}`,
    );
  }

  /** A control character inside a string: report the first real error of the object, which may be earlier. */
  private stopInObject(i: number): number {
    const text = this.pieces.join('') + this.text.slice(this.objectFrom, i + 1);
    const problem = findSyntaxError(text);
    const index = problem && !problem.endOfInput ? problem.index : text.length - 1;
    const message = problem && !problem.endOfInput ? problem.message : unexpectedChar(this.text.charCodeAt(i));
    this.failure = errorAt('syntax', placeWithin(text, this.objectStart!, index), message);
    return this.text.length;
  }

  private stop(i: number, message: string, code: 'shape' | 'syntax' | 'trailing' = 'shape'): number {
    this.failure = errorAt(code, this.placeOf(i), message);
    return this.text.length;
  }

  private newLine(nextIndex: number): void {
    this.line++;
    this.lineStartChar = this.charBase + nextIndex;
  }

  private placeOf(i: number): SourcePlace {
    return { line: this.line, column: this.charBase + i - this.lineStartChar + 1, byteOffset: this.byteLengthTo(i) };
  }

  /** Byte offset in the stream of text[i]; moves a cursor forward so that non-ASCII chunks stay linear. */
  private byteLengthTo(i: number): number {
    if (this.ascii) return this.byteBase + i;
    if (i < this.bytePos) {
      this.bytePos = 0;
      this.byteAtPos = this.byteBase;
    }
    this.byteAtPos += Buffer.byteLength(this.text.slice(this.bytePos, i));
    this.bytePos = i;
    return this.byteAtPos;
  }
}

/** Whether the run of backslashes just before `end` (not looking before `floor`) has odd length. */
function oddBackslashRun(text: string, end: number, floor: number): boolean {
  let k = end - 1;
  while (k >= floor && text.charCodeAt(k) === BACKSLASH) k--;
  return (end - 1 - k) % 2 === 1;
}
