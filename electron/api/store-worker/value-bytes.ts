/**
 * Bytes across the thread boundary. A structured clone turns a Buffer into a plain Uint8Array: the main
 * thread gets Buffers back, as the store gives them in-thread. Large values move instead of being copied.
 */

import { isPlainObject } from '../../common/plain-object.js';

/** Values at least this large are moved (transferred), not copied. */
const TRANSFER_BYTES = 64 * 1024;

/** Every Uint8Array in `value` (records, details, pages) as a Buffer over the same memory. */
export function withBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withBuffers(value[i]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) value[key] = withBuffers(value[key]);
  }
  return value;
}

/**
 * The memory of large values in `value` that can move: only a buffer that one value covers whole (a slice
 * of a shared pool would take its neighbours along). A metadata object is JSON and holds no bytes.
 */
export function movableBuffers(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (value instanceof Uint8Array) {
    const { buffer } = value;
    if (
      buffer instanceof ArrayBuffer &&
      value.byteLength >= TRANSFER_BYTES &&
      value.byteOffset === 0 &&
      value.byteLength === buffer.byteLength &&
      !found.includes(buffer)
    ) {
      found.push(buffer);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) movableBuffers(item, found);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) if (key !== 'metadata') movableBuffers(value[key], found);
  }
  return found;
}
