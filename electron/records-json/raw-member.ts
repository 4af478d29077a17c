/**
 * The raw text of a member of a JSON object, for the one field whose text matters: `expiry`. Go decodes it
 * into an int64 (time.Duration) and refuses `1e3`, `1.0` and anything past int64, but JSON.parse turns all of
 * those into a float and loses the difference. The object text has already passed JSON.parse, so these walks
 * need not check syntax.
 */

import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isDigit,
  isJsonWhitespace,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../common/char-codes.js';
import { skipWhitespace } from './json-syntax.js';

const EXPIRY_LAST = ',"expiry":';

/**
 * Go's encoder writes `expiry` last, as digits right before the closing brace. When the text ends that way,
 * that member is the object's last, so it is the one Go would use (the last of duplicates wins).
 */
export function trailingExpiryDigits(text: string): string | undefined {
  const close = text.length - 1;
  if (text.charCodeAt(close) !== CLOSE_BRACE) return undefined;
  let k = close - 1;
  while (k >= 0 && isDigit(text.charCodeAt(k))) k--;
  if (k === close - 1) return undefined;
  if (text.charCodeAt(k) === MINUS) k--;
  const nameEnd = k + 1;
  const from = nameEnd - EXPIRY_LAST.length;
  const before = text.charCodeAt(from);
  const named = before === COMMA || before === OPEN_BRACE;
  if (!named || !text.startsWith(EXPIRY_LAST.slice(1), from + 1)) return undefined;
  return text.slice(nameEnd, close);
}

/** The raw value text of the last top-level member whose name `matches`, or undefined when there is none. */
export function lastMemberRaw(objectText: string, matches: (name: string) => boolean): string | undefined {
  const span = lastMemberSpan(objectText, matches);
  return span && objectText.slice(span.start, span.end);
}

export interface MemberSpan {
  /** The member's name, unescaped. */
  name: string;
  /** Where its value's text starts and ends. */
  start: number;
  end: number;
}

/**
 * Where the value of the last top-level member whose name `matches` is, or undefined. Gives up (undefined) on
 * anything that is not a well-formed object at the top level, so that callers can fall back to JSON.parse.
 */
export function lastMemberSpan(objectText: string, matches: (name: string) => boolean): MemberSpan | undefined {
  let found: MemberSpan | undefined;
  let i = skipWhitespace(objectText, 0);
  if (objectText.charCodeAt(i) !== OPEN_BRACE) return undefined;
  i = skipWhitespace(objectText, i + 1);
  if (objectText.charCodeAt(i) === CLOSE_BRACE) return undefined;
  for (;;) {
    const member = memberAt(objectText, i);
    if (member === undefined) return undefined;
    if (matches(member.name)) found = member;
    i = skipWhitespace(objectText, member.end);
    const c = objectText.charCodeAt(i);
    if (c === CLOSE_BRACE) return skipWhitespace(objectText, i + 1) === objectText.length ? found : undefined;
    if (c !== COMMA) return undefined;
    i = skipWhitespace(objectText, i + 1);
  }
}

function memberAt(text: string, from: number): MemberSpan | undefined {
  if (text.charCodeAt(from) !== QUOTE) return undefined;
  const nameEnd = endOfString(text, from);
  if (nameEnd === -1) return undefined;
  const colon = skipWhitespace(text, nameEnd);
  if (text.charCodeAt(colon) !== COLON) return undefined;
  const quoted = text.slice(from, nameEnd);
  let name: string;
  try {
    name = quoted.includes('\\') ? JSON.parse(quoted) : quoted.slice(1, -1);
  } catch {
    return undefined;
  }
  const start = skipWhitespace(text, colon + 1);
  const end = endOfValue(text, start);
  return end === -1 ? undefined : { name, start, end };
}

/** -1 when the value does not end inside the text. */
function endOfValue(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === QUOTE) return endOfString(text, start);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return endOfContainer(text, start);
  let i = start;
  while (i < text.length && !isValueEnd(text.charCodeAt(i))) i++;
  return i === start || i === text.length ? -1 : i;
}

function isValueEnd(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isJsonWhitespace(c);
}

function endOfContainer(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i === -1) return -1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

/** Index after the closing quote of the string that opens at `start`, or -1 when it does not close. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) return -1;
    let k = q - 1;
    while (k > start && text.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    i = q + 1;
  }
}
