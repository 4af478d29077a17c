/**
 * A call's answer that carries a value's bytes, as browser mode sends it: not JSON with the bytes in base64
 * (on a 50 MB value, 70 MB to encode, stringify and parse again), but an `application/octet-stream` body of
 * the answer's other fields as JSON, then the bytes as stored:
 *
 *   [4 bytes: the JSON's length, big-endian][the JSON, UTF-8][the value's bytes]
 *
 * Only a successful answer is sent so; a refusal is JSON like every call's. The desktop needs none of this:
 * IPC's structured clone carries a Uint8Array as it is. Kept free of Node and of zod: the page imports it.
 */
import type { CallName } from './call-names.js';

/** The media type of an answer framed as below; any other answer is the usual JSON. */
export const BYTE_ANSWER_TYPE = 'application/octet-stream';

/** An answer whose `value` is bytes, beside fields that are JSON. */
export interface ByteAnswer {
  value: Uint8Array;
  [field: string]: unknown;
}

const LENGTH_BYTES = 4;

/** The frame's start: the answer without its bytes, which follow it (written apart, never copied into one). */
export function byteAnswerHead({ value: _bytes, ...fields }: ByteAnswer): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(fields));
  const head = new Uint8Array(LENGTH_BYTES + json.length);
  new DataView(head.buffer).setUint32(0, json.length);
  head.set(json, LENGTH_BYTES);
  return head;
}

/** The answer a frame holds; its bytes are a view of `body`, not a copy. */
export function readByteAnswer(body: ArrayBuffer): ByteAnswer {
  const jsonLength = body.byteLength < LENGTH_BYTES ? -1 : new DataView(body).getUint32(0);
  const valueStart = LENGTH_BYTES + jsonLength;
  if (jsonLength < 0 || valueStart > body.byteLength) throw new Error('the answer was cut short: read it again');
  const fields = JSON.parse(new TextDecoder().decode(new Uint8Array(body, LENGTH_BYTES, jsonLength))) as object;
  return { ...fields, value: new Uint8Array(body, valueStart) };
}

/** The calls whose answer holds bytes: the only ones browser mode frames. */
const BYTE_CALLS: ReadonlySet<string> = new Set<CallName>(['record.getBytes']);

/** A successful answer of a call that answers bytes, as the handler gave it. */
export function isByteAnswer(name: string, value: unknown): value is ByteAnswer {
  return (
    BYTE_CALLS.has(name) &&
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    value.value instanceof Uint8Array
  );
}
