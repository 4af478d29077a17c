import { keyLengthProblem, valueSizeProblem } from '../common/record-limits.js';
import { hasLoneSurrogate } from './key-order.js';
import { StoreInputError } from './types.js';

/** Checks a key a caller gives; the empty key is refused only where it would be stored. */
export function checkKey(key: unknown, what = 'key'): string {
  if (typeof key !== 'string') throw new StoreInputError(`${what} must be a string, got ${typeof key}`);
  if (hasLoneSurrogate(key)) throw new StoreInputError(`${what} holds a lone surrogate, which is not valid Unicode`);
  const tooLong = keyLengthProblem(key);
  if (tooLong !== undefined) throw new StoreInputError(`${what} ${tooLong}`);
  return key;
}

export function checkWritableKey(key: unknown): string {
  const checked = checkKey(key);
  if (checked === '') throw new StoreInputError('key must not be empty');
  return checked;
}

/** Bytes as stored: strings become UTF-8; a Uint8Array is viewed, not copied. */
export function valueBytes(value: unknown): Buffer {
  if (typeof value === 'string') return checkValueSize(Buffer.from(value, 'utf8'));
  if (value instanceof Uint8Array) return checkValueSize(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  throw new StoreInputError(`value must be a string or a Uint8Array, got ${value === null ? 'null' : typeof value}`);
}

function checkValueSize(bytes: Buffer): Buffer {
  const tooLarge = valueSizeProblem(bytes.length);
  if (tooLarge !== undefined) throw new StoreInputError(`value ${tooLarge}`);
  return bytes;
}

/** limit and offset: non-negative integers, or absent. 0 (or absent) means no limit. */
export function checkCount(value: unknown, name: 'limit' | 'offset'): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StoreInputError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}
