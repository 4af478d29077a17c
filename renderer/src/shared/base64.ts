/** Values cross the contract as base64; the editor works on bytes and text. */

const CHUNK = 0x8000;

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
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
