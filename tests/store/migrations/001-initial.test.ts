import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../electron/store/index.js';
import { INITIAL_SCHEMA } from '../../../electron/store/migrations/001-initial.js';
import { SCHEMA_VERSION } from '../../../electron/store/schema.js';
import { openDatabase } from '../../../electron/store/sqlite-driver.js';
import { tempDirForTest } from '../../helpers/files.js';

describe('migration 001: the initial schema', () => {
  it('makes a new file a store whose tables and triggers keep records, counts and the key index', async () => {
    const path = join(tempDirForTest(), 'v1.db');
    const db = openDatabase(path);
    db.exec(INITIAL_SCHEMA);
    db.prepare("INSERT INTO namespaces (database, \"table\", created_at) VALUES ('micro', 'micro', 0)").run();
    db.prepare("INSERT INTO records (ns, key, value, updated_at) VALUES (1, 'a', x'01', 5)").run();
    const counted = db.prepare('SELECT record_count FROM namespaces').pluck().get();
    const logged = db.prepare('SELECT kind FROM changes').pluck().all();
    db.close();
    expect(counted).toBe(1);
    expect(logged).toEqual(['create']);
  });

  it('runs first on a new store file, which then opens at the newest version', async () => {
    const path = join(tempDirForTest(), 'new.db');
    const store = createSqliteStore({ path });
    await store.write({ key: 'a', value: 'x' });
    expect((await store.info()).schemaVersion).toBe(SCHEMA_VERSION);
    await store.close();
  });
});
