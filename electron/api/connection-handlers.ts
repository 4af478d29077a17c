/**
 * The Open connection dialog's calls: test a server without leaving the open store, and the saved connections
 * a host may keep (the desktop: electron/main/saved-connections.ts; browser mode keeps none, so its page keeps
 * them itself, without passwords). docs/renderer.md, "Open connection", says what the dialog does with them.
 */
import type { Backend } from '../backends/backend.js';
import type { ServerTarget } from '../backends/connection-string.js';
import { openServerBackend } from '../backends/server-backends.js';
import type { CallName, CallResult, ValidArg } from './contract/calls.js';
import type { SavedConnectionDto } from './contract/connection-schemas.js';
import { CodedError, NoStoreError, UnsupportedError } from './errors.js';
import { serverTarget } from './server-target.js';
import { refusalsOf, type StoreSession } from './store-session.js';

/** A connection as the host keeps it: the URL without its password, which is kept apart (or not at all). */
export interface ConnectionEntry {
  name: string;
  url: string;
  readOnly: boolean;
  database?: string;
  table?: string;
}

/** Where a host keeps saved connections; its passwords are sealed by the host's own means. */
export interface ConnectionBook {
  /** undefined when passwords are kept (encrypted), else why they are not. */
  passwordsNotKept(): Promise<string | undefined>;
  list(): Promise<SavedConnectionDto[]>;
  /** Replaces the entry `id` when given; a password is dropped where passwords are not kept. */
  save(entry: ConnectionEntry, password: string | undefined, id?: string): Promise<SavedConnectionDto>;
  forget(id: string): Promise<void>;
  /** The entry and its password, opened for connecting; undefined when there is no such entry. */
  unseal(id: string): Promise<{ entry: SavedConnectionDto; password: string | undefined } | undefined>;
}

const NO_BOOK_REASON =
  'browser mode keeps no passwords: type it each time, or set STORE_INSPECTOR_PASSWORD where serve runs';

/** The dialog opens servers only, as store.connect does. */
const FILES_HOW = 'files open with Open';

/** go-micro's default table: what a store that cannot list its tables most likely holds. */
const DEFAULT_TABLES = ['micro'];

type ConnectionCall =
  | 'connections.test'
  | 'connections.list'
  | 'connections.save'
  | 'connections.forget'
  | 'connections.open';
export type ConnectionHandlers = { [N in ConnectionCall & CallName]: (arg: ValidArg<N>) => Promise<CallResult<N>> };

export interface ConnectionOptions {
  book?: ConnectionBook;
  env: Readonly<Record<string, string | undefined>>;
}

export function createConnectionHandlers(session: StoreSession, { book, env }: ConnectionOptions): ConnectionHandlers {
  const needBook = (): ConnectionBook => {
    if (book === undefined)
      throw new UnsupportedError(`${NO_BOOK_REASON}; the page keeps its saved connections itself`);
    return book;
  };
  return {
    'connections.test': async ({ url, password, database, table }) => {
      const backend = await openServerBackend(serverTarget(url, password, env, FILES_HOW));
      try {
        return await survey(backend, database, table);
      } finally {
        await backend.close();
      }
    },
    'connections.list': async () => {
      if (book === undefined) return { passwords: { kept: false, reason: NO_BOOK_REASON }, saved: [] };
      const reason = await book.passwordsNotKept();
      return { passwords: reason === undefined ? { kept: true } : { kept: false, reason }, saved: await book.list() };
    },
    'connections.save': async ({ id, password, ...entry }) => {
      const { url, password: fromUrl } = withoutPassword(entry.url);
      serverTarget(url, undefined, {}, FILES_HOW);
      return needBook().save({ ...entry, url }, password ?? fromUrl, id);
    },
    'connections.forget': async ({ id }) => {
      await needBook().forget(id);
      return null;
    },
    'connections.open': async ({ id, readOnly }) => {
      const { entry, target } = await savedServer(needBook(), id, env);
      await session.connect(target, readOnly ?? entry.readOnly);
      const info = await session.info();
      if (info === null) throw new NoStoreError();
      return info;
    },
  };
}

/** A saved connection's server, with the password kept for it (sealed by the host); `not-found` once it is gone. */
export async function savedServer(
  book: ConnectionBook,
  id: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ entry: SavedConnectionDto; target: ServerTarget }> {
  const opened = await book.unseal(id);
  if (opened === undefined) throw new CodedError('not-found', 'that saved connection is no longer there');
  return { entry: opened.entry, target: serverTarget(opened.entry.url, opened.password, env, FILES_HOW) };
}

/** What the dialog offers after a test: the databases and tables, and, with `table`, that it can be read. */
async function survey(backend: Backend, database: string | undefined, table: string | undefined) {
  const { capabilities } = backend;
  const databases = capabilities.listsTables ? await backend.reading.databases() : [];
  // A store that lists nothing still proves the connection and the login by one read.
  if (!capabilities.listsTables || table !== undefined) {
    const namespace = { database: database ?? 'micro', table: table ?? DEFAULT_TABLES[0] ?? 'micro' };
    await backend.reading.page(namespace, { filter: {}, order: 'asc', limit: 1 });
  }
  return {
    kind: backend.kind,
    display: backend.display,
    capabilities,
    refusals: refusalsOf(backend),
    databases,
    suggestedTables: capabilities.listsTables ? [] : await suggestedTables(backend),
  };
}

/** Prefixes a sample of the server's keys shares (Redis), then go-micro's default tables. */
async function suggestedTables(backend: Backend): Promise<string[]> {
  const found = (await backend.reading.suggestTables?.().catch(() => [])) ?? [];
  return [...new Set([...found.map((each) => each.prefix), ...DEFAULT_TABLES])];
}

/** The URL as saved (no password in it) and the password it held, which is kept apart or not at all. */
export function withoutPassword(text: string): { url: string; password: string | undefined } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { url: text.trim(), password: undefined };
  }
  if (url.password === '') return { url: url.href, password: undefined };
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.href, password };
}
