/**
 * Whether text is valid Unicode. A UTF-16 surrogate without its partner has no UTF-8 form: SQLite, Go and
 * file systems would each store something else (U+FFFD or a mangled name), so every way in refuses it.
 */

import { HIGH_SURROGATE_FIRST, LOW_SURROGATE_FIRST, LOW_SURROGATE_LAST } from './char-codes.js';

/** With the u flag a paired surrogate is one code point, so only a lone one matches \p{Cs}. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * True when the text holds an unpaired surrogate. Every key written passes here: the native check is 4x the
 * regex's speed; browsers older than 2023 (Firefox 115 ESR, in browser mode) lack it and take the regex.
 */
export function hasLoneSurrogate(text: string): boolean {
  return typeof text.isWellFormed === 'function' ? !text.isWellFormed() : LONE_SURROGATE.test(text);
}

/** Index of the first unpaired surrogate, or -1; for messages that point at it. */
export function loneSurrogateAt(text: string): number {
  if (!hasLoneSurrogate(text)) return -1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < HIGH_SURROGATE_FIRST || unit > LOW_SURROGATE_LAST) continue;
    if (unit < LOW_SURROGATE_FIRST && isLow(text.charCodeAt(i + 1))) i++;
    else return i;
  }
  return -1;
}

function isLow(unit: number): boolean {
  return unit >= LOW_SURROGATE_FIRST && unit <= LOW_SURROGATE_LAST;
}
