/** The hex view's rows: an offset, 16 bytes in hex, and the same bytes as ASCII ('.' for the rest). */
export const HEX_ROW_BYTES = 16;

export interface HexRow {
  offset: string;
  hex: string;
  ascii: string;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function hexRowCount(size: number): number {
  return Math.ceil(size / HEX_ROW_BYTES);
}

/** Offsets are as wide as the largest one needs (at least 8 digits), so every row lines up. */
export function offsetDigits(size: number): number {
  return Math.max(8, Math.max(0, size - 1).toString(16).length);
}

/** Only the rows asked for are formatted: a 50 MB value has over three million. */
export function hexRow(bytes: Uint8Array, row: number, digits = offsetDigits(bytes.length)): HexRow {
  const start = row * HEX_ROW_BYTES;
  const line = bytes.subarray(start, start + HEX_ROW_BYTES);
  const pairs: string[] = [];
  let ascii = '';
  for (let index = 0; index < HEX_ROW_BYTES; index++) {
    const byte = line[index];
    pairs.push(byte === undefined ? '  ' : (HEX[byte] ?? '??'));
    if (index === 7) pairs.push('');
    if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  }
  return { offset: start.toString(16).padStart(digits, '0'), hex: pairs.join(' '), ascii };
}

export function bytesToHexString(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX[byte];
  return text;
}
