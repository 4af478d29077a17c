/**
 * What names a store everywhere one is named (the CLI's --store, serve, the Open dialog): a file path, as
 * before, or a server URL whose scheme chooses the backend. The password comes from the URL or, so that it
 * need not sit in shell history, from STORE_INSPECTOR_PASSWORD; it is kept apart from the display form.
 */
import { fileURLToPath } from 'node:url';

export type ServerKind = 'postgres' | 'redis' | 'nats' | 'mysql';

export const PASSWORD_VARIABLE = 'STORE_INSPECTOR_PASSWORD';

const SCHEMES: Readonly<Record<string, { kind: ServerKind; tls: boolean; port: number }>> = {
  'postgres:': { kind: 'postgres', tls: false, port: 5432 },
  'postgresql:': { kind: 'postgres', tls: false, port: 5432 },
  'redis:': { kind: 'redis', tls: false, port: 6379 },
  'rediss:': { kind: 'redis', tls: true, port: 6379 },
  'nats:': { kind: 'nats', tls: false, port: 4222 },
  'mysql:': { kind: 'mysql', tls: false, port: 3306 },
};

const SUPPORTED = 'a file path, postgres://, postgresql://, redis://, rediss://, nats:// or mysql://';

/** A store file or folder on this machine: SQLite, or go-micro's file store (folder or .db). */
export interface PathTarget {
  kind: 'path';
  path: string;
  display: string;
}

export interface ServerTarget {
  kind: ServerKind;
  tls: boolean;
  host: string;
  port: number;
  /** Percent-decoded; empty when the URL names none. */
  user: string;
  /** From the URL, else the environment; undefined when neither gives one. */
  password: string | undefined;
  /** The URL's path without its leading slash, decoded: Postgres/MySQL database name, Redis db number. */
  path: string;
  params: URLSearchParams;
  /** The URL with the password masked, safe to show, log and save. */
  display: string;
  /** The URL with the password in it, for the client library only: never shown, logged or saved. */
  secretUrl: string;
}

export type ConnectionTarget = PathTarget | ServerTarget;

export class ConnectionStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionStringError';
  }
}

const MASK = '****';

/** `scheme://…` only: a Windows path such as C:\data\store.db has a colon but no `//`. */
const URL_LIKE = /^([a-z][a-z0-9+.-]*):\/\//i;

export function parseConnectionString(
  text: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConnectionTarget {
  const trimmed = text.trim();
  if (trimmed === '') throw new ConnectionStringError(`the store is empty: give ${SUPPORTED}`);
  const scheme = URL_LIKE.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'path', path: text, display: text };
  if (scheme === 'file') return fileTarget(trimmed);
  const known = SCHEMES[`${scheme}:`];
  if (known === undefined) {
    throw new ConnectionStringError(`"${scheme}://" is not a store this app opens: give ${SUPPORTED}`);
  }
  return serverTarget(parseUrl(trimmed), known, env);
}

function fileTarget(text: string): PathTarget {
  const path = fileURLToPath(parseUrl(text));
  return { kind: 'path', path, display: path };
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new ConnectionStringError(
      `"${maskInText(text)}" is not a valid URL: check the host and port, and percent-encode special characters in the user name and password`,
    );
  }
}

function serverTarget(
  url: URL,
  scheme: { kind: ServerKind; tls: boolean; port: number },
  env: Readonly<Record<string, string | undefined>>,
): ServerTarget {
  if (url.hostname === '') {
    throw new ConnectionStringError(`${url.protocol}// needs a host, as in ${url.protocol}//127.0.0.1:${scheme.port}`);
  }
  const fromUrl = url.password === '' ? undefined : decode(url.password);
  const password = fromUrl ?? nonEmpty(env[PASSWORD_VARIABLE]);
  const secret = new URL(url.href);
  if (password !== undefined) secret.password = encodeURIComponent(password);
  return {
    kind: scheme.kind,
    tls: scheme.tls || url.searchParams.get('sslmode') === 'require',
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? scheme.port : Number(url.port),
    user: decode(url.username),
    password,
    path: decode(url.pathname.replace(/^\//, '')),
    params: url.searchParams,
    display: maskedHref(url),
    secretUrl: secret.href,
  };
}

/** The URL as a person may see it: the password, if any, replaced by ****. */
export function maskedHref(url: URL): string {
  if (url.password === '') return url.href;
  const masked = new URL(url.href);
  masked.password = MASK;
  return masked.href;
}

/** Masks a password in text that may not even parse, for error messages. */
export function maskInText(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, `$1:${MASK}@`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConnectionStringError(`"${text}" holds a bad percent-escape: write % as %25`);
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
