/**
 * go-micro's KeyValueEnvelope, read and written as Go's encoding/json does it: `{"key":…,"data":…,
 * "metadata":…}` in that order, `data` ([]byte) as padded base64 or null, metadata
 * (map[string]interface{}) with its keys sorted, and strings escaped as Go escapes them (<, >, & and
 * U+2028/9 as \u escapes). docs/backend-nats.md has the details.
 */
import { compareKeys } from '../../store/key-order.js';

interface Envelope {
  key: string;
  data: Buffer;
  /** null where go-micro wrote a nil map. */
  metadata: Record<string, unknown> | null;
}

export function encodeEnvelope(key: string, data: Uint8Array, metadata: Record<string, unknown> | undefined): Buffer {
  const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  const text = `{"key":${goString(key)},"data":"${base64}","metadata":${metadata === undefined ? 'null' : goJson(metadata)}}`;
  return Buffer.from(text, 'utf8');
}

/** The envelope in an entry's value, or undefined when the value is not one (go-micro's Read fails on it). */
export function decodeEnvelope(value: Uint8Array): Envelope | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = parsed as Record<string, unknown>;
  const key = goField(fields, 'key') ?? '';
  const data = goField(fields, 'data') ?? null;
  const metadata = goField(fields, 'metadata') ?? null;
  if (typeof key !== 'string' || (data !== null && typeof data !== 'string')) return undefined;
  if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) return undefined;
  return {
    key,
    data: data === null ? Buffer.alloc(0) : Buffer.from(data, 'base64'),
    metadata: metadata as Record<string, unknown> | null,
  };
}

/** Go matches a JSON field to a struct field exactly first, then ignoring case. */
function goField(fields: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(fields, name)) return fields[name];
  const found = Object.keys(fields).find((field) => field.toLowerCase() === name);
  return found === undefined ? undefined : fields[found];
}

/** A string as Go's encoder writes it (HTML-safe). JSON.stringify already escapes the rest as Go does. */
function goString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A JSON value as Go marshals an interface{}: objects (maps) with sorted keys. */
function goJson(value: unknown): string {
  if (typeof value === 'string') return goString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([field, item]) => `${goString(field)}:${goJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
