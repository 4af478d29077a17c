import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from '../../electron/backends/nats/nats-envelope.js';
import { base32Decode, base32Encode, encodeNatsKey } from '../../electron/backends/nats/nats-keys.js';
import { tableFromEnvelope, tableSpans } from '../../electron/backends/nats/nats-tables.js';
import { StoreInputError } from '../../electron/store/types.js';

describe("go-micro's NATS KV layout", () => {
  it('base32-encodes keys as Go’s base32.StdEncoding (RFC 4648 vectors, = padding)', () => {
    const vectors: [string, string][] = [
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
      ['users_user1', 'OVZWK4TTL52XGZLSGE======'],
      ['orders_ü 1', 'N5ZGIZLSONP4HPBAGE======'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(plain)).toBe(encoded);
      expect(base32Decode(encoded)).toBe(plain);
    }
    expect(base32Decode('users_user1')).toBeUndefined();
  });

  it('refuses a plain key NATS cannot carry, naming the base32 option', () => {
    expect(() => encodeNatsKey('a b', 'plain')).toThrow(StoreInputError);
    expect(() => encodeNatsKey('a b', 'plain')).toThrow(/keys=base32/);
    expect(encodeNatsKey('a b/c', 'base32')).toBe('MEQGEL3D');
  });

  it('writes the envelope byte for byte as Go’s json.Marshal does', () => {
    const bytes = encodeEnvelope('user<1>&', Buffer.from('hello'), { b: 1, a: '\u2028x', c: { z: true, y: null } });
    expect(bytes.toString()).toBe(
      '{"key":"user\\u003c1\\u003e\\u0026","data":"aGVsbG8=","metadata":{"a":"\\u2028x","b":1,"c":{"y":null,"z":true}}}',
    );
    expect(encodeEnvelope('k', new Uint8Array(), undefined).toString()).toBe('{"key":"k","data":"","metadata":null}');
  });

  it('reads what Go writes: nil data and metadata, field names in any case', () => {
    expect(decodeEnvelope(Buffer.from('{"key":"k","data":null,"metadata":null}'))).toEqual({
      key: 'k',
      data: Buffer.alloc(0),
      metadata: null,
    });
    expect(decodeEnvelope(Buffer.from('{"Key":"k","DATA":"AAEC","Metadata":{"n":1.5}}'))).toEqual({
      key: 'k',
      data: Buffer.from([0, 1, 2]),
      metadata: { n: 1.5 },
    });
    expect(decodeEnvelope(Buffer.from('not json'))).toBeUndefined();
    expect(decodeEnvelope(Buffer.from('{"key":"k","data":5}'))).toBeUndefined();
  });

  it('takes the table from where the envelope key starts', () => {
    expect(tableFromEnvelope('a_b_c', 'c')).toBe('a_b');
    expect(tableFromEnvelope('a_b_c', 'b_c')).toBe('a');
    expect(tableFromEnvelope('a_b_c', 'a_b_c')).toBe('');
  });

  it('gives each key to the longest table whose prefix it has', () => {
    const keys = ['a_1', 'a_b_1', 'a_b_2', 'a_c', 'plain', 'z_9'];
    const spans = (table: string) =>
      tableSpans(keys, table, ['a', 'a_b', 'z']).flatMap((span) => keys.slice(span.from, span.to));
    expect(spans('a')).toEqual(['a_1', 'a_c']);
    expect(spans('a_b')).toEqual(['a_b_1', 'a_b_2']);
    expect(spans('')).toEqual(['plain']);
  });
});
