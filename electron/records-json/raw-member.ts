/**
 * The raw text of a member of a JSON object, for the one field whose text matters: `expiry`. Go decodes it
 * into an int64 (time.Duration) and refuses `1e3`, `1.0` and anything past int64, but JSON.parse turns all of
 * those into a float and loses the difference. The object text has already passed JSON.parse, so these walks
 * need not check syntax.
 */

import { skipWhitespace } from './json-syntax.js';

const EXPIRY_LAST = ',"expiry":';

/**
 * Go's encoder writes `expiry` last, as digits right before the closing brace. When the text ends that way,
 * that member is the object's last, so it is the one Go would use (the last of duplicates wins).
 */
export function trailingExpiryDigits(text: string): string | undefined {
  const close = text.length - 1;
  if (text.charCodeAt(close) !== 0x7d) return undefined;
  let k = close - 1;
  while (k >= 0 && isDigit(text.charCodeAt(k))) k--;
  if (k === close - 1) return undefined;
  if (text.charCodeAt(k) === 0x2d) k--;
  const nameEnd = k + 1;
  const from = nameEnd - EXPIRY_LAST.length;
  const before = text.charCodeAt(from);
  const named = before === 0x2c || before === 0x7b;
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
  if (objectText.charCodeAt(i) !== 0x7b) return undefined;
  i = skipWhitespace(objectText, i + 1);
  if (objectText.charCodeAt(i) === 0x7d) return undefined;
  for (;;) {
    const member = memberAt(objectText, i);
    if (member === undefined) return undefined;
    if (matches(member.name)) found = member;
    i = skipWhitespace(objectText, member.end);
    const c = objectText.charCodeAt(i);
    if (c === 0x7d) return skipWhitespace(objectText, i + 1) === objectText.length ? found : undefined;
    if (c !== 0x2c) return undefined;
    i = skipWhitespace(objectText, i + 1);
  }
}

function memberAt(text: string, from: number): MemberSpan | undefined {
  if (text.charCodeAt(from) !== 0x22) return undefined;
  const nameEnd = endOfString(text, from);
  if (nameEnd === -1) return undefined;
  const colon = skipWhitespace(text, nameEnd);
  if (text.charCodeAt(colon) !== 0x3a) return undefined;
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
  if (c === 0x22) return endOfString(text, start);
  if (c === 0x7b || c === 0x5b) return endOfContainer(text, start);
  let i = start;
  while (i < text.length && !isValueEnd(text.charCodeAt(i))) i++;
  return i === start || i === text.length ? -1 : i;
}

function isValueEnd(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function endOfContainer(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = endOfString(text, i);
      if (i === -1) return -1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
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
    while (k > start && text.charCodeAt(k) === 0x5c) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
