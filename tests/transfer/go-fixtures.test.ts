/**
 * Files written by Go's own encoding/json (tests/fixtures/records-json, made by gen/main.go) import into a
 * store as exactly the records Go wrote, checked through the Store: key, value bytes, metadata and expiry.
 * Exports of those records read back under Go's rules (tests/records-json/go-rules-decoder.ts, which shares
 * no code with the exporter) as the same records.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { NotFoundError } from '../../electron/store/index.js';
import { type GoRecord, goDecodeArray, goDecodeLines } from '../records-json/go-rules-decoder.js';
import { exportFile, fixturePath, importFile, MICRO, openStore, workspace } from './helpers.js';

interface Expected {
  key: string;
  value: Buffer;
  metadata: Record<string, unknown>;
  /** As Go wrote it; null when left out. */
  expiryNs: bigint | null;
}

const text = (s: string) => Buffer.from(s, 'utf8');

/** gen/main.go's readerRecords(), written out by hand. */
const GO_RECORDS: Expected[] = [
  {
    key: 'user/42',
    value: text('{"name":"Ada"}'),
    metadata: { owner: 'auth', version: 3 },
    expiryNs: 3_600_000_000_000n,
  },
  { key: 'flag/dark', value: text('true'), metadata: {}, expiryNs: null },
  { key: 'bin/zeros', value: Buffer.from([0, 1, 2, 0, 255, 254, 0, 0x80]), metadata: {}, expiryNs: null },
  { key: 'empty/value', value: Buffer.alloc(0), metadata: {}, expiryNs: 1n },
  { key: 'null/value', value: Buffer.alloc(0), metadata: {}, expiryNs: null },
  {
    key: 'html/<b>&amp;</b>',
    value: text("<script>alert('&')</script>"),
    metadata: { tag: '<i>&</i>' },
    expiryNs: null,
  },
  {
    key: 'unicode/ключ/日本/😀',
    value: text('héllo wörld ✓'),
    metadata: { ünï: 'cödé', '😀': 'smile' },
    expiryNs: null,
  },
  { key: 'sep/\u2028\u2029', value: text('\u2028'), metadata: {}, expiryNs: null },
  { key: 'ctl/\t\n\r"\\\x01\x1f\x7f', value: Buffer.alloc(0), metadata: {}, expiryNs: null },
  {
    key: 'nested/meta',
    value: text('x'),
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
  { key: 'expiry/ns', value: text('1.5ms'), metadata: {}, expiryNs: 1_500_000n },
  { key: 'expiry/negative', value: text('gone'), metadata: {}, expiryNs: -5_000_000_000n },
  { key: 'expiry/max', value: text('forever-ish'), metadata: {}, expiryNs: 9223372036854775807n },
  { key: 'expiry/min', value: text('long gone'), metadata: {}, expiryNs: -9223372036854775808n },
];

const expiredInFile = (record: Expected) => record.expiryNs !== null && record.expiryNs < 0n;
const LIVE = GO_RECORDS.filter((record) => !expiredInFile(record));
const EXPIRED = GO_RECORDS.filter(expiredInFile);

/** The Store's ms of life for a file's nanoseconds: rounded up, so that 1 ns is not "never". */
function lifeMs(ns: bigint | null): number | null {
  if (ns === null) return null;
  return Number((ns + 999_999n) / 1_000_000n);
}

describe('importing files that Go wrote', () => {
  it.each([
    ['go-records.json', 'array'],
    ['go-records-indented.json', 'array'],
    ['go-records.ndjson', 'lines'],
  ] as const)(
    '%s imports to exactly the records Go wrote; negative expiry skipped and counted',
    async (name, format) => {
      const ws = workspace();
      const before = Date.now();
      const report = await importFile(ws.store, fixturePath(name));
      const after = Date.now();
      expect(report).toMatchObject({
        format,
        records: GO_RECORDS.length,
        written: LIVE.length,
        overwritten: 0,
        existing: 0,
        skippedExisting: 0,
        skippedExpired: EXPIRED.length,
        tables: 1,
        dryRun: false,
      });

      const store = openStore(ws.store);
      for (const expected of LIVE) {
        const detail = await store.inspect(MICRO, expected.key, 1 << 20);
        expect(detail.key).toBe(expected.key);
        expect(Buffer.from(detail.value).equals(expected.value), `value of ${JSON.stringify(expected.key)}`).toBe(true);
        expect(detail.size).toBe(expected.value.length);
        expect(detail.metadata).toStrictEqual(expected.metadata);
        expect(detail.updatedAt).toBeGreaterThanOrEqual(before);
        expect(detail.updatedAt).toBeLessThanOrEqual(after);
        const life = lifeMs(expected.expiryNs);
        if (life === null) expect(detail.expiresAt).toBeNull();
        // Exact: the record's life is counted from the moment it was written (updatedAt).
        else expect(detail.expiresAt! - detail.updatedAt).toBe(life);
      }
      for (const expired of EXPIRED) {
        await expect(store.inspect(MICRO, expired.key, 10)).rejects.toBeInstanceOf(NotFoundError);
      }
      const [micro] = await store.databases();
      const table = micro?.tables[0];
      expect(micro?.database).toBe('micro');
      expect((table?.count ?? 0) + (table?.expired ?? 0)).toBe(LIVE.length);
      // Integers around 2^53 survive exactly, as Go's float64 reads them.
      const nested = await store.read('nested/meta');
      expect(nested[0]?.metadata).toMatchObject({ max: 2 ** 53, maxm1: 2 ** 53 - 1, min: -(2 ** 53 - 1) });
    },
  );

  it('a store dump written by Go restores its databases and tables, the empty one included', async () => {
    const ws = workspace();
    const report = await importFile(ws.store, fixturePath('go-dump.ndjson'));
    expect(report).toMatchObject({ format: 'dump', records: 4, written: 4, skippedExpired: 0, tables: 3 });
    const store = openStore(ws.store);
    expect(await store.databases()).toEqual([
      {
        database: 'micro',
        tables: [
          { table: 'empty', count: 0, expired: 0 },
          { table: 'micro', count: 2, expired: 0 },
        ],
      },
      { database: 'shop', tables: [{ table: 'orders', count: 2, expired: 0 }] },
    ]);
    const orders = { database: 'shop', table: 'orders' };
    const order = await store.inspect(orders, 'order/1', 100);
    expect(Buffer.from(order.value)).toEqual(Buffer.from([0, 0xff]));
    expect(order.metadata).toEqual({});
    expect(Buffer.from((await store.inspect(orders, 'a', 100)).value).toString()).toBe('same key, other table');
    expect(Buffer.from((await store.inspect(MICRO, 'a', 100)).value).toString()).toBe('1');
    const b = await store.inspect(MICRO, 'b', 100);
    expect(b.metadata).toEqual({ x: 1 });
    expect(b.expiresAt! - b.updatedAt).toBe(60_000);
  });
});

describe('exports read back under Go rules', () => {
  /** Checks Go-decoded exported records against what Go originally wrote. */
  function expectSameAsGo(decoded: GoRecord[], exportStarted: number, importedAt: number) {
    const elapsedNs = BigInt(Date.now() - importedAt + 1) * 1_000_000n;
    const exportElapsedMs = Date.now() - exportStarted;
    const keys = decoded.map((record) => record.key);
    expect(keys).toEqual([...keys].sort(compareKeys));
    const byKey = new Map(decoded.map((record) => [record.key, record]));
    for (const expected of LIVE) {
      const got = byKey.get(expected.key);
      const life = lifeMs(expected.expiryNs);
      if (got === undefined) {
        // Only a record with a few ms to live may have expired between the import and the export.
        expect(life, `missing ${JSON.stringify(expected.key)}`).not.toBeNull();
        expect(life!).toBeLessThanOrEqual(exportElapsedMs + Number(elapsedNs / 1_000_000n));
        continue;
      }
      expect(Buffer.from(got.value).equals(expected.value), `value of ${JSON.stringify(expected.key)}`).toBe(true);
      expect(got.metadata).toStrictEqual(expected.metadata);
      if (life === null) expect(got.expiryNs).toBe(0n);
      else {
        const stored = BigInt(life) * 1_000_000n;
        expect(got.expiryNs).toBeGreaterThan(0n);
        expect(got.expiryNs).toBeLessThanOrEqual(stored);
        expect(got.expiryNs).toBeGreaterThanOrEqual(stored - elapsedNs);
        expect(got.expiryNs % 1_000_000n).toBe(0n);
      }
    }
    for (const expired of EXPIRED) expect(byKey.has(expired.key)).toBe(false);
    expect(byKey.size).toBeGreaterThanOrEqual(LIVE.length - 2);
    expect(byKey.size).toBe(decoded.length);
  }

  it.each([
    ['array', goDecodeArray],
    ['lines', goDecodeLines],
  ] as const)(
    'a %s export of the Go records decodes to the same records (time left within the time passed)',
    async (format, decode) => {
      const ws = workspace();
      const importedAt = Date.now();
      await importFile(ws.store, fixturePath('go-records.json'));
      const started = Date.now();
      const { report, text: exported } = await exportFile(ws.store, join(ws.dir, `out.${format}`), {
        scope: { kind: 'table', namespace: MICRO },
        format,
      });
      const decoded = decode(exported);
      expect(report.records).toBe(decoded.length);
      expect(report.bytes).toBe(Buffer.byteLength(exported));
      expectSameAsGo(decoded, started, importedAt);
      if (format === 'array') expect(exported.endsWith(']')).toBe(true);
      else expect(exported.endsWith('}\n')).toBe(true);
      // Go's spellings: HTML escapes, U+2028/9 escaped, no raw '<', '>' or '&' anywhere.
      expect(exported).toContain('"html/\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e"');
      expect(exported).toContain('"sep/\\u2028\\u2029"');
      expect(exported).not.toMatch(/[<>&]/);
    },
  );

  it('a dump export decodes, line by line, to the same records with their namespaces', async () => {
    const ws = workspace();
    const importedAt = Date.now();
    await importFile(ws.store, fixturePath('go-records.ndjson'));
    await importFile(ws.store, fixturePath('go-dump.ndjson'));
    const started = Date.now();
    const { text: dump } = await exportFile(ws.store, join(ws.dir, 'out.ndjson'), {
      scope: { kind: 'dump' },
      format: 'dump',
    });
    const lines = dump.split('\n');
    expect(lines.pop()).toBe('');
    const header = JSON.parse(lines.shift() ?? '') as { format: string; version: number; namespaces: unknown[] };
    const end = JSON.parse(lines.pop() ?? '') as { end: { records: number } };
    expect(header).toMatchObject({
      format: 'store-inspector-dump',
      version: 1,
      namespaces: [
        { database: 'micro', table: 'empty' },
        { database: 'micro', table: 'micro' },
        { database: 'shop', table: 'orders' },
      ],
    });
    expect(end.end.records).toBe(lines.length);
    const micro = lines.filter((line) => line.startsWith('{"database":"micro","table":"micro",'));
    const shop = lines.filter((line) => line.startsWith('{"database":"shop","table":"orders",'));
    expect(micro.length + shop.length).toBe(lines.length);
    // The record lines are record lines with two more fields, which Go's decoder for store.Record ignores.
    const decodedMicro = goDecodeLines(micro.join('\n')).filter((r) => r.key !== 'a' && r.key !== 'b');
    expectSameAsGo(decodedMicro, started, importedAt);
    expect(goDecodeLines(shop.join('\n')).map((r) => r.key)).toEqual(['a', 'order/1']);
  });

  it('the exported array is byte for byte what json.Marshal writes for records without expiry', async () => {
    const ws = workspace();
    // go-writer.json: records written by Go with our spellings ("" and {}); keep those that never expire.
    const all = JSON.parse(readFileSync(fixturePath('go-writer.json'), 'utf8')) as { expiry?: number }[];
    const goBytes = readFileSync(fixturePath('go-writer.json'), 'utf8');
    const neverExpiring = goDecodeArray(goBytes).filter((record) => record.expiryNs === 0n);
    expect(neverExpiring.length).toBe(all.filter((record) => record.expiry === undefined).length);
    await importFile(ws.store, fixturePath('go-writer.json'));
    const store = openStore(ws.store);
    await store.deleteMany(
      MICRO,
      goDecodeArray(goBytes)
        .filter((record) => record.expiryNs !== 0n)
        .map((record) => record.key),
    );
    await store.close();
    const { text: exported } = await exportFile(ws.store, join(ws.dir, 'out.json'), {
      scope: { kind: 'table', namespace: MICRO },
      format: 'array',
    });
    // Go's own bytes for the same records, in key order (Go writes them in the order given).
    const goRecords = goBytes
      .slice(1, -1)
      .split(/,(?=\{"key")/)
      .filter((line) => !line.includes('"expiry"'))
      .sort((a, b) => compareKeys(goDecodeLines(a)[0]!.key, goDecodeLines(b)[0]!.key));
    expect(exported).toBe(`[${goRecords.join(',')}]`);
  });
});
