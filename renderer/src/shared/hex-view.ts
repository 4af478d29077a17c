/** Hex as the editor shows it: 16 byte pairs a line, and back to bytes when the user edits it. */

const BYTES_PER_LINE = 16;

export function bytesToHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += BYTES_PER_LINE) {
    const line = bytes.subarray(start, start + BYTES_PER_LINE);
    lines.push(Array.from(line, (byte) => byte.toString(16).padStart(2, '0')).join(' '));
  }
  return lines.join('\n');
}

export type Parsed = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export function hexToBytes(text: string): Parsed {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) return { ok: false, message: 'Hex needs an even number of digits' };
  const bad = digits.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return { ok: false, message: `"${digits[bad]}" is not a hex digit` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  }
  return { ok: true, bytes };
}
