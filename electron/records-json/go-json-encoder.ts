/**
 * JSON text exactly as Go's encoding/json writes it (json.Marshal, and json.Encoder with its default
 * SetEscapeHTML(true)), so that an exported file is byte-for-byte what a Go service would have written:
 *
 * - strings: `<`, `>`, `&` as \u003c \u003e \u0026; U+2028 and U+2029 as \u2028 \u2029; \b \f \n \r \t and
 *   `"` `\` as short escapes (Go >= 1.22; earlier Go wrote \u0008 and \u000c); other control characters as
 *   \u00XX in lower-case hex; everything else as raw UTF-8 (DEL included). A lone surrogate, which Go cannot
 *   hold, comes out as \ufffd, as Go writes invalid UTF-8.
 * - map[string]interface{}: keys sorted by their UTF-8 bytes.
 * - float64: the shortest text that reads back the same; exponent form below 1e-6 and from 1e21 on. That is
 *   also how JavaScript prints numbers, except that Go keeps the sign of -0.
 */

import {
  AMPERSAND,
  BACKSLASH,
  BACKSPACE,
  CARRIAGE_RETURN,
  FORM_FEED,
  GREATER_THAN,
  HIGH_SURROGATE_FIRST,
  HIGH_SURROGATE_LAST,
  LESS_THAN,
  LINE_FEED,
  LINE_SEPARATOR,
  LOW_SURROGATE_FIRST,
  LOW_SURROGATE_LAST,
  PARAGRAPH_SEPARATOR,
  QUOTE,
  SPACE,
  TAB,
} from '../common/char-codes.js';
import { compareKeys } from '../common/key-order.js';
import { isPlainObject } from '../common/plain-object.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters Go escapes.
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

export function goString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  let done = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement = escapeFor(c);
    if (c >= HIGH_SURROGATE_FIRST && c <= LOW_SURROGATE_LAST) {
      const next = text.charCodeAt(i + 1);
      const paired = c <= HIGH_SURROGATE_LAST && next >= LOW_SURROGATE_FIRST && next <= LOW_SURROGATE_LAST;
      if (paired) {
        i++;
        continue;
      }
      replacement = '\\ufffd';
    }
    if (replacement === null) continue;
    out += text.slice(done, i) + replacement;
    done = i + 1;
  }
  return `${out}${text.slice(done)}"`;
}

function escapeFor(c: number): string | null {
  if (c < ASCII_ESCAPES.length) return ASCII_ESCAPES[c] ?? null;
  return c === LINE_SEPARATOR || c === PARAGRAPH_SEPARATOR ? unicodeEscape(c) : null;
}

/** Built once: a switch on imported constants would test them one by one for every character escaped. */
const ASCII_ESCAPES: readonly (string | null)[] = Array.from({ length: 0x80 }, (_, c) => asciiEscape(c));

function asciiEscape(c: number): string | null {
  switch (c) {
    case QUOTE:
      return '\\"';
    case BACKSLASH:
      return '\\\\';
    case BACKSPACE:
      return '\\b';
    case FORM_FEED:
      return '\\f';
    case LINE_FEED:
      return '\\n';
    case CARRIAGE_RETURN:
      return '\\r';
    case TAB:
      return '\\t';
    case LESS_THAN:
    case GREATER_THAN:
    case AMPERSAND:
      return unicodeEscape(c);
    default:
      return c < SPACE ? unicodeEscape(c) : null;
  }
}

function unicodeEscape(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

export function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`${n} cannot be written as JSON (Go refuses NaN and infinities)`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * A metadata value (plain JSON as the Store keeps it) as Go writes the interface{} it would decode into.
 * Properties holding `undefined` are left out, as JSON.stringify does; anything JSON cannot carry is refused.
 */
export function goValue(value: unknown, ancestors: object[] = []): string {
  switch (typeof value) {
    case 'string':
      return goString(value);
    case 'number':
      return goNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return goContainer(value, ancestors);
    default:
      throw new TypeError(`metadata holds ${typeof value}, which JSON cannot carry`);
  }
}

function goContainer(value: object, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new TypeError('metadata has a cycle');
  ancestors.push(value);
  const text = Array.isArray(value) ? goArray(value, ancestors) : goObject(value, ancestors);
  ancestors.pop();
  return text;
}

function goArray(items: unknown[], ancestors: object[]): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!(i in items) || items[i] === undefined) throw new TypeError('metadata has an array hole or undefined');
    parts.push(goValue(items[i], ancestors));
  }
  return `[${parts.join(',')}]`;
}

function goObject(obj: object, ancestors: object[]): string {
  if (!isPlainObject(obj)) {
    throw new TypeError(`metadata holds a ${obj.constructor?.name ?? 'non-plain object'}, which JSON cannot carry`);
  }
  const names = Object.keys(obj).filter((name) => obj[name] !== undefined);
  if (names.length === 0) return '{}';
  // Go sorts map keys by their UTF-8 bytes: the Store's key order.
  names.sort(compareKeys);
  const parts = names.map((name) => `${goString(name)}:${goValue(obj[name], ancestors)}`);
  return `{${parts.join(',')}}`;
}
