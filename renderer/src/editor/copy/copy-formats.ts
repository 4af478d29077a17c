import type { RecordDetailDto } from '../../../../electron/api/contract/schemas.js';
import { bytesToBase64, strictUtf8 } from '../../ui/base64.js';
import { detectValueKind } from '../../ui/value-format.js';
import { prettyJson } from '../json-format.js';

/** What the Copy menu puts on the clipboard, or why it cannot (shown on the disabled item). */
export type Copied = { ok: true; text: string } | { ok: false; why: string };

export function valueAsText(bytes: Uint8Array): Copied {
  const text = strictUtf8(bytes);
  return text === undefined ? { ok: false, why: 'The value is binary (not UTF-8 text)' } : { ok: true, text };
}

/** JSON values as indented JSON; other text as one JSON string; binary has no JSON form. */
export function valueAsJson(bytes: Uint8Array): Copied {
  const text = strictUtf8(bytes);
  if (text === undefined) return { ok: false, why: 'The value is binary (not UTF-8 text)' };
  return { ok: true, text: detectValueKind(bytes) === 'json' ? prettyJson(text) : JSON.stringify(text) };
}

export const valueAsBase64 = (bytes: Uint8Array): Copied => ({ ok: true, text: bytesToBase64(bytes) });

/** Linux refuses a single command-line argument longer than 128 KiB (MAX_ARG_STRLEN); leave room. */
const MAX_ARGUMENT = 100 * 1024;

/** A word the shell reads back exactly: bare when it is plainly safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export interface CommandSource {
  storePath: string | undefined;
  database: string;
  table: string;
  key: string;
  value: Uint8Array;
  detail: Pick<RecordDetailDto, 'metadata' | 'expiresAt'>;
}

/**
 * `store-inspector write …` that recreates the record in a POSIX shell: the key and value as exact
 * words after `--` (so a key starting with "-" is not read as a flag), text values as they are and
 * anything else through --base64, the metadata as JSON, the time left as --ttl in seconds.
 */
export function writeCommand(source: CommandSource, now: number): Copied {
  const { key, value, detail } = source;
  if (key.includes('\0')) return { ok: false, why: 'The key holds a NUL character, which no command line can pass' };
  const { expiresAt } = detail;
  if (expiresAt !== null && expiresAt <= now) return { ok: false, why: 'The record has expired' };
  const text = strictUtf8(value);
  const asText = text !== undefined && !text.includes('\0');
  const word = asText ? text : bytesToBase64(value);
  if (word.length > MAX_ARGUMENT)
    return { ok: false, why: 'The value is too long for a command line: use write --value-file' };
  const words = ['store-inspector', 'write'];
  if (source.storePath !== undefined) words.push('--store', shellQuote(source.storePath));
  words.push('--database', shellQuote(source.database), '--table', shellQuote(source.table));
  if (Object.keys(detail.metadata).length > 0) words.push('--metadata', shellQuote(JSON.stringify(detail.metadata)));
  if (expiresAt !== null) words.push('--ttl', `${Math.ceil((expiresAt - now) / 1000)}s`);
  if (!asText) words.push('--base64');
  words.push('--', shellQuote(key), shellQuote(word));
  return { ok: true, text: words.join(' ') };
}
