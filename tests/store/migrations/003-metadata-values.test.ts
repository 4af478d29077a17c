import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../electron/store/index.js';
import { INITIAL_SCHEMA } from '../../../electron/store/migrations/001-initial.js';
import { BOUNDED_BOOKKEEPING } from '../../../electron/store/migrations/002-bounded-bookkeeping.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';

const NS = { database: 'micro', table: 'micro' };

/** A file as version 1 or 2 of the app left it: records with metadata, one expired, in two tables. */
function olderFile(path: string, version: 1 | 2) {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  db.exec(INITIAL_SCHEMA);
  if (version === 2) db.exec(BOUNDED_BOOKKEEPING);
  db.prepare("INSERT INTO store_inspector (name, value) VALUES ('format', 'store-inspector')").run();
  db.pragma(`user_version = ${version}`);
  const namespace = db.prepare('INSERT INTO namespaces (database, "table", created_at) VALUES (?, ?, 0)');
  namespace.run('micro', 'micro');
  namespace.run('shop', 'orders');
  const insert = db.prepare(
    'INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let index = 0; index < 40; index++) {
      const metadata = JSON.stringify({ kind: index % 2 === 0 ? 'even' : 'odd', n: index });
      insert.run(1, `k/${String(index).padStart(2, '0')}`, Buffer.from([index]), metadata, null, 1_000);
    }
    insert.run(1, 'k/gone', Buffer.from('x'), JSON.stringify({ kind: 'even' }), 1, 1_000);
    insert.run(2, 'order/1', Buffer.from('o'), JSON.stringify({ kind: 'even' }), null, 1_000);
  })();
  db.close();
}

describe('migration 003: metadata values', () => {
  for (const version of [1, 2] as const) {
    it(`opens a version-${version} file, migrates it, and finds records by metadata before and after indexing`, async () => {
      const path = join(tempDirForTest(), `v${version}.db`);
      olderFile(path, version);
      const store = createSqliteStore({ path });
      expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
      expect(await store.count(NS, {})).toBe(40);
      expect(await store.read('k/07', NS)).toMatchObject([
        { value: Buffer.from([7]), metadata: { kind: 'odd', n: 7 } },
      ]);
      const even = { metadata: [{ field: 'kind', value: 'even' }] };
      const before = await store.page(NS, { filter: even, order: 'asc', limit: 5 });
      expect(await store.count(NS, even)).toBe(20);
      while ((await store.indexKeys(7)) > 0);
      expect(await store.page(NS, { filter: even, order: 'asc', limit: 5 })).toEqual(before);
      expect(await store.count(NS, even)).toBe(20);
      expect(await store.count({ database: 'shop', table: 'orders' }, even)).toBe(1);
      await store.close();
    });
  }
});
