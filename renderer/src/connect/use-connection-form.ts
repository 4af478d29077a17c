import { useState } from 'react';
import type { CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';
import { type RememberedConnection, serverOf, splitPassword, urlProblem } from './connection-list.js';
import { type ConnectionProblem, connectionProblem } from './connection-problem.js';

export type TestResult = CallResult<'connections.test'>;

/** What the form holds: the URL (a password typed into it is moved to the password field), and where to go. */
export interface ConnectionDraft {
  url: string;
  password: string;
  readOnly: boolean;
  database: string;
  table: string;
}

const EMPTY: ConnectionDraft = { url: '', password: '', readOnly: false, database: '', table: '' };

/** What belongs to one server: another server's URL clears them, so they are never sent to it. */
const SERVER_CHOICES = ['password', 'database', 'table'] as const;
const CLEARED: Partial<ConnectionDraft> = { password: '', database: '', table: '' };

/** Test state: nothing yet, a test running, its answer, or why it failed. */
export type TestState =
  | { phase: 'idle' }
  | { phase: 'testing' }
  | { phase: 'ok'; result: TestResult; url: string }
  | { phase: 'failed'; problem: ConnectionProblem };

interface ConnectionFormOptions {
  /** The database and table to start from (a copy's target: the source's own names). */
  place?: { database: string; table: string };
  /**
   * Keep the place the user set when a test lists what is there, and do not read it in the test: a copy may
   * go into a new table.
   */
  keepPlace?: boolean;
}

/** The Open connection form: its fields, the test, and the place chosen from what the test found. */
export function useConnectionForm({ place: initialPlace, keepPlace = false }: ConnectionFormOptions = {}) {
  const client = useClient();
  const [draft, setDraft] = useState<ConnectionDraft>(() => ({ ...EMPTY, ...initialPlace }));
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  /** The server the password, database and table were chosen for; undefined: for none yet (a copy's names). */
  const [owner, setOwner] = useState<string | undefined>(undefined);
  const update = (change: Partial<ConnectionDraft>) => {
    setDraft((was) => ({ ...was, ...change }));
    // Once owned, the owner is this URL's server until setUrl names another (and clears it): no parse per keystroke.
    if (owner === undefined && SERVER_CHOICES.some((field) => change[field] !== undefined))
      setOwner(serverOf(draft.url));
  };
  /**
   * A password pasted inside the URL leaves it at once: it is never shown, saved or remembered there. Another
   * kind or server clears what was chosen for the last one; the same server (another path or query) keeps it.
   */
  const setUrl = (text: string) => {
    const { url, password } = splitPassword(text);
    const server = serverOf(url);
    const stale = owner !== undefined && server !== owner;
    setDraft((was) => ({
      ...was,
      ...(stale ? CLEARED : {}),
      ...(password === undefined ? { url: text } : { url, password }),
    }));
    // A password typed into the URL arrives a character at a time, while the host is still being typed.
    if (stale) setOwner(undefined);
    setTest({ phase: 'idle' });
  };
  const place = () => ({
    ...(draft.database.trim() === '' ? {} : { database: draft.database.trim() }),
    ...(draft.table.trim() === '' ? {} : { table: draft.table.trim() }),
  });
  const runTest = async () => {
    const problem = urlProblem(draft.url);
    if (problem !== undefined) {
      setTest({ phase: 'failed', problem: { heading: 'Not a server URL', detail: problem } });
      return;
    }
    setTest({ phase: 'testing' });
    // A copy's target table may not exist yet: only the place one opens is read by the test.
    const typedTable = !keepPlace && draft.table.trim() !== '' && !listsTables(test);
    try {
      const result = await client.call('connections.test', {
        url: draft.url.trim(),
        ...(draft.password === '' ? {} : { password: draft.password }),
        ...(typedTable ? place() : {}),
      });
      setTest({ phase: 'ok', result, url: draft.url.trim() });
      if (!keepPlace) chooseFirst(result);
    } catch (error) {
      setTest({ phase: 'failed', problem: connectionProblem(error, typedTable) });
    }
  };
  /**
   * After a test, the first database and table listed are chosen unless the user already named one found there.
   * Where nothing is listed (Redis) the fields stay as typed: blank is go-micro's default table, and the
   * sampled key prefixes are only offered (docs/renderer.md, "Open connection").
   */
  const chooseFirst = (result: TestResult) => {
    const found = result.databases.find((each) => each.database === draft.database) ?? result.databases[0];
    if (found === undefined) return;
    const table = found.tables.some((each) => each.table === draft.table) ? draft.table : found.tables[0]?.table;
    update({ database: found.database, table: table ?? '' });
  };
  const fill = (entry: RememberedConnection) => {
    setDraft({
      url: entry.url,
      password: '',
      readOnly: entry.readOnly,
      database: entry.database ?? '',
      table: entry.table ?? '',
    });
    setOwner(serverOf(entry.url));
    setTest({ phase: 'idle' });
  };
  const fail = (error: unknown) => setTest({ phase: 'failed', problem: connectionProblem(error, false) });
  return { draft, update, setUrl, test, runTest, place, fill, fail };
}

function listsTables(test: TestState): boolean {
  return test.phase === 'ok' && test.result.capabilities.listsTables;
}
