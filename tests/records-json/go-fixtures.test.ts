/**
 * Files written by Go's own encoding/json (tests/fixtures/records-json/gen/main.go) decode to exactly the
 * records Go put in them.
 */
import { describe, expect, it } from 'vitest';
import { openRecordsReader } from '../../electron/records-json/index.js';
import { chunked, fixture, hex, type Plain, readPlain } from './helpers.js';

const bytes = (...b: number[]) => Buffer.from(b).toString('hex');

/** What gen/main.go's readerRecords() holds, written out by hand. */
const GO_RECORDS: Omit<Plain, 'index'>[] = [
  {
    key: 'user/42',
    value: hex('{"name":"Ada"}'),
    metadata: { owner: 'auth', version: 3 },
    expiryNs: 3_600_000_000_000n,
  },
  { key: 'flag/dark', value: hex('true'), metadata: {}, expiryNs: null },
  { key: 'bin/zeros', value: bytes(0, 1, 2, 0, 255, 254, 0, 0x80), metadata: {}, expiryNs: null },
  { key: 'empty/value', value: '', metadata: {}, expiryNs: 1n },
  { key: 'null/value', value: '', metadata: {}, expiryNs: null },
  {
    key: 'html/<b>&amp;</b>',
    value: hex("<script>alert('&')</script>"),
    metadata: { tag: '<i>&</i>' },
    expiryNs: null,
  },
  {
    key: 'unicode/ключ/日本/😀',
    value: hex('héllo wörld ✓'),
    metadata: { ünï: 'cödé', '😀': 'smile' },
    expiryNs: null,
  },
  { key: 'sep/\u2028\u2029', value: hex('\u2028'), metadata: {}, expiryNs: null },
  { key: 'ctl/\t\n\r"\\\x01\x1f\x7f', value: '', metadata: {}, expiryNs: null },
  {
    key: 'nested/meta',
    value: hex('x'),
    metadata: {
      a: { b: [1, 'x', true, null], c: {} },
      f: 1.5,
      huge: 1e21,
      list: [],
      max: 9007199254740992,
      maxm1: 9007199254740991,
      min: -9007199254740991,
      tiny: 1e-7,
      zero: 0,
    },
    expiryNs: null,
  },
  { key: 'expiry/ns', value: hex('1.5ms'), metadata: {}, expiryNs: 1_500_000n },
  { key: 'expiry/negative', value: hex('gone'), metadata: {}, expiryNs: -5_000_000_000n },
  { key: 'expiry/max', value: hex('forever-ish'), metadata: {}, expiryNs: 9223372036854775807n },
  { key: 'expiry/min', value: hex('long gone'), metadata: {}, expiryNs: -9223372036854775808n },
];

const expected = GO_RECORDS.map((record, index) => ({ index, ...record }));

describe('files written by Go', () => {
  it.each([
    ['go-records.json', 'array'],
    ['go-records.ndjson', 'lines'],
    ['go-records-indented.json', 'array'],
  ] as const)('%s decodes to exactly the records Go wrote', async (name, format) => {
    expect(await readPlain(fixture(name))).toEqual(expected);
    expect(await readPlain(fixture(name), { format })).toEqual(expected);
  });

  it('detects each format from the first bytes', async () => {
    for (const [name, format] of [
      ['go-records.json', 'array'],
      ['go-records-indented.json', 'array'],
      ['go-records.ndjson', 'lines'],
      ['go-dump.ndjson', 'dump'],
    ] as const) {
      const reader = await openRecordsReader(chunked(fixture(name)));
      expect(reader.format).toBe(format);
      await reader.close();
    }
  });

  it('keeps integers up to 2^53 in metadata exactly', async () => {
    const [, , , , , , , , , nested] = await readPlain(fixture('go-records.json'));
    expect(nested!.metadata.max).toBe(2 ** 53);
    expect(nested!.metadata.maxm1).toBe(2 ** 53 - 1);
    expect(nested!.metadata.min).toBe(-(2 ** 53 - 1));
  });

  it('reports a negative expiry as it is (the importer skips such records)', async () => {
    const records = await readPlain(fixture('go-records.ndjson'));
    expect(records.filter((r) => r.expiryNs !== null && r.expiryNs < 0n).map((r) => r.key)).toEqual([
      'expiry/negative',
      'expiry/min',
    ]);
  });

  it('reads a store dump written by a Go program: header, namespaces (an empty one too), records', async () => {
    const reader = await openRecordsReader(chunked(fixture('go-dump.ndjson')));
    expect(reader.dumpHeader).toEqual({
      format: 'store-inspector-dump',
      version: 1,
      exportedAt: '2024-05-01T12:30:00Z',
      namespaces: [
        { database: 'micro', table: 'micro' },
        { database: 'micro', table: 'empty' },
        { database: 'shop', table: 'orders' },
      ],
    });
    const records: Plain[] = [];
    for await (const record of reader) {
      records.push({ ...record, value: record.value.toString('hex') });
    }
    expect(records).toEqual([
      { index: 0, database: 'micro', table: 'micro', key: 'a', value: hex('1'), metadata: {}, expiryNs: null },
      {
        index: 1,
        database: 'micro',
        table: 'micro',
        key: 'b',
        value: '',
        metadata: { x: 1 },
        expiryNs: 60_000_000_000n,
      },
      { index: 2, database: 'shop', table: 'orders', key: 'order/1', value: '00ff', metadata: {}, expiryNs: null },
      {
        index: 3,
        database: 'shop',
        table: 'orders',
        key: 'a',
        value: hex('same key, other table'),
        metadata: {},
        expiryNs: null,
      },
    ]);
    expect(reader.bytesRead).toBe(fixture('go-dump.ndjson').length);
  });
});
