import type { ContainsCase } from './key-contains.js';

/**
 * "Value contains" for stores whose values are searched in JavaScript: the needle's UTF-8 bytes anywhere in
 * the value's bytes; ignoring case folds ASCII letters only, as the SQLite store does (docs/metadata-queries.md).
 * Undefined when the filter has no value condition, so callers need not read values at all.
 *
 * Written without Buffer, and not for want of it: on a million 100-byte values `Buffer#includes` was slower in
 * all but one case measured (a needle whose first byte is in every value), since each call crosses into C++
 * and a NATS value (a Uint8Array) needs a Buffer view made first; and folding a copy of every value cost more
 * than the search (docs/benchmarks.md, "Value contains in JavaScript"; `npm run bench -- value-search --only js`).
 */
export function valueContainsTest(
  needle: string | undefined,
  caseMode: ContainsCase | undefined,
): ((value: Uint8Array) => boolean) | undefined {
  if (!needle) return undefined;
  const folds = caseMode === 'insensitive';
  const wanted = new TextEncoder().encode(folds ? needle.replace(/[A-Z]/g, (c) => c.toLowerCase()) : needle);
  return (value) => indexOf(value, wanted, folds) >= 0;
}

/**
 * Where `needle` starts in `haystack`, or -1. Candidates are found by the typed array's own indexOf of the
 * needle's first byte (both its cases when `folds`: two cursors, the nearer first), and the rest is compared
 * byte by byte, folded as it is read: no value is copied.
 */
function indexOf(haystack: Uint8Array, needle: Uint8Array, folds: boolean): number {
  const first = needle[0] ?? 0;
  const upper = folds && first >= 0x61 && first <= 0x7a ? first - 0x20 : -1;
  const last = haystack.length - needle.length;
  let nextFirst = haystack.indexOf(first);
  let nextUpper = upper < 0 ? -1 : haystack.indexOf(upper);
  for (;;) {
    const start = nextUpper < 0 || (nextFirst >= 0 && nextFirst < nextUpper) ? nextFirst : nextUpper;
    if (start < 0 || start > last) return -1;
    let at = 1;
    while (at < needle.length && (folds ? folded(haystack[start + at]) : haystack[start + at]) === needle[at]) at++;
    if (at === needle.length) return start;
    if (start === nextFirst) nextFirst = haystack.indexOf(first, start + 1);
    else nextUpper = haystack.indexOf(upper, start + 1);
  }
}

function folded(byte: number | undefined): number | undefined {
  return byte !== undefined && byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}
