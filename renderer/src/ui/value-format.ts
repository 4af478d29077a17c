import { utf8Head } from './base64.js';

export type ValueKind = 'json' | 'text' | 'binary';

/** Tab, line feed and carriage return are ordinary in text; other control characters mean binary. */
function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** What a value holds, judged from its bytes (or its head, when `truncated`). */
export function detectValueKind(bytes: Uint8Array, truncated = false): ValueKind {
  const text = utf8Head(bytes, truncated);
  if (text === undefined || hasControlCharacters(text)) return 'binary';
  return looksLikeJson(text, truncated) ? 'json' : 'text';
}

/** An object or array; a head can only be judged by its first character. */
export function looksLikeJson(text: string, truncated = false): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  if (truncated) return true;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

export interface ValuePreview {
  kind: ValueKind;
  text: string;
}

const PREVIEW_HEX_BYTES = 24;

/** One line for the grid: JSON and text collapsed to single spaces, binary as hex. */
export function previewValue(bytes: Uint8Array, size: number): ValuePreview {
  const truncated = bytes.length < size;
  const kind = detectValueKind(bytes, truncated);
  if (kind === 'binary') return { kind, text: hexPairs(bytes.subarray(0, PREVIEW_HEX_BYTES)) };
  const text = (utf8Head(bytes, truncated) ?? '').replace(/\s+/g, ' ').trim();
  return { kind, text: truncated ? `${text}…` : text };
}

export function hexPairs(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
