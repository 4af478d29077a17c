/**
 * The writers produce exactly Go's bytes, their output reads back under Go's rules (an independent decoder
 * here, and our own reader), and they stream with backpressure.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  encodeGoRecord,
  RecordsWriter,
  type RecordsWriterOptions,
  type RecordToWrite,
  readAllRecords,
  writeRecords,
} from '../../electron/records-json/index.js';
import { goDecodeArray, goDecodeLines } from './go-rules-decoder.js';
import { chunked, fixture } from './helpers.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The same records as gen/main.go's writerRecords(), as the Store hands them out. */
const WRITER_RECORDS: RecordToWrite[] = [
  { key: 'user/42', value: utf8('{"name":"Ada"}'), metadata: { owner: 'auth', version: 3 }, expiry: 3_600_000 },
  { key: 'flag/dark', value: utf8('true'), metadata: {}, expiry: 0 },
  { key: 'bin/zeros', value: Uint8Array.of(0, 1, 2, 0, 255, 254, 0, 0x80), metadata: {}, expiry: 1 },
  { key: 'empty', value: new Uint8Array(0), metadata: {} },
  { key: 'html/<b>&amp;</b>', value: utf8('<&>'), metadata: { tag: '<i>&</i>', z: -0.5, a: 1e-7 } },
  { key: 'unicode/ключ/日本/😀\u2028', value: utf8('✓'), metadata: { '\uffff': 1, '😀': 2, é: 3, Z: 4 } },
  {
    key: 'ctl/\t\n\r"\\\x01\x1f\x7f',
    value: Uint8Array.of(0),
    metadata: {
      nested: { b: [1, 'x', true, null, {}], a: null },
      big: 9007199254740992,
      huge: 1e21,
      small: 123456789012345680000,
    },
    expiry: 9_223_372_036_854,
  },
];

