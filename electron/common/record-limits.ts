/**
 * The limits every way in holds a record to: the API's schemas, the Store's input checks (and so every
 * import) and the page's editors. One set, so a record one path accepts is never refused by another.
 * Generous for real data, finite so a hostile or broken input is refused with a message before it is
 * stored (a 100 MB key or metadata nested 10,000 deep would otherwise crash or stall whoever reads it).
 */

/** A key's length in UTF-16 code units (JavaScript's `length`), as go-micro keys are strings. */
export const MAX_KEY_LENGTH = 65_536;
/** A database or table name's length in UTF-16 code units. */
export const MAX_NAME_LENGTH = 1_024;
/** A value's size in bytes (96 MiB of base64 on the wire). */
export const MAX_VALUE_BYTES = 72 * 1024 * 1024;
/** How deep metadata may nest objects and arrays; the metadata object itself is level 1. */
export const MAX_METADATA_DEPTH = 256;

/** What is wrong with a key's length, or undefined when it fits. */
export function keyLengthProblem(key: string): string | undefined {
  return key.length > MAX_KEY_LENGTH
    ? `is ${key.length} characters long; keys are limited to ${MAX_KEY_LENGTH}`
    : undefined;
}

/** What is wrong with a value's size, or undefined when it fits. */
export function valueSizeProblem(bytes: number): string | undefined {
  return bytes > MAX_VALUE_BYTES ? `is ${bytes} bytes; values are limited to ${MAX_VALUE_BYTES} bytes` : undefined;
}

export function depthProblem(depth: number): string | undefined {
  return depth > MAX_METADATA_DEPTH ? `is nested deeper than ${MAX_METADATA_DEPTH} levels` : undefined;
}
