/**
 * UTF-16 code units by name, for the scanners that read JSON (and go-micro's values) one `charCodeAt` or byte
 * at a time: `c === QUOTE` says what `c === 0x22` hides. Below 0x80 a code unit and a UTF-8 byte are the same
 * number, so the byte scanners use these too.
 */

export const TAB = 0x09;
export const LINE_FEED = 0x0a;
export const CARRIAGE_RETURN = 0x0d;
export const BACKSPACE = 0x08;
export const FORM_FEED = 0x0c;
/** The first code unit that is not a C0 control character. */
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const AMPERSAND = 0x26;
export const PLUS = 0x2b;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const DIGIT_0 = 0x30;
export const DIGIT_9 = 0x39;
export const COLON = 0x3a;
export const LESS_THAN = 0x3c;
export const GREATER_THAN = 0x3e;
export const UPPER_A = 0x41;
export const UPPER_E = 0x45;
export const UPPER_F = 0x46;
export const OPEN_BRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const LOWER_A = 0x61;
export const LOWER_E = 0x65;
export const LOWER_F = 0x66;
export const LOWER_N = 0x6e;
export const LOWER_T = 0x74;
export const LOWER_U = 0x75;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const DELETE = 0x7f;
export const LINE_SEPARATOR = 0x2028;
export const PARAGRAPH_SEPARATOR = 0x2029;
export const HIGH_SURROGATE_FIRST = 0xd800;
export const HIGH_SURROGATE_LAST = 0xdbff;
export const LOW_SURROGATE_FIRST = 0xdc00;
export const LOW_SURROGATE_LAST = 0xdfff;
export const BYTE_ORDER_MARK = 0xfeff;

export function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= LOWER_A && c <= LOWER_F) || (c >= UPPER_A && c <= UPPER_F);
}

/** JSON's four whitespace characters (RFC 8259 §2); nothing else, not even a no-break space. */
export function isJsonWhitespace(c: number): boolean {
  return c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB;
}

/** A C0 control character or DEL: shown as U+XXXX in messages, never raw. */
export function isControl(c: number): boolean {
  return c < SPACE || c === DELETE;
}
