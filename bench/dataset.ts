import type { InspectorStore } from '../electron/store/index.js';

/** The benchmark data: realistic keys (`order/3fa2c91b`), 100-byte values, small metadata. */

export const KINDS = ['user', 'order', 'session', 'cart', 'flag', 'invoice', 'device', 'job'] as const;

/** A stable pseudo-random 32-bit mix, so every run and both sides see the same keys. */
export function mix(index: number): number {
  let x = (index + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export function keyOf(index: number): string {
  return `${KINDS[index % KINDS.length]}/${mix(index).toString(16).padStart(8, '0')}-${index.toString(36)}`;
}

export function recordValue(index: number): Buffer {
  const text = `{"id":${index},"name":"record ${index}","tags":["a","b"],"padding":"`;
  return Buffer.from(`${text.padEnd(98, 'x').slice(0, 98)}"}`);
}

export function metadataOf(index: number): Record<string, unknown> {
  return { kind: KINDS[index % KINDS.length], v: index % 10 };
}

/** The first `count` records of the dataset in one namespace, batch by batch, then the key index filled. */
export async function loadDataset(store: InspectorStore, count: number, batch = 10_000): Promise<void> {
  const namespace = { database: 'micro', table: 'micro' };
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const records = Array.from({ length: size }, (_, offset) => ({
      key: keyOf(start + offset),
      value: recordValue(start + offset),
      metadata: metadataOf(start + offset),
    }));
    await store.writeMany(namespace, records);
  }
  while ((await store.indexKeys(100_000)) > 0);
}
