import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingPackageFor, openDatabase } from '../../electron/store/sqlite-driver.js';

describe('sqlite driver', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('opens a real database file and keeps what was written after reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-driver-'));
    dirs.push(dir);
    const path = join(dir, 'test.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v BLOB)');
    db.prepare('INSERT INTO t VALUES (?, ?)').run('a', Buffer.from([0, 1, 2]));
    db.close();
    const again = openDatabase(path, { readonly: true });
    const row = again.prepare('SELECT v FROM t WHERE k = ?').get('a') as { v: Buffer };
    again.close();
    expect([...row.v]).toEqual([0, 1, 2]);
  });

  it('has FTS5 with the trigram tokenizer, which the key-substring index needs', () => {
    const db = openDatabase(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5(k, tokenize='trigram case_sensitive 1')");
    db.prepare('INSERT INTO f VALUES (?)').run('order/ABC-123');
    const hits = db.prepare('SELECT k FROM f WHERE f MATCH ?').all('"BC-1"');
    db.close();
    expect(hits).toEqual([{ k: 'order/ABC-123' }]);
  });

  it('chooses the prebuilt 13.x binding in Electron and on Node 22+, the compiled one on Node 20', () => {
    const base = process.versions;
    expect(bindingPackageFor({ ...base, node: '20.19.0', electron: '' } as NodeJS.ProcessVersions)).toBe(
      'better-sqlite3-node20',
    );
    expect(bindingPackageFor({ ...base, node: '22.12.0' })).toBe('better-sqlite3');
    expect(bindingPackageFor({ ...base, node: '20.19.0', electron: '45.5.0' } as NodeJS.ProcessVersions)).toBe(
      'better-sqlite3',
    );
  });
});
