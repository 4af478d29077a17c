import { isAscii, isUtf8 } from 'node:buffer';

/**
 * Turns a byte stream into text chunks, refusing bytes that are not UTF-8. Go would read such bytes as U+FFFD,
 * silently changing keys; a file with them was not written by Go's encoder (which never emits them), so the
 * honest answer is to stop and say where.
 */

export interface TextChunk {
  text: string;
  /** Byte offset of `text[0]` in the stream. */
  byteStart: number;
  /** Every character is one byte, so char index + byteStart is the byte offset. */
  ascii: boolean;
  /** Byte offset of the first byte that is not UTF-8, when the chunk stopped short because of one. */
  invalidAt: number | null;
}

export class Utf8Chunks {
  /** The start of a character split across two chunks. */
  private carry: Buffer | null = null;
  private consumed = 0;

  decode(chunk: Buffer): TextChunk {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.length - incompleteTail(bytes);
    this.carry = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
    const byteStart = this.consumed;
    this.consumed += whole;
    const body = bytes.subarray(0, whole);
    // The usual export is pure ASCII (Go escapes nothing above it, base64 is ASCII): latin1 is the fastest
    // decoder then, and gives the same text.
    if (isAscii(body)) return { text: body.toString('latin1'), byteStart, ascii: true, invalidAt: null };
    if (isUtf8(body)) return toChunk(body, byteStart, null);
    const bad = firstInvalidByte(body);
    return toChunk(body.subarray(0, bad), byteStart, byteStart + bad);
  }

  /** At the end of the stream: the byte offset of a character cut short, or null. */
  finish(): number | null {
    return this.carry ? this.consumed : null;
  }
}

function toChunk(body: Buffer, byteStart: number, invalidAt: number | null): TextChunk {
  const text = body.toString('utf8');
  return { text, byteStart, ascii: text.length === body.length, invalidAt };
}

/** How many bytes at the end start a character whose remaining bytes are still to come. */
function incompleteTail(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  return 2;
}

/** Only called once isUtf8 said no, so a plain walk is fine. */
function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const len = validSequenceAt(bytes, i);
    if (len === 0) return i;
    i += len;
  }
  return bytes.length;
}

/** Length of the well-formed UTF-8 sequence at i (Unicode table 3-7), or 0. */
function validSequenceAt(bytes: Buffer, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
