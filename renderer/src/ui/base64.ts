/** Values cross the contract as base64; the editor works on bytes and text. */

const CHUNK = 0x8000;

/** The native codec (Chromium 140+, so Electron and current browsers): about ten times the loops below. */
interface NativeBase64 {
  fromBase64?: (base64: string) => Uint8Array;
}
const native = Uint8Array as unknown as NativeBase64;
const nativeToBase64 = (Uint8Array.prototype as unknown as { toBase64?: () => string }).toBase64;

export function base64ToBytes(base64: string): Uint8Array {
  if (native.fromBase64 !== undefined) return native.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64 !== undefined) return nativeToBase64.call(bytes);
  // fromCharCode in chunks: spreading megabytes of arguments at once overflows the stack.
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(start, start + CHUNK)));
  }
  return btoa(parts.join(''));
}

const encoder = new TextEncoder();

export function textToBytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The text the bytes hold, or undefined when they are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Like strictUtf8 for a value's head: a cut may split the last character, so up to three trailing
 * bytes are dropped before giving up on the value being text.
 */
export function utf8Head(bytes: Uint8Array, truncated: boolean): string | undefined {
  const whole = strictUtf8(bytes);
  if (whole !== undefined || !truncated) return whole;
  for (let drop = 1; drop <= 3 && drop < bytes.length; drop++) {
    const text = strictUtf8(bytes.subarray(0, bytes.length - drop));
    if (text !== undefined) return text;
  }
  return undefined;
}
