/**
 * Keys sort by their UTF-8 bytes (SQLite's BINARY collation, Go's string comparison). UTF-8 keeps
 * code point order, so reasoning in code points here matches what SQLite compares in bytes.
 */

import { HIGH_SURROGATE_FIRST, LOW_SURROGATE_LAST } from '../common/char-codes.js';

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string that starts with `prefix`, or undefined when no
 * such string exists (a prefix made only of U+10FFFF). Lets a prefix become an index range:
 * `key >= prefix AND key < successor`.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (char) => char.codePointAt(0) ?? 0);
  while (points.length > 0) {
    const last = points.pop() ?? MAX_CODE_POINT;
    if (last === MAX_CODE_POINT) continue;
    // The next scalar value after U+D7FF is U+E000: surrogates are not characters.
    const next = last + 1 === HIGH_SURROGATE_FIRST ? LOW_SURROGATE_LAST + 1 : last + 1;
    points.push(next);
    return points.map((point) => String.fromCodePoint(point)).join('');
  }
  return undefined;
}

export { compareKeys } from '../common/key-order.js';
export { hasLoneSurrogate } from '../common/unicode-text.js';
