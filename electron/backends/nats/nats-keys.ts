/**
 * Where go-micro's NATS KV store (v5 `store/nats-js-kv`, keys.go) keeps a record: the full key is
 * `<table>_<key>`, or `<key>` in the empty (default) table; with the `EncodeKeys()` option the NATS key is
 * that full key in base32 (Go's `base32.StdEncoding`: RFC 4648 alphabet A-Z2-7, `=` padding). Without it the
 * NATS key is the full key itself and must be a valid KV key (docs/backend-nats.md).
 */
import { StoreInputError } from '../../store/types.js';

export type KeyEncoding = 'base32' | 'plain';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]));
/** A whole base32 text as Go's StdEncoding writes it: groups of 8, the last one padded. */
const BASE32_TEXT = /^(?:[A-Z2-7]{8})*(?:[A-Z2-7]{2}={6}|[A-Z2-7]{4}={4}|[A-Z2-7]{5}={3}|[A-Z2-7]{7}=)?$/;
/** The NATS client's rule for a KV key (nats.go and nats.js alike), plus no leading or trailing dot. */
const VALID_NATS_KEY = /^[-/=.\w]+$/;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export function fullKey(table: string, key: string): string {
  return table === '' ? key : `${table}_${key}`;
}

/** The go-micro key of a full key under `table` (go-micro's trimKey). */
export function plainKey(table: string, full: string): string {
  return table === '' ? full : full.slice(table.length + 1);
}

export function base32Encode(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let out = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

/** The text a base32 key stands for, or undefined when it is not base32 of UTF-8 text. */
export function base32Decode(encoded: string): string | undefined {
  if (!BASE32_TEXT.test(encoded)) return undefined;
  const digits = encoded.replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of digits) {
    buffer = (buffer << 5) | (VALUES.get(char) ?? 0);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 255);
    }
    buffer &= (1 << bits) - 1;
  }
  try {
    return STRICT_UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/** True when every key looks like go-micro's base32 (an empty list says nothing). */
export function allBase32(rawKeys: readonly string[]): boolean {
  return rawKeys.length > 0 && rawKeys.every((raw) => base32Decode(raw) !== undefined);
}

/** The full key a NATS key stands for; go-micro falls back to the raw key when it does not decode. */
export function decodeNatsKey(raw: string, encoding: KeyEncoding): string {
  return encoding === 'base32' ? (base32Decode(raw) ?? raw) : raw;
}

/** The NATS key for a full key, refusing one that plain keys cannot carry. */
export function encodeNatsKey(full: string, encoding: KeyEncoding): string {
  if (encoding === 'base32') return base32Encode(full);
  const refusal = plainKeyRefusal(full);
  if (refusal !== undefined) throw new StoreInputError(refusal);
  return full;
}

/** Why a full key cannot be a plain NATS KV key, or undefined when it can (BackendEditing.unheldKeys). */
export function plainKeyRefusal(full: string): string | undefined {
  if (isValidNatsKey(full)) return undefined;
  return `key ${JSON.stringify(full)} cannot be a plain NATS KV key (only letters, digits and - / _ = . are allowed, no leading or trailing dot): open the store with ?keys=base32, go-micro's EncodeKeys(), to store it`;
}

export function isValidNatsKey(key: string): boolean {
  return VALID_NATS_KEY.test(key) && !key.startsWith('.') && !key.endsWith('.');
}
