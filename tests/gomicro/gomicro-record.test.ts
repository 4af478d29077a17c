import { describe, expect, it } from 'vitest';
import { formatGoTimeUtc, goTimeToMs, isGoZeroTime, parseGoTime } from '../../electron/gomicro/go-time.js';
import { decodeGoMicroRecord, peekExpiresAtMs } from '../../electron/gomicro/gomicro-record.js';
import { goMicroValue } from './bbolt-writer.js';

describe("Go's RFC 3339 times", () => {
  it.each([
    ['2099-06-01T09:30:00.987654321+01:00', '2099-06-01T08:30:00.987654321Z'],
    ['2020-03-01T12:00:00.123456789Z', '2020-03-01T12:00:00.123456789Z'],
    ['2024-02-29T23:59:59.5-05:30', '2024-03-01T05:29:59.5Z'],
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['9999-12-31T23:59:59.000000001Z', '9999-12-31T23:59:59.000000001Z'],
  ])('%s is %s in UTC', (text, utc) => {
    const time = parseGoTime(text);
    expect(time).not.toBeNull();
    if (time !== null) expect(formatGoTimeUtc(time)).toBe(utc);
  });

  it('agrees with Date to the millisecond and keeps the nanoseconds', () => {
    const time = parseGoTime('2099-06-01T09:30:00.987654321+01:00');
    expect(time && goTimeToMs(time)).toBeCloseTo(Date.parse('2099-06-01T08:30:00.987Z') + 0.654321, 3);
  });

  it("knows Go's zero time in any zone", () => {
    for (const text of ['0001-01-01T00:00:00Z', '0001-01-01T02:00:00+02:00']) {
      const time = parseGoTime(text);
      expect(time && isGoZeroTime(time)).toBe(true);
    }
    const notZero = parseGoTime('0001-01-01T00:00:00.000000001Z');
    expect(notZero && isGoZeroTime(notZero)).toBe(false);
  });

  it.each([
    'yesterday',
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:60Z',
    '2024-01-01T00:00:00',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00.1234567890Z',
    '2024-01-01 00:00:00Z',
    '2024-01-01T00:00:00+24:00',
  ])('rejects %s', (text) => {
    expect(parseGoTime(text)).toBeNull();
  });
});

describe('go-micro record JSON', () => {
  const key = Buffer.from('user/1');
  const decode = (json: string, k = key) => decodeGoMicroRecord(k, Buffer.from(json), 'f.db');

  it('decodes what go-micro writes', () => {
    const record = decode(
      goMicroValue({ key: 'user/1', value: 'hi', metadata: { a: 1 }, expiresAt: '2099-01-01T00:00:00+01:00' }),
    );
    expect(record).toMatchObject({ key: 'user/1', metadata: { a: 1 } });
    expect(record.value.toString()).toBe('hi');
    expect(record.expiresAt && formatGoTimeUtc(record.expiresAt)).toBe('2098-12-31T23:00:00Z');
  });

  it('accepts a null Value, a null or missing Metadata, and field names in any case (as Go does)', () => {
    expect(decode('{"Key":"user/1","Value":null,"Metadata":null,"ExpiresAt":"0001-01-01T00:00:00Z"}')).toMatchObject({
      metadata: {},
      expiresAt: null,
    });
    const lower = decode('{"key":"user/1","value":"aGk=","expiresat":"0001-01-01T00:00:00Z"}');
    expect(lower.value.toString()).toBe('hi');
  });

  it('accepts the replacement character in Key for a key that is not valid UTF-8', () => {
    const bytes = Buffer.from([0x6b, 0xff]);
    const record = decode('{"Key":"k\\ufffd","Value":"","ExpiresAt":"0001-01-01T00:00:00Z"}', bytes);
    expect(record.key).toBe('k\ufffd');
  });

  it('reads the expiry from the end of the value without parsing, where Go wrote it', () => {
    const samples = [
      goMicroValue({ key: 'a', value: 'x', metadata: { ExpiresAt: '2020-01-01T00:00:00Z' } }),
      goMicroValue({ key: 'a', value: null, expiresAt: '2030-05-05T05:05:05.123456789-07:00' }),
      goMicroValue({ key: 'a', value: 'x', metadata: {}, expiresAt: '2020-01-01T00:00:00Z' }),
    ];
    for (const json of samples) {
      const full = decodeGoMicroRecord(Buffer.from('a'), Buffer.from(json), 'f.db').expiresAt;
      expect(peekExpiresAtMs(Buffer.from(json))).toBe(full === null ? null : goTimeToMs(full));
    }
    expect(peekExpiresAtMs(Buffer.from('{"ExpiresAt":"0001-01-01T00:00:00Z","Key":"a"}'))).toBeUndefined();
    expect(peekExpiresAtMs(Buffer.from('garbage'))).toBeUndefined();
  });
});
