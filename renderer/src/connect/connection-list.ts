/**
 * The connections the dialog remembers, as plain lists: recent ones (every mode) and, in browser mode, the
 * saved ones (the desktop keeps those in main, with their passwords sealed). A URL here never holds a password.
 */

/** A connection as the page remembers it. */
export interface RememberedConnection {
  /** The URL without its password. */
  url: string;
  readOnly: boolean;
  database?: string;
  table?: string;
  /** Saved ones only: the name the user gave. */
  name?: string;
}

export const MAX_RECENT = 8;
export const MAX_SAVED = 50;

/** The URL without its password, and the password it held (to be used once, never kept). */
export function splitPassword(text: string): { url: string; password: string | undefined } {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { url: trimmed, password: undefined };
  }
  if (url.password === '') return { url: trimmed, password: undefined };
  const password = safeDecode(url.password);
  url.password = '';
  return { url: url.href, password };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A connection is the same one when it names the same server and place, whatever its mode. */
function sameConnection(a: RememberedConnection, b: RememberedConnection): boolean {
  return a.url === b.url && a.database === b.database && a.table === b.table;
}

/** The newest first, each connection once, at most MAX_RECENT; a password in the URL is dropped. */
export function addRecent(list: readonly RememberedConnection[], used: RememberedConnection): RememberedConnection[] {
  const entry = { ...used, url: splitPassword(used.url).url };
  return [entry, ...list.filter((each) => !sameConnection(each, entry))].slice(0, MAX_RECENT);
}

/** Saved under its name: the same name replaces the entry, so saving twice keeps one. */
export function addSaved(list: readonly RememberedConnection[], saved: RememberedConnection): RememberedConnection[] {
  const entry = { ...saved, url: splitPassword(saved.url).url };
  const others = list.filter((each) => each.name !== entry.name);
  return [...others, entry].slice(-MAX_SAVED);
}

export function forgetSaved(list: readonly RememberedConnection[], name: string): RememberedConnection[] {
  return list.filter((each) => each.name !== name);
}

/** What was stored, kept only where it has a remembered connection's shape (a hand-edited entry is dropped). */
export function parseRemembered(text: string | null): RememberedConnection[] {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.filter(isRemembered).map((each) => ({ ...each, url: splitPassword(each.url).url }))
      : [];
  } catch {
    return [];
  }
}

function isRemembered(value: unknown): value is RememberedConnection {
  if (typeof value !== 'object' || value === null) return false;
  const each = value as Record<string, unknown>;
  const optionalText = (field: unknown) => field === undefined || typeof field === 'string';
  return (
    typeof each.url === 'string' &&
    typeof each.readOnly === 'boolean' &&
    optionalText(each.database) &&
    optionalText(each.table) &&
    optionalText(each.name)
  );
}

/** Where the chosen table is, said in a few words: "orders / micro". */
export function placeText({ database, table }: RememberedConnection): string | undefined {
  if (database === undefined && table === undefined) return undefined;
  return [database ?? 'micro', table ?? 'micro'].join(' / ');
}

/** Schemes that name the same kind of server. */
const SCHEME_KINDS: Readonly<Record<string, string>> = { postgresql: 'postgres', rediss: 'redis' };

/**
 * The kind and server a URL names ("postgres//127.0.0.1:5432"), or undefined when it names none yet: what a
 * password, database and table chosen in the dialog belong to.
 */
export function serverOf(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    const scheme = url.protocol.slice(0, -1).toLowerCase();
    if (url.hostname === '') return undefined;
    return `${SCHEME_KINDS[scheme] ?? scheme}//${url.hostname}:${url.port}`;
  } catch {
    return undefined;
  }
}

/** The schemes the app opens, for a check before anything is sent. */
const SERVER_SCHEMES = ['postgres', 'postgresql', 'redis', 'rediss', 'nats', 'mysql'];

/** Why the typed text is not a server URL, or undefined when it looks like one (the host decides the rest). */
export function urlProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'Type a server URL, as in postgres://user@host:5432/database';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined)
    return 'A server URL starts with postgres://, redis://, nats:// or mysql://: files open with Open';
  if (!SERVER_SCHEMES.includes(scheme))
    return `"${scheme}://" is not a store this app opens: use postgres://, redis://, nats:// or mysql://`;
  return undefined;
}
