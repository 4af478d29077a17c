/**
 * The bbolt cursor walked backwards (descending pages): `last`/`prev` visit exactly the forward walk reversed,
 * and `seekBefore(k)` lands on the greatest key below k, on trees several branch levels deep, with nested
 * buckets among the keys, and on inline buckets.
 */

import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../electron/common/key-order.js';
import { BboltFile, type BucketRoot, type Snapshot } from '../../electron/gomicro/bbolt-reader.js';
import { prefixSuccessor, walkRange } from '../../electron/gomicro/gomicro-range.js';
import { type BucketContent, writeBbolt } from '../gomicro/bbolt-writer.js';

function numbered(n: number): [string, string][] {
  return Array.from({ length: n }, (_, i) => [`key/${String(i * 2).padStart(6, '0')}`, `v${i}`]);
}

function view<T>(bytes: Buffer, fn: (snapshot: Snapshot, bucket: BucketRoot) => T): T {
  return BboltFile.fromBytes(bytes).view((snapshot) => {
    const bucket = snapshot.bucket(['data']);
    if (bucket === null) throw new Error('no data bucket');
    return fn(snapshot, bucket);
  });
}

function backwards(snapshot: Snapshot, bucket: BucketRoot, from?: string): string[] {
  const cursor = snapshot.cursor(bucket);
  const keys: string[] = [];
  const first = from === undefined ? cursor.last() : cursor.seekBefore(Buffer.from(from));
  for (let entry = first; entry !== null; entry = cursor.prev()) keys.push(entry.key.toString());
  return keys;
}

describe('the cursor walked backwards', () => {
  it('last/prev visit every key of a deep tree in reverse order', () => {
    const entries = numbered(3000);
    const file = writeBbolt({ data: { entries } }, { maxLeafElements: 5, maxBranchElements: 3 });
    const keys = view(file.bytes, (snapshot, bucket) => backwards(snapshot, bucket));
    expect(keys).toEqual(entries.map(([key]) => key).reverse());
  });

  it('seekBefore lands on the greatest key below the bound: a key, between keys, before all, after all', () => {
    const entries = numbered(500);
    const file = writeBbolt({ data: { entries } }, { maxLeafElements: 4, maxBranchElements: 3 });
    const all = entries.map(([key]) => key);
    const bounds = ['key/000000', 'key/000001', 'key/000500', 'key/000501', 'key/000998', 'key/000999', 'a', 'z', ''];
    view(file.bytes, (snapshot, bucket) => {
      for (const bound of bounds) {
        const want = all.filter((key) => compareKeys(key, bound) < 0).reverse();
        expect(backwards(snapshot, bucket, bound), bound).toEqual(want);
      }
    });
  });

  it('works on an inline bucket and on an empty one', () => {
    const small = writeBbolt({
      data: {
        entries: [
          ['a', '1'],
          ['b', '2'],
          ['c', '3'],
        ],
        inline: true,
      },
    });
    expect(small.bucketRoots.get('data')).toBe(0);
    view(small.bytes, (snapshot, bucket) => {
      expect(backwards(snapshot, bucket)).toEqual(['c', 'b', 'a']);
      expect(backwards(snapshot, bucket, 'b')).toEqual(['a']);
    });
    const empty = writeBbolt({ data: { entries: [] } });
    view(empty.bytes, (snapshot, bucket) => {
      expect(backwards(snapshot, bucket)).toEqual([]);
      expect(backwards(snapshot, bucket, 'x')).toEqual([]);
    });
  });

  it('after a backward walk, a forward seek on the same cursor walks forward again', () => {
    const entries = numbered(100);
    const file = writeBbolt({ data: { entries } }, { maxLeafElements: 4 });
    view(file.bytes, (snapshot, bucket) => {
      const cursor = snapshot.cursor(bucket);
      expect(cursor.last()?.key.toString()).toBe('key/000198');
      expect(cursor.prev()?.key.toString()).toBe('key/000196');
      expect(cursor.seek(Buffer.from('key/000010'))?.key.toString()).toBe('key/000010');
      expect(cursor.next()?.key.toString()).toBe('key/000012');
    });
  });
});

describe('walkRange', () => {
  it('skips nested buckets both ways and stops at the edge of the prefix', () => {
    const entries = numbered(40);
    const buckets: Record<string, BucketContent> = {
      'key/000011': { entries: [['x', '1']] },
      'key/000013': { entries: [['y', '2']], inline: false },
    };
    const file = writeBbolt({ data: { entries, buckets } }, { maxLeafElements: 3 });
    const walk = (prefix: string, order: 'asc' | 'desc', after: string | null = null) =>
      view(file.bytes, (snapshot, bucket) => {
        const keys: string[] = [];
        const range = { prefix: Buffer.from(prefix), after: after === null ? null : Buffer.from(after), order };
        walkRange(snapshot, bucket, range, (entry) => keys.push(entry.key.toString()) > 0);
        return keys;
      });
    const tens = ['key/000010', 'key/000012', 'key/000014', 'key/000016', 'key/000018'];
    expect(walk('key/00001', 'asc')).toEqual(tens);
    expect(walk('key/00001', 'desc')).toEqual([...tens].reverse());
    expect(walk('key/00001', 'desc', 'key/000014')).toEqual(['key/000012', 'key/000010']);
    expect(walk('key/00001', 'asc', 'key/000013')).toEqual(['key/000014', 'key/000016', 'key/000018']);
    expect(walk('', 'desc', 'key/000004')).toEqual(['key/000002', 'key/000000']);
  });
});

describe('prefixSuccessor', () => {
  it('is the smallest byte string above every key with the prefix', () => {
    expect(prefixSuccessor(Buffer.from('user/'))).toEqual(Buffer.from('user0'));
    expect(prefixSuccessor(Buffer.from([0x61, 0xff, 0xff]))).toEqual(Buffer.from([0x62]));
    expect(prefixSuccessor(Buffer.from([0xff]))).toBeNull();
    expect(prefixSuccessor(Buffer.alloc(0))).toBeNull();
  });
});
