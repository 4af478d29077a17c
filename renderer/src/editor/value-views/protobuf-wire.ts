import { strictUtf8 } from '../../ui/base64.js';
import { detectValueKind } from '../../ui/value-format.js';
import { bytesToHexString } from './hex-rows.js';

/**
 * A protobuf message read without its schema: the wire format gives field numbers, varints, fixed
 * 32/64-bit words and length-delimited runs. A run is shown as a nested message when it parses as
 * one, as a string when it is printable UTF-8, as hex otherwise. Nothing is shown unless the whole
 * value parses, to its last byte (groups, deprecated in proto3, are refused).
 */
export type WireField =
  | { field: number; kind: 'varint'; value: bigint }
  | { field: number; kind: 'fixed64'; value: bigint }
  | { field: number; kind: 'fixed32'; value: number }
  | { field: number; kind: 'bytes'; value: Uint8Array; message: WireField[] | undefined };

const MAX_DEPTH = 32;

export function parseWire(bytes: Uint8Array, depth = 0): WireField[] | undefined {
  const fields: WireField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = readVarint(bytes, at);
    if (tag === undefined) return undefined;
    at = tag.next;
    const field = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    if (field < 1 || field > 536_870_911) return undefined;
    const read = readField(bytes, at, field, wireType, depth);
    if (read === undefined) return undefined;
    fields.push(read.field);
    at = read.next;
  }
  return fields;
}

function readField(bytes: Uint8Array, at: number, field: number, wireType: number, depth: number) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (wireType) {
    case 0: {
      const varint = readVarint(bytes, at);
      return varint && { field: { field, kind: 'varint', value: varint.value } as WireField, next: varint.next };
    }
    case 1:
      if (at + 8 > bytes.length) return undefined;
      return { field: { field, kind: 'fixed64', value: view.getBigUint64(at, true) } as WireField, next: at + 8 };
    case 5:
      if (at + 4 > bytes.length) return undefined;
      return { field: { field, kind: 'fixed32', value: view.getUint32(at, true) } as WireField, next: at + 4 };
    case 2: {
      const length = readVarint(bytes, at);
      if (length === undefined || length.next + Number(length.value) > bytes.length) return undefined;
      const end = length.next + Number(length.value);
      const value = bytes.subarray(length.next, end);
      const message = depth < MAX_DEPTH && value.length > 0 ? parseWire(value, depth + 1) : undefined;
      return { field: { field, kind: 'bytes', value, message } as WireField, next: end };
    }
    default:
      return undefined;
  }
}

function readVarint(bytes: Uint8Array, at: number): { value: bigint; next: number } | undefined {
  let value = 0n;
  for (let index = 0; index < 10; index++) {
    const byte = bytes[at + index];
    if (byte === undefined) return undefined;
    value |= BigInt(byte & 0x7f) << BigInt(7 * index);
    if ((byte & 0x80) === 0) return { value, next: at + index + 1 };
  }
  return undefined;
}

/** The decoded message as indented text, or undefined when the bytes are not one whole message. */
export function protobufText(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  const fields = parseWire(bytes);
  return fields === undefined ? undefined : showFields(fields, '').join('\n');
}

function showFields(fields: WireField[], indent: string): string[] {
  return fields.flatMap((field) => showField(field, indent));
}

function showField(field: WireField, indent: string): string[] {
  const head = `${indent}${field.field}`;
  switch (field.kind) {
    case 'varint':
      return [`${head}: ${field.value}${negativeNote(field.value)}`];
    case 'fixed64':
      return [`${head}: ${field.value} (fixed64)`];
    case 'fixed32':
      return [`${head}: ${field.value} (fixed32)`];
    case 'bytes': {
      const text = printable(field.value);
      if (field.message !== undefined && text === undefined)
        return [`${head} {`, ...showFields(field.message, `${indent}  `), `${indent}}`];
      return [text === undefined ? `${head}: <${bytesToHexString(field.value)}>` : `${head}: ${JSON.stringify(text)}`];
    }
  }
}

/** A negative int32/int64 travels as a 10-byte varint: its signed reading is shown beside it. */
function negativeNote(value: bigint): string {
  return value >= 2n ** 63n ? ` (int64: ${BigInt.asIntN(64, value)})` : '';
}

/** Text a person would recognise: valid UTF-8 without control characters other than tab and newlines. */
function printable(bytes: Uint8Array): string | undefined {
  return detectValueKind(bytes) === 'binary' ? undefined : strictUtf8(bytes);
}
