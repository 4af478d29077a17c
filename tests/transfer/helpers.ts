/**
 * Shared pieces of the import/export tests: real store files in temp dirs, records files written to disk,
 * and a full snapshot of a store file (every namespace and every row, expired ones included) to prove that
 * a failed or cancelled import left the store exactly as it was.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { createSqliteStore, type InspectorStore, type RecordInput } from '../../electron/store/index.js';
import { RECORD_COUNT } from '../../electron/store/namespace-counts.js';
import type { Namespace } from '../../electron/store/namespaces.js';
import { openDatabase } from '../../electron/store/sqlite-driver.js';
import { type ExportOptions, type ExportReport, exportRecords } from '../../electron/transfer/export-records.js';
import { type ImportOptions, type ImportReport, importRecords } from '../../electron/transfer/import-records.js';
import { tempDirForTest } from '../helpers/files.js';

export const MICRO: Namespace = { database: 'micro', table: 'micro' };
export const FIXTURES = fileURLToPath(new URL('../fixtures/records-json/', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export interface Workspace {
  dir: string;
  /** A store path in `dir` (the file does not exist until something opens it). */
  store: string;
  /** Writes a file into `dir` and returns its path. */
  file(name: string, content: string | Uint8Array): string;
}

/** A fresh temp dir for the current test, removed when it finishes. */
export function workspace(): Workspace {
  const dir = tempDirForTest();
  return {
    dir,
    store: join(dir, 'store.db'),
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** A store on `path`, closed when the current test finishes. */
export function openStore(path: string, now?: () => number): InspectorStore {
  const store = createSqliteStore(now ? { path, now } : { path });
  onTestFinished(() => store.close());
  return store;
}

/** Writes records through the Store (one transaction per namespace) and closes it. */
export async function seed(
  path: string,
  tables: { namespace: Namespace; records: RecordInput[] }[],
  now?: () => number,
): Promise<void> {
  const store = createSqliteStore(now ? { path, now } : { path });
  try {
    for (const { namespace, records } of tables) {
      if (records.length === 0) await store.createTable(namespace);
      else await store.writeMany(namespace, records);
    }
  } finally {
    await store.close();
  }
}

/** A store that already holds records in two tables, one of them expired but not purged. */
export async function seedTypical(path: string): Promise<void> {
  const past = () => Date.now() - 60_000;
  await seed(path, [
    {
      namespace: MICRO,
      records: Array.from({ length: 50 }, (_, i) => ({
        key: `rec/${String(i).padStart(6, '0')}`,
        value: `before ${i}`,
        metadata: { seeded: true, i },
        ...(i % 5 === 0 ? { expiry: 3_600_000 } : {}),
      })),
    },
    { namespace: { database: 'other', table: 'kept' }, records: [{ key: 'x', value: Buffer.from([0, 1, 2]) }] },
  ]);
  // Written "a minute ago" with a 1 s life: expired, but still a row in the file.
  await seed(path, [{ namespace: MICRO, records: [{ key: 'rec/expired', value: 'old', expiry: 1000 }] }], past);
}

export interface StoreSnapshot {
  namespaces: string[];
  records: number;
  changes: number;
  /** sha256 over every record row: namespace, key, value, metadata, expires_at, updated_at, version. */
  digest: string;
}

/** Everything a store file holds, read with a plain read-only SQLite connection. */
export function snapshot(path: string): StoreSnapshot {
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const namespaces = db
      .prepare(`SELECT database, "table", ${RECORD_COUNT} AS record_count FROM namespaces ORDER BY database, "table"`)
      .all() as { database: string; table: string; record_count: number }[];
    const rows = db
      .prepare(
        `SELECT n.database, n."table", r.key, r.value, r.metadata, r.expires_at, r.updated_at, r.version
         FROM records r JOIN namespaces n ON n.id = r.ns ORDER BY n.database, n."table", r.key`,
      )
      .raw()
      .iterate() as IterableIterator<unknown[]>;
    const hash = createHash('sha256');
    let records = 0;
    for (const row of rows) {
      records++;
      hash.update(JSON.stringify(row.map((cell) => (Buffer.isBuffer(cell) ? cell.toString('hex') : cell))));
      hash.update('\n');
    }
    const changes = db.prepare('SELECT count(*) FROM changes').pluck().get() as number;
    return {
      namespaces: namespaces.map(
        (ns) => `${JSON.stringify(ns.database)}/${JSON.stringify(ns.table)}=${ns.record_count}`,
      ),
      records,
      changes,
      digest: hash.digest('hex'),
    };
  } finally {
    db.close();
  }
}

/** Imports a file from disk, as the app and the CLI do. */
export function importFile(
  storePath: string,
  path: string,
  options: Partial<Omit<ImportOptions, 'storePath' | 'input'>> = {},
): Promise<ImportReport> {
  return importRecords({
    storePath,
    input: createReadStream(path),
    totalBytes: statSync(path).size,
    namespace: MICRO,
    ...options,
  });
}

/** Exports to a file and returns the report and the file's text. */
export async function exportFile(
  storePath: string,
  path: string,
  options: Omit<ExportOptions, 'storePath' | 'out'>,
): Promise<{ report: ExportReport; text: string }> {
  const report = await exportRecords({ storePath, out: createWriteStream(path), ...options });
  return { report, text: readFileSync(path, 'utf8') };
}

/** Runs `work` and returns what it threw (failing when it did not throw). */
export async function thrown(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected a failure, but it succeeded');
}

/** A record line as Go's json.Encoder writes it (ASCII keys only). */
export function goLine(key: string, value: Uint8Array | string, extra = ''): string {
  const base64 = Buffer.from(value).toString('base64');
  return `{"key":${JSON.stringify(key)},"value":"${base64}","metadata":null${extra}}`;
}

/** `count` good record lines for keys rec/000000… (overlapping seedTypical's keys), newline-terminated. */
export function goodLines(count: number, from = 0): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += `${goLine(`rec/${String(i).padStart(6, '0')}`, `after ${i}`)}\n`;
  return text;
}
