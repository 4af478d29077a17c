/**
 * What the reader accepts, following Go's json.Unmarshal into []*store.Record, and how it streams: batches,
 * progress, early stop, cancellation.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { expiryNsToMs, openRecordsReader } from '../../electron/records-json/index.js';
import { chunked, hex, readError, readPlain } from './helpers.js';

async function one(json: string) {
  const records = await readPlain(`[${json}]`);
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe('what Go accepts, we accept', () => {
  it('value: null, "" and a missing value are all empty', async () => {
    expect((await one('{"key":"a","value":null}')).value).toBe('');
    expect((await one('{"key":"a","value":""}')).value).toBe('');
    expect((await one('{"key":"a"}')).value).toBe('');
  });

  it('value: base64 with \\r and \\n anywhere, as Go ignores them', async () => {
    expect((await one('{"key":"a","value":"aG\\nk="}')).value).toBe(hex('hi'));
    expect((await one('{"key":"a","value":"aGk\\r\\n="}')).value).toBe(hex('hi'));
    expect((await one('{"key":"a","value":"aGk=\\n"}')).value).toBe(hex('hi'));
    expect((await one('{"key":"a","value":"\\n"}')).value).toBe('');
  });

  it('value: padding bits need not be zero (Go is not strict about them)', async () => {
    expect((await one('{"key":"a","value":"aGl="}')).value).toBe(hex('hi'));
  });

  it('metadata: null and missing are {}; nested objects and arrays are kept', async () => {
    expect((await one('{"key":"a","metadata":null}')).metadata).toEqual({});
    expect((await one('{"key":"a"}')).metadata).toEqual({});
    expect((await one('{"key":"a","metadata":{"a":{"b":[1,{"c":null}]}}}')).metadata).toEqual({
      a: { b: [1, { c: null }] },
    });
  });

  it('expiry: missing, null, 0 and -0 all mean never; the last of duplicates wins, as in Go', async () => {
    for (const expiry of ['', ',"expiry":null', ',"expiry":0', ',"expiry":-0']) {
      expect((await one(`{"key":"a"${expiry}}`)).expiryNs).toBe(null);
    }
    expect((await one('{"key":"a","expiry":1.5,"expiry":7}')).expiryNs).toBe(7n);
    expect((await one('{"key":"a","expiry":7,"metadata":{},"Expiry":8}')).expiryNs).toBe(8n);
    expect((await one('{"key":"a","expiry":9,"expiry":null}')).expiryNs).toBe(null);
  });

  it('expiry: read from the raw text, so no precision is lost beyond 2^53', async () => {
    expect((await one('{"key":"a","expiry":9007199254740993}')).expiryNs).toBe(9007199254740993n);
    expect((await one('{\n "expiry" : 9223372036854775807 ,\n "key": "a"\n}')).expiryNs).toBe(9223372036854775807n);
  });

  it('field names match without regard to case, as Go matches them; unknown fields are ignored', async () => {
    const record = await one(
      '{"KEY":"a","Value":"aGk=","METADATA":{"x":1},"eXpIrY":5,"extra":{"key":"no"},"\u212aey2":1,"other":[1,2]}',
    );
    expect(record).toEqual({ index: 0, key: 'a', value: hex('hi'), metadata: { x: 1 }, expiryNs: 5n });
    expect((await one('{"\u212aey":"kelvin"}')).key).toBe('kelvin');
  });

  it('any JSON escape is accepted, surrogate pairs included', async () => {
    const record = await one('{"key":"\\u003c\\u003e\\u0026\\/\\b\\f\\n\\r\\t\\"\\\\\\ud83d\\ude00\\u00e9"}');
    expect(record.key).toBe('<>&/\b\f\n\r\t"\\😀é');
  });

  it('a key may hold NUL and any valid Unicode', async () => {
    expect((await one('{"key":"a\\u0000b"}')).key).toBe('a\u0000b');
    expect((await one('{"key":"\uffff\u{10ffff}"}')).key).toBe('\uffff\u{10ffff}');
  });

  it('record lines: blank lines and CRLF line ends are fine, and so is one record over several lines', async () => {
    const text = '\n{"key":"a"}\r\n\r\n  {"key":"b"}\n{\n"key":\n"c"\n}\n\n';
    expect((await readPlain(text)).map((r) => [r.index, r.key])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
  });

  it('a 5 MB value in one record', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 7);
    const text = `{"key":"big","value":"${big.toString('base64')}","expiry":1}\n`;
    const records = await readPlain(text, {}, 65536);
    expect(records[0]!.value).toBe(big.toString('hex'));
    expect(records[0]!.expiryNs).toBe(1n);
  });

  it('big records (over 1 MB of text) follow the same rules', async () => {
    const bytes = Buffer.alloc(1024 * 1024, 0xab);
    const b64 = bytes.toString('base64');
    const wrapped = b64.replace(/.{76}/g, '$&\\r\\n');
    const records = await readPlain(
      [
        `{"key":"a","Value":"${b64}","metadata":{"v":"${'x'.repeat(10)}"}}`,
        `{"key":"b","value":"${wrapped}","value":"${b64}"}`,
        `{"key":"c","value":"${wrapped}"}`,
      ].join('\n'),
    );
    expect(records.map((r) => [r.key, r.value === bytes.toString('hex'), r.metadata])).toEqual([
      ['a', true, { v: 'xxxxxxxxxx' }],
      ['b', true, {}],
      ['c', true, {}],
    ]);
    const bad = await readError(`{"key":"big","value":"${b64.slice(0, -4)}-AAA"}`);
    expect(bad.message).toMatch(/^record 1 \("big"\): value is not base64: illegal character "-" at offset \d+/);
    const broken = await readError(`{"key":"big","value":"${b64}" "expiry":1}`);
    expect(broken.message).toBe(
      `line 1, column ${b64.length + 25} (byte ${b64.length + 24}): expected ',' or '}' after a field`,
    );
    const raw = await readError(`{"key":"big","value":"${b64.slice(0, -4)}\tAAA"}`);
    expect(raw.message).toMatch(/value is not base64: illegal character "\\t"/);
  });
});

describe('expiryNsToMs', () => {
  it('rounds time left up to whole milliseconds, so that 1 ns is not "never"', () => {
    expect(expiryNsToMs(null)).toBe(0);
    expect(expiryNsToMs(1n)).toBe(1);
    expect(expiryNsToMs(1_000_000n)).toBe(1);
    expect(expiryNsToMs(1_000_001n)).toBe(2);
    expect(expiryNsToMs(3_600_000_000_000n)).toBe(3_600_000);
    expect(expiryNsToMs(9223372036854775807n)).toBe(9223372036855);
    expect(expiryNsToMs(-5_000_000_000n)).toBe(-5000);
  });
});

function lines(n: number): string {
  return Array.from({ length: n }, (_, i) => `{"key":"k${i}","value":"aGk="}\n`).join('');
}

describe('streaming', () => {
  it('hands out batches of at most batchSize records, in order, and counts bytes read', async () => {
    const text = lines(2500);
    const reader = await openRecordsReader(chunked(text, 1000), { batchSize: 1000 });
    const sizes: number[] = [];
    let next = 0;
    for await (const batch of reader.batches()) {
      sizes.push(batch.length);
      for (const record of batch) expect(record.index).toBe(next++);
      expect(reader.recordsRead).toBe(next);
    }
    expect(next).toBe(2500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000 + 40);
    expect(reader.bytesRead).toBe(Buffer.byteLength(text));
  });

  it('stopping early releases the input stream', async () => {
    const stream = chunked(lines(1000), 100);
    const reader = await openRecordsReader(stream, { batchSize: 10 });
    for await (const record of reader) {
      if (record.index === 5) break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('close() before reading releases the input too', async () => {
    const stream = chunked(lines(10), 5);
    const reader = await openRecordsReader(stream);
    await reader.close();
    expect(stream.destroyed).toBe(true);
  });

  it('an abort signal stops the read between chunks', async () => {
    const controller = new AbortController();
    const reader = await openRecordsReader(chunked(lines(1000), 100), { signal: controller.signal, batchSize: 10 });
    const read = (async () => {
      for await (const record of reader) if (record.index === 20) controller.abort(new Error('cancelled by the user'));
    })();
    await expect(read).rejects.toThrow('cancelled by the user');
  });

  it('a failure of the input stream rejects the read', async () => {
    async function* failing() {
      yield Buffer.from('{"key":"a"}\n');
      throw new Error('disk on fire');
    }
    const reader = await openRecordsReader(Readable.from(failing()));
    await expect(
      (async () => {
        for await (const _ of reader) {
          // drain
        }
      })(),
    ).rejects.toThrow('disk on fire');
  });

  it('memory: a long stream is read with a small heap (objects are dropped once decoded)', async () => {
    function* generate() {
      const line = `{"key":"k","value":"${'QUJD'.repeat(25)}","metadata":{"a":1},"expiry":1000}\n`;
      const chunk = line.repeat(500);
      for (let i = 0; i < 1200; i++) yield Buffer.from(chunk);
    }
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    const reader = await openRecordsReader(Readable.from(generate()));
    for await (const batch of reader.batches()) {
      count += batch.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    // 78 MB of JSON went through: kept as decoded records it would take several hundred MB of heap.
    // The bound leaves room for a garbage collector that runs late on a busy machine.
    expect(count).toBe(600_000);
    expect(peak).toBeLessThan(96 * 1024 * 1024);
  });
});