class Collector extends Writable {
  chunks: Buffer[] = [];
  maxBuffered = 0;
  constructor(
    private readonly delay = false,
    highWaterMark = 16 * 1024,
  ) {
    super({ highWaterMark });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    if (this.delay) setImmediate(done);
    else done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function written(records: Iterable<RecordToWrite>, options: RecordsWriterOptions): Promise<string> {
  const out = new Collector();
  await writeRecords(out, records, options);
  return out.text();
}

describe('byte for byte what Go writes', () => {
  it("record array: json.Marshal([]*store.Record)'s bytes", async () => {
    expect(await written(WRITER_RECORDS, { format: 'array' })).toBe(fixture('go-writer.json').toString('utf8'));
  });

  it("record lines: a json.Encoder's bytes, one record per line", async () => {
    expect(await written(WRITER_RECORDS, { format: 'lines' })).toBe(fixture('go-writer.ndjson').toString('utf8'));
  });

  it('the spec example, derived by hand from Go rules', async () => {
    const records: RecordToWrite[] = [
      { key: 'user/42', value: utf8('{"name":"Ada"}'), metadata: { version: 3, owner: 'auth' }, expiry: 3_600_000 },
      { key: 'flag/dark', value: utf8('true'), metadata: {}, expiry: 0 },
    ];
    expect(await written(records, { format: 'array' })).toBe(
      '[{"key":"user/42","value":"eyJuYW1lIjoiQWRhIn0=","metadata":{"owner":"auth","version":3},"expiry":3600000000000},' +
        '{"key":"flag/dark","value":"dHJ1ZQ==","metadata":{}}]',
    );
  });

  it('strings: every ASCII character as Go (>= 1.22) escapes it, with HTML escaping on', () => {
    const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join('');
    const shortEscapes: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
    let expected = '';
    for (let c = 0; c < 128; c++) {
      if (shortEscapes[c]) expected += shortEscapes[c];
      else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
        expected += `\\u00${c.toString(16).padStart(2, '0')}`;
      else if (c === 0x22) expected += '\\"';
      else if (c === 0x5c) expected += '\\\\';
      else expected += String.fromCharCode(c);
    }
    expect(encodeGoRecord({ key: `k${ascii}`, value: new Uint8Array(0) })).toBe(
      `{"key":"k${expected}","value":"","metadata":{}}`,
    );
  });

  it('strings: U+2028 and U+2029 escaped, other characters raw UTF-8', () => {
    expect(encodeGoRecord({ key: 'a\u2028b\u2029c\u00e9\u{1f600}\uffff', value: new Uint8Array(0) })).toBe(
      '{"key":"a\\u2028b\\u2029c\u00e9\u{1f600}\uffff","value":"","metadata":{}}',
    );
  });

  it('metadata: keys in UTF-8 byte order at every depth, -0 kept, undefined properties left out', () => {
    const metadata = {
      b: { z: 1, a: [{ y: 2, x: undefined, w: -0 }] },
      a: 1.5e-7,
      '\u{10000}': 1,
      '\uffff': 2,
      gone: undefined,
    };
    expect(encodeGoRecord({ key: 'k', value: new Uint8Array(0), metadata })).toBe(
      '{"key":"k","value":"","metadata":{"a":1.5e-7,"b":{"a":[{"w":-0,"y":2}],"z":1},"\uffff":2,"\u{10000}":1}}',
    );
  });

  it('expiry: milliseconds as exact integer nanoseconds, left out when 0, a fraction rounded up', () => {
    const line = (expiry: number) => encodeGoRecord({ key: 'k', value: new Uint8Array(0), expiry });
    expect(line(0)).toBe('{"key":"k","value":"","metadata":{}}');
    expect(line(1)).toBe('{"key":"k","value":"","metadata":{},"expiry":1000000}');
    expect(line(1.2)).toBe('{"key":"k","value":"","metadata":{},"expiry":2000000}');
    expect(line(9_223_372_036_854)).toBe('{"key":"k","value":"","metadata":{},"expiry":9223372036854000000}');
  });

  it('no records: [] for an array, nothing for lines', async () => {
    expect(await written([], { format: 'array' })).toBe('[]');
    expect(await written([], { format: 'lines' })).toBe('');
  });
});

describe('the store dump writer', () => {
  const namespaces = [
    { database: 'micro', table: 'micro' },
    { database: 'micro', table: 'empty' },
    { database: 'shop', table: 'orders' },
  ];
  const records = [
    { database: 'micro', table: 'micro', key: 'a', value: utf8('1'), metadata: {} },
    { database: 'micro', table: 'micro', key: 'b', value: new Uint8Array(0), metadata: { x: 1 }, expiry: 60_000 },
    { database: 'shop', table: 'orders', key: 'order/1', value: Uint8Array.of(0, 255), metadata: {} },
  ];
  const exportedAt = new Date('2024-05-01T12:30:00Z');

  it('writes the header, one line per record with its namespace, and the end line', async () => {
    expect(await written(records, { format: 'dump', namespaces, exportedAt })).toBe(
      [
        '{"format":"store-inspector-dump","version":1,"exportedAt":"2024-05-01T12:30:00Z","namespaces":[' +
          '{"database":"micro","table":"micro"},{"database":"micro","table":"empty"},{"database":"shop","table":"orders"}]}',
        '{"database":"micro","table":"micro","key":"a","value":"MQ==","metadata":{}}',
        '{"database":"micro","table":"micro","key":"b","value":"","metadata":{"x":1},"expiry":60000000000}',
        '{"database":"shop","table":"orders","key":"order/1","value":"AP8=","metadata":{}}',
        '{"end":{"records":3}}',
        '',
      ].join('\n'),
    );
  });

  it('its lines are what Go writes for the header struct and the DumpLine struct (go-dump.ndjson)', async () => {
    const go = fixture('go-dump.ndjson').toString('utf8').split('\n');
    const ours = (await written(records, { format: 'dump', namespaces, exportedAt })).split('\n');
    // The first three lines; Go's fourth has "metadata":null, which our writer spells {}.
    expect(ours.slice(0, 3)).toEqual(go.slice(0, 3));
    expect(go[3]).toBe(ours[3]!.replace('"metadata":{}', '"metadata":null'));
  });

  it('reads back with the same namespaces and records', async () => {
    const text = await written(records, { format: 'dump', namespaces, exportedAt });
    const back = await readAllRecords(chunked(text, 7));
    expect(back.map((r) => [r.database, r.table, r.key, Buffer.from(r.value).toString('hex'), r.expiryNs])).toEqual([
      ['micro', 'micro', 'a', '31', null],
      ['micro', 'micro', 'b', '', 60_000_000_000n],
      ['shop', 'orders', 'order/1', '00ff', null],
    ]);
  });

  it('an empty store still lists its tables', async () => {
    const text = await written([], { format: 'dump', namespaces, exportedAt });
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('"namespaces":[{"database":"micro","table":"micro"}');
    expect(text.endsWith('{"end":{"records":0}}\n')).toBe(true);
  });

  it('refuses a record whose namespace is not in the header', async () => {
    const writer = new RecordsWriter(new Collector(), { format: 'dump', namespaces });
    expect(() => writer.write({ database: 'x', table: 'y', key: 'k', value: new Uint8Array(0) })).toThrow(
      'namespace x/y is not among the dump',
    );
    expect(() => writer.write({ key: 'k', value: new Uint8Array(0) })).toThrow('needs its database and table');
  });
});

describe('round trip under Go rules', () => {
  /** What Go reads back: value bytes, metadata, and expiry as ms * 1e6 ns. */
  const asGoSees = (records: RecordToWrite[]) =>
    records.map((r) => ({
      key: r.key,
      value: Buffer.from(r.value).toString('hex'),
      metadata: JSON.parse(JSON.stringify(r.metadata ?? {})),
      expiryNs: BigInt(Math.ceil(r.expiry ?? 0)) * 1_000_000n,
    }));
  const normal = (records: { key: string; value: Uint8Array; metadata: unknown; expiryNs: bigint | null }[]) =>
    records.map((r) => ({
      key: r.key,
      value: Buffer.from(r.value).toString('hex'),
      metadata: r.metadata,
      expiryNs: r.expiryNs ?? 0n,
    }));

  it('the independent Go-rules decoder reads the array and the lines back to the same records', async () => {
    const expected = asGoSees(WRITER_RECORDS);
    expect(normal(goDecodeArray(await written(WRITER_RECORDS, { format: 'array' })))).toEqual(expected);
    expect(normal(goDecodeLines(await written(WRITER_RECORDS, { format: 'lines' })))).toEqual(expected);
  });

  it('our own reader reads them back too', async () => {
    const expected = asGoSees(WRITER_RECORDS);
    for (const format of ['array', 'lines'] as const) {
      const text = await written(WRITER_RECORDS, { format });
      expect(normal(await readAllRecords(chunked(text, 3)))).toEqual(expected);
    }
  });

  it('random binary values and odd keys survive', async () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const records: RecordToWrite[] = Array.from({ length: 300 }, (_, i) => ({
      key: `${i}/${String.fromCodePoint(...Array.from({ length: 5 }, () => random() % 0x3000))}`,
      value: Uint8Array.from(Array.from({ length: random() % 40 }, () => random() % 256)),
      metadata: { n: random(), s: String.fromCharCode(random() % 128) },
      expiry: random() % 3 === 0 ? 0 : random(),
    }));
    const expected = asGoSees(records);
    const text = await written(records, { format: 'lines' });
    expect(normal(goDecodeLines(text))).toEqual(expected);
    expect(normal(await readAllRecords(chunked(text, 13)))).toEqual(expected);
  });
});

function holey(): unknown[] {
  const items: unknown[] = [];
  items[0] = 1;
  items[2] = 2;
  return items;
}

describe('what the writers refuse', () => {
  const record = (patch: Partial<RecordToWrite> & Record<string, unknown>): RecordToWrite => ({
    key: 'k',
    value: new Uint8Array(0),
    ...patch,
  });
  it.each([
    ['a negative expiry', record({ expiry: -1 }), /expiry must be a number of milliseconds >= 0/],
    ['a NaN expiry', record({ expiry: Number.NaN }), /expiry must be/],
    ['an empty key', record({ key: '' }), /non-empty key/],
    ['a lone surrogate in the key', record({ key: 'a\ud800' }), /not valid Unicode/],
    ['a string value', record({ value: 'x' as unknown as Uint8Array }), /must be a Uint8Array/],
    ['array metadata', record({ metadata: [] as unknown as Record<string, unknown> }), /metadata must be an object/],
    ['NaN in metadata', record({ metadata: { x: Number.NaN } }), /Go refuses NaN/],
    ['Infinity in metadata', record({ metadata: { x: [Number.POSITIVE_INFINITY] } }), /Go refuses NaN and infinities/],
    ['a Date in metadata', record({ metadata: { d: new Date(0) } }), /holds a Date/],
    ['a Map in metadata', record({ metadata: { m: new Map() } }), /holds a Map/],
    ['a BigInt in metadata', record({ metadata: { b: 1n } }), /holds bigint/],
    ['undefined in a metadata array', record({ metadata: { a: [undefined] } }), /array hole or undefined/],
    ['a hole in a metadata array', record({ metadata: { a: holey() } }), /array hole/],
  ])('%s', (_, input, message) => {
    expect(() => encodeGoRecord(input)).toThrow(message);
  });

  it('writes an expiry past int64 nanoseconds (292 years) as the longest time.Duration, not a failed export', () => {
    expect(encodeGoRecord(record({ expiry: 9_223_372_036_855 }))).toBe(
      '{"key":"k","value":"","metadata":{},"expiry":9223372036854775807}',
    );
  });

  it('a cycle in metadata', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    expect(() => encodeGoRecord(record({ metadata: cyclic }))).toThrow('cycle');
  });
});

