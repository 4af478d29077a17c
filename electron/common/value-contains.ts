import type { ContainsCase } from './key-contains.js';

/**
 * "Value contains" for stores whose values are searched in JavaScript: the needle's UTF-8 bytes anywhere in
 * the value's bytes; ignoring case folds ASCII letters only, as the SQLite store does (docs/metadata-queries.md).
 * Undefined when the filter has no value condition, so callers need not read values at all.
 */
export function valueContainsTest(
  needle: string | undefined,
  caseMode: ContainsCase | undefined,
): ((value: Uint8Array) => boolean) | undefined {
  if (!needle) return undefined;
  const insensitive = caseMode === 'insensitive';
  const wanted = new TextEncoder().encode(insensitive ? needle.replace(/[A-Z]/g, (c) => c.toLowerCase()) : needle);
  return (value) => indexOf(insensitive ? asciiLowerBytes(value) : value, wanted) >= 0;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  for (
    let start = haystack.indexOf(first ?? 0);
    start >= 0 && start <= last;
    start = haystack.indexOf(first ?? 0, start + 1)
  ) {
    let at = 1;
    while (at < needle.length && haystack[start + at] === needle[at]) at++;
    if (at === needle.length) return start;
  }
  return -1;
}

function asciiLowerBytes(bytes: Uint8Array): Uint8Array {
  const lowered = new Uint8Array(bytes);
  for (let index = 0; index < lowered.length; index++) {
    const byte = lowered[index] ?? 0;
    if (byte >= 0x41 && byte <= 0x5a) lowered[index] = byte + 0x20;
  }
  return lowered;
}
