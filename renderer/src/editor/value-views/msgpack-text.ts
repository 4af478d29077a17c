import { decode } from '@msgpack/msgpack';
import { bytesToHexString } from './hex-rows.js';

/**
 * A MessagePack value as indented JSON-like text, or undefined when the bytes are not exactly one
 * MessagePack map or array (a lone scalar is too easy to hit by chance: any byte under 0x80 is one).
 * Binary strings show as hex, 64-bit integers with all their digits.
 */
export function msgpackText(bytes: Uint8Array): string | undefined {
  let value: unknown;
  try {
    value = decode(bytes, {
      useBigInt64: true,
      mapKeyConverter: (key) => (typeof key === 'string' ? key : String(key)),
    });
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return undefined;
  return show(value, '');
}

function show(value: unknown, indent: string): string {
  if (value instanceof Uint8Array) return `<bin ${bytesToHexString(value)}>`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value))
    return list(
      value.map((item) => show(item, `${indent}  `)),
      '[',
      ']',
      indent,
    );
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${show(item, `${indent}  `)}`);
    return list(entries, '{', '}', indent);
  }
  return JSON.stringify(value) ?? 'null';
}

function list(items: string[], open: string, close: string, indent: string): string {
  if (items.length === 0) return `${open}${close}`;
  return `${open}\n${items.map((item) => `${indent}  ${item}`).join(',\n')}\n${indent}${close}`;
}
