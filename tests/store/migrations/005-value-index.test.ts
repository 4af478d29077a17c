import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../electron/store/index.js';
import { INITIAL_SCHEMA } from '../../../electron/store/migrations/001-initial.js';
import { BOUNDED_BOOKKEEPING } from '../../../electron/store/migrations/002-bounded-bookkeeping.js';
import { METADATA_VALUES } from '../../../electron/store/migrations/003-metadata-values.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

/** A file as version 1, 2 or 3 of the app left it: text and binary values, metadata, two tables. */
function olderFile(path: string, version: 1 | 2 | 3) {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.exec(INITIAL_SCHEMA);
  if (version >= 2) db.exec(BOUNDED_BOOKKEEPING);
  if (version >= 3) db.exec(METADATA_VALUES);
  db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', 'store-inspector')").run();
  db.pragma(`user_version = ${version}`);
  const namespace = db.prepare('INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, 0)');
  namespace.run('micro', 'micro');
  namespace.run('shop', 'orders');
  const insert = db.prepare('INSERT INTO records (ns, key, value, metadata, updated_at) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let index = 0; index < 30; index++) {
      const value = index % 3 === 0 ? Buffer.from([0, index, 0xff]) : Buffer.from(`{"colour":"Blue-${index}"}`);
      insert.run(1, `k/${String(index).padStart(2, '0')}`, value, JSON.stringify({ n: index }), 1_000);
    }
    insert.run(2, 'order/1', Buffer.from('blue order'), null, 1_000);
  })();
  db.close();
}

describe('migration 004: value index', () => {
  for (const version of [1, 2, 3] as const) {
    it(`opens a version-${version} file, migrates it, and searches values before and after indexing`, async () => {
      const path = join(tempDirForTest(), `v${version}.db`);
      olderFile(path, version);
      const store = createSqliteStore({ path });
      expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
      expect(await store.count(NS, {})).toBe(30);
      expect(await store.read('k/03', NS)).toMatchObject([{ value: Buffer.from([0, 3, 0xff]), metadata: { n: 3 } }]);
      const blue = { valueContains: 'blue', valueCase: 'insensitive' } as const;
      const before = await store.page(NS, { filter: blue, order: 'asc', limit: 50 });
      expect(before.records).toHaveLength(20);
      while ((await store.indexKeys(7)) > 0);
      expect(await store.page(NS, { filter: blue, order: 'asc', limit: 50 })).toEqual(before);
      expect(await store.count(NS, { valueContains: 'Blue-1' })).toBe(8);
      expect(await store.count(NS, { valueContains: '\u0000' })).toBe(10);
      expect(await store.count({ database: 'shop', table: 'orders' }, blue)).toBe(1);
      await store.close();
    });
  }
});
