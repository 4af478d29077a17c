/**
 * A strict JSON (RFC 8259) checker that says where and why a text is not JSON. The fast path parses with
 * JSON.parse, whose messages differ between engines and versions; this checker runs only after it failed,
 * to give the exact place.
 */

import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DIGIT_0,
  DOT,
  isDigit,
  isHexDigit,
  isJsonWhitespace,
  LOWER_E,
  LOWER_U,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  SPACE,
  UPPER_E,
} from '../common/char-codes.js';
import { describeChar, unexpectedChar } from './errors.js';

export interface SyntaxProblem {
  /** Index in the text (UTF-16 units) of the offending character; `text.length` when the text ends early. */
  index: number;
  message: string;
  /** The text stops inside the value: more input might have made it valid. */
  endOfInput: boolean;
}

type Expect = 'value' | 'firstValue' | 'key' | 'firstKey' | 'after';

class Fail {
  constructor(readonly problem: SyntaxProblem) {}
}

/** The first syntax error in a text that must hold exactly one JSON value, or null when it is valid. */
export function findSyntaxError(text: string): SyntaxProblem | null {
  try {
    checkText(text);
    return null;
  } catch (caught) {
    if (caught instanceof Fail) return caught.problem;
    throw caught;
  }
}

function fail(text: string, index: number, message?: string): never {
  if (index >= text.length)
    throw new Fail({ index: text.length, message: 'unexpected end of input', endOfInput: true });
  throw new Fail({
    index,
    message: message ?? unexpectedChar(text.charCodeAt(index)),
    endOfInput: false,
  });
}

function checkText(text: string): void {
  const stack: number[] = [];
  let expect: Expect = 'value';
  let i = skipWhitespace(text, 0);
  for (;;) {
    if (expect === 'after') {
      i = skipWhitespace(text, i);
      const top = stack.at(-1);
      if (top === undefined) break;
      [i, expect] = afterMember(text, i, top, stack);
      continue;
    }
    i = skipWhitespace(text, i);
    if (expect === 'key' || expect === 'firstKey') {
      [i, expect] = checkKey(text, i, expect === 'firstKey', stack);
      continue;
    }
    [i, expect] = checkValueStart(text, i, expect === 'firstValue', stack);
  }
  if (i < text.length) fail(text, i, `${unexpectedChar(text.charCodeAt(i))} after the end of the value`);
}

function afterMember(text: string, i: number, top: number, stack: number[]): [number, Expect] {
  const c = text.charCodeAt(i);
  const close = top === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
  if (c === COMMA) return [i + 1, top === OPEN_BRACE ? 'key' : 'value'];
  if (c === close) {
    stack.pop();
    return [i + 1, 'after'];
  }
  return fail(
    text,
    i,
    top === OPEN_BRACE ? "expected ',' or '}' after a field" : "expected ',' or ']' after an element",
  );
}

/** A field name and its colon; or, first in an object, the `}` of an empty object. */
function checkKey(text: string, i: number, first: boolean, stack: number[]): [number, Expect] {
  const c = text.charCodeAt(i);
  if (first && c === CLOSE_BRACE) {
    stack.pop();
    return [i + 1, 'after'];
  }
  if (c !== QUOTE) return fail(text, i, 'expected a field name in double quotes');
  const j = skipWhitespace(text, checkString(text, i));
  if (text.charCodeAt(j) !== COLON) fail(text, j, "expected ':' after the field name");
  return [j + 1, 'value'];
}

function checkValueStart(text: string, i: number, first: boolean, stack: number[]): [number, Expect] {
  const c = text.charCodeAt(i);
  if (c === OPEN_BRACE) {
    stack.push(c);
    return [i + 1, 'firstKey'];
  }
  if (c === OPEN_BRACKET) {
    stack.push(c);
    return [i + 1, 'firstValue'];
  }
  if (first && c === CLOSE_BRACKET) {
    stack.pop();
    return [i + 1, 'after'];
  }
  if (c === QUOTE) return [checkString(text, i), 'after'];
  if (c === MINUS || isDigit(c)) return [checkNumber(text, i), 'after'];
  for (const word of ['true', 'false', 'null']) {
    if (c === word.charCodeAt(0)) return [checkWord(text, i, word), 'after'];
  }
  return fail(text, i, `expected a value, found ${describeChar(c)}`);
}

function checkWord(text: string, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) {
    if (text.charCodeAt(i + k) !== word.charCodeAt(k)) fail(text, i + k, `expected ${word}`);
  }
  return i + word.length;
}

/** Returns the index after the closing quote. */
function checkString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) fail(text, i);
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < SPACE) fail(text, i, 'a control character inside a string (write it as an escape)');
    i = c === BACKSLASH ? checkEscape(text, i) : i + 1;
  }
}

function checkEscape(text: string, i: number): number {
  if (i + 1 >= text.length) fail(text, i + 1);
  const e = text.charCodeAt(i + 1);
  if ('"\\/bfnrt'.includes(String.fromCharCode(e))) return i + 2;
  if (e !== LOWER_U) fail(text, i, `invalid escape '\\${String.fromCharCode(e)}' in a string`);
  for (let k = 2; k < 6; k++) {
    if (!isHexDigit(text.charCodeAt(i + k))) fail(text, i + k, 'invalid \\u escape: expected 4 hex digits');
  }
  return i + 6;
}

/** JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
function checkNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  if (text.charCodeAt(i) === DIGIT_0) i++;
  else i = digits(text, i, 'expected a digit');
  if (isDigit(text.charCodeAt(i)) && text.charCodeAt(i - 1) === DIGIT_0)
    fail(text, i, 'a number cannot have leading zeros');
  if (text.charCodeAt(i) === DOT) i = digits(text, i + 1, "expected a digit after '.'");
  const e = text.charCodeAt(i);
  if (e === LOWER_E || e === UPPER_E) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) i++;
    i = digits(text, i, 'expected a digit in the exponent');
  }
  return i;
}

function digits(text: string, start: number, message: string): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === start) fail(text, i, message);
  return i;
}

export function skipWhitespace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (!isJsonWhitespace(c)) return i;
    i++;
  }
}
