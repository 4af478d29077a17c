/**
 * A batch reports what it did and keeps each table's count right: new keys are written, existing ones
 * overwritten, a key given twice is one record, and a long import across tables counts each table apart.
 */
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../electron/store/index.js';

const NS = { database: 'micro', table: 'batch' };
const OTHER = { database: 'shop', table: 'orders' };

describe('a batch write', () => {
  it('reports new and overwritten records and counts a key given twice once', async () => {
    const store = createSqliteStore();
    await store.writeMany(NS, [
      { key: 'a', value: '1' },
      { key: 'b', value: '1' },
    ]);
    const report = await store.writeMany(NS, [
      { key: 'b', value: '2' },
      { key: 'c', value: '2', metadata: { kind: 'x', n: 1, ok: true, none: null } },
      { key: 'c', value: '3' },
      ...Array.from({ length: 150 }, (_, index) => ({ key: `many/${index}`, value: String(index) })),
    ]);
    expect(report).toEqual({ written: 151, overwritten: 2, skipped: 0 });
    expect(await store.count(NS, {})).toBe(153);
    expect((await store.read('c', NS))[0]).toMatchObject({ value: Buffer.from('3'), metadata: {} });
    await store.close();
  });

  it('keeps every table its own count in one import that writes to several', async () => {
    const store = createSqliteStore();
    await store.writeMany(NS, [{ key: 'old', value: '' }]);
    const session = store.beginBulk();
    session.write(
      NS,
      [{ key: 'old', value: 'x' }, ...Array.from({ length: 70 }, (_, index) => ({ key: `n/${index}`, value: '' }))],
      'overwrite',
    );
    session.write(
      OTHER,
      [
        { key: 'o/1', value: '' },
        { key: 'o/2', value: '' },
      ],
      'overwrite',
    );
    session.write(
      OTHER,
      [
        { key: 'o/2', value: '' },
        { key: 'o/3', value: '' },
      ],
      'skip',
    );
    session.commit();
    expect(session.report).toEqual({ written: 73, overwritten: 1, skipped: 1 });
    expect(await store.count(NS, {})).toBe(71);
    expect(await store.count(OTHER, {})).toBe(3);
    await store.close();
  });
});
