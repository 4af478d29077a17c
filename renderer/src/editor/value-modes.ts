import { bytesToBase64, strictUtf8, textToBytes } from '../shared/base64.js';
import { bytesToHex, hexToBytes, type Parsed } from '../shared/hex-view.js';
import { detectValueKind } from '../shared/value-format.js';
import { jsonProblem, prettyJson } from './json-format.js';

export type ValueMode = 'text' | 'json' | 'hex' | 'base64';

export const VALUE_MODES: { mode: ValueMode; label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'hex', label: 'Hex' },
  { mode: 'base64', label: 'Base64' },
];

/** Above this, JSON is shown as stored rather than re-indented: the window must not stall on it. */
const PRETTY_LIMIT = 2 * 1024 * 1024;

/** JSON when the value is JSON, text when it is text, hex for anything else. */
export function defaultMode(bytes: Uint8Array): ValueMode {
  const kind = detectValueKind(bytes);
  if (kind === 'binary') return 'hex';
  return kind === 'json' && bytes.length <= PRETTY_LIMIT ? 'json' : 'text';
}

/** The value as a mode shows it; undefined when the mode cannot show these bytes. */
export function renderValue(bytes: Uint8Array, mode: ValueMode): string | undefined {
  if (mode === 'hex') return bytesToHex(bytes);
  if (mode === 'base64') return bytesToBase64(bytes);
  const text = strictUtf8(bytes);
  if (text === undefined || mode === 'text') return text;
  if (jsonProblem(text) !== undefined) return undefined;
  return bytes.length <= PRETTY_LIMIT ? prettyJson(text) : text;
}

/** The bytes a mode's text stands for, or why it stands for none. JSON is saved as typed. */
export function parseValue(text: string, mode: ValueMode): Parsed {
  if (mode === 'hex') return hexToBytes(text);
  if (mode === 'base64') return parseBase64(text);
  if (mode === 'json') {
    const problem = jsonProblem(text);
    if (problem !== undefined) return { ok: false, message: `Invalid JSON: ${problem}` };
  }
  return { ok: true, bytes: textToBytes(text) };
}

function parseBase64(text: string): Parsed {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    return { ok: false, message: 'Not valid base64' };
  }
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return { ok: true, bytes };
}

export function whyModeUnavailable(bytes: Uint8Array, mode: ValueMode): string {
  if (mode === 'json') return 'The value is not valid JSON';
  return strictUtf8(bytes) === undefined ? 'The value is binary (not UTF-8 text)' : 'Cannot show the value this way';
}
