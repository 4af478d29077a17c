import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { BboltFile, type BucketRoot, type Snapshot } from '../../electron/gomicro/bbolt-reader.js';
import { type ByteSource, bufferSource } from '../../electron/gomicro/byte-source.js';
import { fnv64a, readMeta, writeBbolt, writeMeta } from './bbolt-writer.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'gomicro-file-store');

function allEntries(snapshot: Snapshot, bucket: BucketRoot): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const cursor = snapshot.cursor(bucket);
  for (let e = cursor.first(); e !== null; e = cursor.next()) out.push([e.key.toString('latin1'), e.value]);
  return out;
}

function readBucket(bytes: Buffer, path: string[]): [string, Buffer][] {
  return BboltFile.fromBytes(bytes).view((snap) => {
    const bucket = snap.bucket(path);
    if (bucket === null) throw new Error(`no bucket ${path.join('/')}`);
    return allEntries(snap, bucket);
  });
}

function numbered(n: number, value: (i: number) => string = (i) => `value-${i}`): [string, string][] {
  return Array.from({ length: n }, (_, i) => [`key/${String(i).padStart(7, '0')}`, value(i)]);
}

/** A source that counts page reads, to show that a seek does not scan. */
function countingSource(bytes: Buffer, counter: { reads: number }): () => ByteSource {
  return () => {
    const inner = bufferSource(bytes, 'counted');
    return {
      ...inner,
      read: (o, l) => {
        counter.reads++;
        return inner.read(o, l);
      },
    };
  };
}

describe('bbolt reader over files from the test writer', () => {
  it('walks a tree several branch levels deep in key order', () => {
    const entries = numbered(5000);
    const file = writeBbolt({ data: { entries } }, { maxLeafElements: 7, maxBranchElements: 4 });
    expect(file.pages.filter((p) => p.kind === 'branch').length).toBeGreaterThan(200);
    const got = readBucket(file.bytes, ['data']);
    expect(got.map(([k, v]) => [k, v.toString()])).toEqual(entries);
  });

  it('reads values spread over overflow pages', () => {
    const big = (i: number) => String.fromCharCode(97 + (i % 26)).repeat(i % 3 === 0 ? 100_000 : 20_000 + i);
    const entries = numbered(12, big);
    const file = writeBbolt({ data: { entries } });
    expect(file.pages.some((p) => p.overflow >= 24)).toBe(true);
    expect(readBucket(file.bytes, ['data']).map(([k, v]) => [k, v.toString()])).toEqual(entries);
  });

  it('reads nested and inline buckets, at every depth', () => {
    const file = writeBbolt({
      data: {
        entries: numbered(300),
        buckets: { small: { entries: [['a', '1']] }, paged: { entries: numbered(200), inline: false } },
      },
      top: { entries: [['only', 'one']], inline: true },
    });
    expect(file.bucketRoots.get('data/small')).toBe(0);
    expect(file.bucketRoots.get('top')).toBe(0);
    expect(readBucket(file.bytes, ['data', 'small'])).toEqual([['a', Buffer.from('1')]]);
    expect(readBucket(file.bytes, ['data', 'paged'])).toHaveLength(200);
    expect(readBucket(file.bytes, ['top'])).toEqual([['only', Buffer.from('one')]]);
    const flags = BboltFile.fromBytes(file.bytes).view((snap) => {
      const data = snap.bucket(['data']);
      return data === null ? null : snap.get(data, Buffer.from('small'))?.flags;
    });
    expect(flags).toBe(1);
    expect(BboltFile.fromBytes(file.bytes).view((snap) => snap.bucket(['data', 'missing']))).toBeNull();
  });

  it.each([1024, 2048, 8192, 65_536])('reads files with a page size of %i bytes', (pageSize) => {
    const entries = numbered(2000);
    const file = writeBbolt({ data: { entries } }, { pageSize });
    expect(readBucket(file.bytes, ['data']).map(([k]) => k)).toEqual(entries.map(([k]) => k));
  });

  it('seeks to the first key >= a probe, reading only one path of pages', () => {
    const entries = numbered(100_000, () => 'v');
    const file = writeBbolt({ data: { entries } }, { maxLeafElements: 50, maxBranchElements: 20 });
    const counter = { reads: 0 };
    const bbolt = BboltFile.fromSource('counted', countingSource(file.bytes, counter));
    for (const probe of ['key/0054321', 'key/00543215', 'key/', 'key/1', 'a', 'key/0099999']) {
      counter.reads = 0;
      const found = bbolt.view((snap) => {
        const bucket = snap.bucket(['data']);
        return bucket === null ? null : (snap.cursor(bucket).seek(Buffer.from(probe))?.key.toString() ?? null);
      });
      const want = entries.map(([k]) => k).find((k) => compareKeys(k, probe) >= 0);
      expect(found).toBe(want ?? null);
      expect(counter.reads).toBeLessThan(20);
    }
  });

  it('uses the valid meta page with the highest txid, and falls back when it is broken', () => {
    const file = writeBbolt({ data: { entries: numbered(10) } }, { txid: 7 });
    const meta = () => BboltFile.fromBytes(file.bytes).view((snap) => snap.meta);
    expect(meta()).toMatchObject({ txid: 7, slot: 1 });
    file.bytes.writeUInt32LE(0xdeadbeef, file.pageSize + 16 + 48);
    expect(meta()).toMatchObject({ txid: 6, slot: 0 });
    expect(readBucket(file.bytes, ['data'])).toHaveLength(10);
  });

  it('finds the page size from meta page 1 when meta page 0 is destroyed', () => {
    const file = writeBbolt({ data: { entries: numbered(50) } }, { pageSize: 16_384 });
    file.bytes.fill(0, 0, 16_384);
    expect(readBucket(file.bytes, ['data'])).toHaveLength(50);
  });

  it('starts over when the txid moved by two or more during a read (our pages may have been reused)', () => {
    const before = writeBbolt({ data: { entries: numbered(500, (i) => `old-${i}`) } }, { txid: 2 });
    const after = writeBbolt({ data: { entries: numbered(500, (i) => `new-${i}`) } }, { txid: 4 });
    let current = before.bytes;
    const bbolt = BboltFile.fromSource('live', () => liveSource(() => current));
    let calls = 0;
    const values = bbolt.view((snap) => {
      calls++;
      current = after.bytes;
      return dataValues(snap);
    });
    expect(calls).toBe(2);
    expect(values[0]).toBe('new-0');
  });

  it('starts over from a fresh meta page when a read fails on pages a writer is reusing', () => {
    const before = writeBbolt({ data: { entries: numbered(500, (i) => `old-${i}`) } }, { txid: 2 });
    const after = writeBbolt({ data: { entries: numbered(500, (i) => `new-${i}`) } }, { txid: 4 });
    const torn = Buffer.from(before.bytes);
    torn.fill(0xee, 3 * before.pageSize);
    writeMeta(torn, before.pageSize, 1, { ...readMeta(torn, before.pageSize, 1), txid: 3 });
    let current = before.bytes;
    const source = liveSource(() => current);
    const bbolt = BboltFile.fromSource('live', () => ({
      ...source,
      // The writer commits txid 4 right after we look at the torn state's meta page 0.
      read: (o, l) => {
        const bytes = source.read(o, l);
        if (o === 0 && current === torn) current = after.bytes;
        return bytes;
      },
    }));
    let calls = 0;
    const values = bbolt.view((snap) => {
      calls++;
      if (calls === 1) current = torn;
      return dataValues(snap);
    });
    expect(calls).toBe(2);
    expect(values[499]).toBe('new-499');
  });

  it('gives up after a bounded number of fresh starts on a file that keeps changing', () => {
    const files = Array.from({ length: 60 }, (_, i) =>
      writeBbolt({ data: { entries: numbered(5) } }, { txid: 2 + 3 * i }),
    );
    let turn = 0;
    const bbolt = BboltFile.fromSource('busy', () => liveSource(() => files[turn++]?.bytes ?? Buffer.alloc(0)));
    let calls = 0;
    const values = bbolt.view(
      (snap) => {
        calls++;
        return dataValues(snap);
      },
      { attempts: 3 },
    );
    expect(calls).toBe(3);
    expect(values).toHaveLength(5);
  });
});