describe('streaming', () => {
  it('waits for drain: a slow stream never holds much more than one chunk', async () => {
    const out = new Collector(true, 4096);
    const records = Array.from({ length: 20_000 }, (_, i) => ({ key: `key/${i}`, value: utf8('x'.repeat(80)) }));
    const summary = await writeRecords(out, records, { format: 'lines' });
    expect(summary.records).toBe(20_000);
    expect(summary.bytes).toBe(Buffer.byteLength(out.text()));
    expect(summary.bytes).toBeGreaterThan(2_000_000);
    expect(out.maxBuffered).toBeLessThan(80 * 1024);
  });

  it('takes an async iterable of records', async () => {
    async function* source() {
      for (let i = 0; i < 3; i++) yield { key: `k${i}`, value: utf8('v') };
    }
    const out = new Collector();
    await writeRecords(out, source(), { format: 'array' });
    expect(goDecodeArray(out.text()).map((r) => r.key)).toEqual(['k0', 'k1', 'k2']);
  });

  it('a stream that fails rejects the write', async () => {
    const out = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    const records = Array.from({ length: 5000 }, (_, i) => ({ key: `key/${i}`, value: utf8('x'.repeat(80)) }));
    await expect(writeRecords(out, records, { format: 'lines' })).rejects.toThrow('disk full');
  });

  it('endStream: false leaves the stream open (stdout)', async () => {
    const out = new Collector();
    await writeRecords(out, [{ key: 'a', value: utf8('b') }], { format: 'lines', endStream: false });
    expect(out.writableEnded).toBe(false);
    expect(out.text()).toBe('{"key":"a","value":"Yg==","metadata":{}}\n');
  });
});
