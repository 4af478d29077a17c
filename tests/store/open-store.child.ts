/**
 * Child process for the file-fault tests: opens the store at `path` as the app does (optionally asking for
 * read-only), lists its keys, tries one write, and prints one JSON line with what happened. It runs in a
 * child so that the test can drop privileges (root ignores file permissions), mount the folder read-only,
 * or kill it if opening hangs (a FIFO would block the test's own thread for ever).
 * `--backend` opens through the API's openBackend instead, which first tells the file's kind by its content;
 * `--session` through the API's StoreSession, whose `readOnly` is what the handlers and the page go by.
 * Usage: node --import tsx tests/store/open-store.child.ts <path> [--read-only|--backend|--session]
 */
import { type OpenedLocalStore, openLocalStore } from '../../electron/api/open-local-store.js';
import { StoreSession } from '../../electron/api/store-session.js';
import { createSqliteStore } from '../../electron/store/index.js';

const [path, flag] = process.argv.slice(2);
if (!path) {
  console.error('usage: open-store.child.ts <path> [--read-only]');
  process.exit(2);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function open(path: string, flag: string | undefined) {
  if (flag === '--backend') return { store: sqliteOnly(await openLocalStore(path, { readOnly: false })) };
  if (flag !== '--session') return { store: createSqliteStore({ path, readOnly: flag === '--read-only' }) };
  const session = new StoreSession();
  await session.open(path, false);
  const store = session.store;
  if (store === undefined || !('writeMany' in store)) throw new Error(`${path} did not open as a SQLite store`);
  return { store, sessionReadOnly: session.readOnly };
}

function sqliteOnly(opened: OpenedLocalStore) {
  if (opened.kind !== 'sqlite') throw new Error(`${path} is a go-micro store, not a SQLite one`);
  return opened.backend;
}

try {
  const { store, sessionReadOnly } = await open(path, flag);
  const info = await store.info();
  const keys = (await store.databases()).flatMap((database) => database.tables).reduce((n, t) => n + t.count, 0);
  const write = await store.writeMany({ database: 'micro', table: 'micro' }, [{ key: 'child/write', value: 'x' }]).then(
    () => 'written',
    (error: unknown) => messageOf(error),
  );
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ opened: true, readOnly: info.readOnly, reason: info.readOnlyReason, records: keys, write, sessionReadOnly })}\n`,
  );
} catch (error) {
  process.stdout.write(`${JSON.stringify({ opened: false, error: messageOf(error) })}\n`);
}