function dataValues(snap: Snapshot): string[] {
  const bucket = snap.bucket(['data']);
  return bucket === null ? [] : allEntries(snap, bucket).map(([, v]) => v.toString());
}

/** A file whose bytes change under the reader, as a live service's file does. */
function liveSource(bytes: () => Buffer): ByteSource {
  return {
    name: 'live',
    size: () => bytes().length,
    read: (o, l) => bytes().subarray(o, o + l),
    close: () => {},
  };
}

describe('the test writer against files written by Go', () => {
  it('computes the same meta checksums as Go bbolt', () => {
    for (const name of ['micro/users.db', 'micro/empty.db', 'service/orders.db']) {
      const bytes = readFileSync(join(FIXTURES, name));
      for (const slot of [0, 1]) {
        const at = slot * 4096 + 16;
        expect(fnv64a(bytes.subarray(at, at + 56))).toBe(bytes.readBigUInt64LE(at + 56));
      }
    }
  });

  it('rewrites the records of a Go file into a file that reads back identical', () => {
    const goFile = readFileSync(join(FIXTURES, 'service', 'orders.db'));
    const fromGo = readBucket(goFile, ['data']);
    expect(fromGo).toHaveLength(2700);
    const rewritten = writeBbolt({ data: { entries: fromGo.map(([k, v]) => [Buffer.from(k, 'latin1'), v] as const) } });
    const asText = (entries: [string, Buffer][]) => entries.map(([k, v]) => `${k}=${v.toString('base64')}`);
    expect(asText(readBucket(rewritten.bytes, ['data']))).toEqual(asText(fromGo));
  });
});
