import { bytesToBase64, strictUtf8, textToBytes } from '../ui/base64.js';
import { detectValueKind } from '../ui/value-format.js';
import { jsonProblem, prettyJson } from './json-format.js';
import { imageKindOf } from './value-views/image-kind.js';
import { msgpackText } from './value-views/msgpack-text.js';
import { protobufText } from './value-views/protobuf-wire.js';

export type Parsed = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Text, JSON and Base64 are edited; the others show the bytes another way, read-only. */
export type ValueMode = 'text' | 'json' | 'hex' | 'base64' | 'image' | 'msgpack' | 'protobuf';

export const VALUE_MODES: { mode: ValueMode; label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'hex', label: 'Hex' },
  { mode: 'base64', label: 'Base64' },
];

/** Offered only for the bytes they decode (`decodedViews`). */
export const DECODED_MODES: { mode: ValueMode; label: string }[] = [
  { mode: 'image', label: 'Image' },
  { mode: 'msgpack', label: 'MessagePack' },
  { mode: 'protobuf', label: 'Protobuf' },
];

const READ_ONLY_MODES: ReadonlySet<ValueMode> = new Set(['hex', 'image', 'msgpack', 'protobuf']);

export const isReadOnlyMode = (mode: ValueMode): boolean => READ_ONLY_MODES.has(mode);

/** Above this, JSON is shown as stored rather than re-indented: the window must not stall on it. */
const PRETTY_LIMIT = 2 * 1024 * 1024;

/** Decoding is tried only on values this small: a decoder that fails late on 50 MB would hold the window. */
const DECODE_LIMIT = 4 * 1024 * 1024;

/** A large value is judged by its head, like a truncated one: parsing 50 MB of JSON to choose a view would stall. */
const HEAD_JUDGED = 64 * 1024;

/** Base64 as MIME writes it: 76 characters (57 bytes) a line, so no line is too long to lay out. */
export const BASE64_LINE_BYTES = 57;

/** An image as an image; a decodable binary decoded; JSON when it is JSON, text when text, else hex. */
export function defaultMode(bytes: Uint8Array): ValueMode {
  const large = bytes.length > PRETTY_LIMIT;
  const kind = large ? detectValueKind(bytes.subarray(0, HEAD_JUDGED), true) : detectValueKind(bytes);
  if (kind === 'binary') return binaryViewOf(bytes);
  return kind === 'json' && !large ? 'json' : 'text';
}

/** How bytes that are not text show: decoded when they decode, else as hex. */
export const binaryViewOf = (bytes: Uint8Array): ValueMode => decodedViews(bytes)[0] ?? 'hex';

/**
 * The decoded views these bytes allow, the preferred first. Only binary values are tried (text that
 * happens to parse as MessagePack is still text). MessagePack comes before protobuf: a MessagePack
 * map or array states its element count and every element must decode to the exact end, while the
 * protobuf wire format without a schema accepts more byte strings by chance.
 */
export function decodedViews(bytes: Uint8Array): ValueMode[] {
  if (imageKindOf(bytes) !== undefined) return ['image'];
  if (bytes.length > DECODE_LIMIT || detectValueKind(bytes.subarray(0, HEAD_JUDGED), true) !== 'binary') return [];
  const views: ValueMode[] = [];
  if (msgpackText(bytes) !== undefined) views.push('msgpack');
  if (protobufText(bytes) !== undefined) views.push('protobuf');
  return views;
}

/** The value as an editable or decoded mode shows it; undefined when the mode cannot show these bytes. */
export function renderValue(bytes: Uint8Array, mode: ValueMode): string | undefined {
  switch (mode) {
    case 'hex':
    case 'image':
      return '';
    case 'base64':
      return base64Lines(bytes).join('\n');
    case 'msgpack':
      return msgpackText(bytes);
    case 'protobuf':
      return protobufText(bytes);
    default:
      return renderAsText(bytes, mode);
  }
}

function renderAsText(bytes: Uint8Array, mode: 'text' | 'json'): string | undefined {
  const text = strictUtf8(bytes);
  if (text === undefined || mode === 'text') return text;
  if (jsonProblem(text) !== undefined) return undefined;
  return bytes.length <= PRETTY_LIMIT ? prettyJson(text) : text;
}

/** Base64 in lines; each block of whole lines is encoded at once (one btoa per line would be slow on 50 MB). */
export function base64Lines(bytes: Uint8Array, from = 0, to = bytes.length): string[] {
  const lines: string[] = [];
  const block = BASE64_LINE_BYTES * 4096;
  for (let start = from; start < to; start += block) {
    const encoded = bytesToBase64(bytes.subarray(start, Math.min(start + block, to)));
    for (let at = 0; at < encoded.length; at += 76) lines.push(encoded.slice(at, at + 76));
  }
  return lines;
}

/** The bytes an editable mode's text stands for, or why it stands for none. JSON is saved as typed. */
export function parseValue(text: string, mode: ValueMode): Parsed {
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
  if (mode === 'msgpack') return 'The value is not MessagePack';
  if (mode === 'protobuf') return 'The value is not a protobuf message';
  if (mode === 'image') return 'The value is not a PNG, JPEG, GIF or WebP image';
  return strictUtf8(bytes) === undefined ? 'The value is binary (not UTF-8 text)' : 'Cannot show the value this way';
}
