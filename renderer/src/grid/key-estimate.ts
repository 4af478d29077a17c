/**
 * A key to start reading from when the user jumps far into a sorted keyspace (dragging the
 * scrollbar to the middle of a million records). A keyset cursor cannot seek by position, so we
 * interpolate between two keys whose positions we know. UTF-8 byte order equals code point order,
 * so the interpolation runs on code points, as digits of a number after the common prefix.
 */

import { HIGH_SURROGATE_FIRST, LOW_SURROGATE_LAST } from '../../../electron/common/char-codes.js';

const MAX_DIGITS = 8;

export interface KnownKey {
  index: number;
  key: string;
}

/** The key expected at `index`, between the nearest known keys on either side. */
export function estimateKeyAt(known: KnownKey[], index: number): string | undefined {
  const sorted = [...known].sort((a, b) => a.index - b.index);
  const low = sorted.filter((point) => point.index <= index).at(-1);
  const high = sorted.find((point) => point.index >= index);
  if (low === undefined || high === undefined) return (low ?? high)?.key;
  if (high.index === low.index) return low.key;
  return interpolateKey(low.key, high.key, (index - low.index) / (high.index - low.index));
}

export function interpolateKey(from: string, to: string, fraction: number): string {
  const a = Array.from(from, (char) => char.codePointAt(0) ?? 0);
  const b = Array.from(to, (char) => char.codePointAt(0) ?? 0);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const rest = [...a.slice(common), ...b.slice(common)];
  const base = Math.max(2, ...rest) + 1;
  const digits = Math.max(1, Math.min(MAX_DIGITS, Math.floor(52 / Math.log2(base))));
  const low = toNumber(a.slice(common), base, digits);
  const high = toNumber(b.slice(common), base, digits);
  const point = fromNumber(low + (high - low) * fraction, base, digits);
  return String.fromCodePoint(...a.slice(0, common), ...point);
}

function toNumber(codePoints: number[], base: number, digits: number): number {
  let value = 0;
  for (let index = 0; index < digits; index++) value = value * base + (codePoints[index] ?? 0);
  return value;
}

function fromNumber(value: number, base: number, digits: number): number[] {
  const result: number[] = [];
  let rest = Math.floor(value);
  for (let index = 0; index < digits; index++) {
    result.unshift(rest % base);
    rest = Math.floor(rest / base);
  }
  while (result.length > 1 && result.at(-1) === 0) result.pop();
  return result.map((point) =>
    point >= HIGH_SURROGATE_FIRST && point <= LOW_SURROGATE_LAST ? LOW_SURROGATE_LAST + 1 : point,
  );
}
