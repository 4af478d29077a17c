import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeWatcher } from '../api/change-watcher.js';
import { BYTE_ANSWER_TYPE, type ByteAnswer, byteAnswerHead, isByteAnswer } from '../api/contract/byte-answer.js';
import { fail, type Result } from '../api/contract/results.js';
import { STORE_ID_HEADER } from '../api/contract/store-identity.js';
import { createDispatch, type Dispatch } from '../api/dispatch.js';
import { CodedError, toErrorResult } from '../api/errors.js';
import { FileGrants } from '../api/file-grants.js';
import { createHandlers } from '../api/handlers.js';
import { StoreSession } from '../api/store-session.js';
import type { ConnectionTarget } from '../backends/connection-string.js';
import { EventStream } from './event-stream.js';
import { DOWNLOAD_PREFIX, FileTransfer, UPLOAD_PATH } from './file-transfer.js';
import {
  checkApiAccess,
  checkHost,
  checkJsonCall,
  checkSameOrigin,
  type GuardOptions,
  type GuardVerdict,
  setSecurityHeaders,
} from './request-guard.js';
import { sendStatic } from './static-files.js';

const MAX_BODY_BYTES = 128 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';
/** Addresses that mean "every interface": the page is then reached on loopback by its printed URL. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_HOST = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;
/** A client has this long to send its request line and headers: a trickling one is cut off. */
const HEADERS_TIMEOUT_MS = 10_000;
/** A whole request body (an upload of the largest body we take over a slow link) must arrive within this. */
const REQUEST_TIMEOUT_MS = 15 * 60_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface ServeOptions {
  /** What to serve: a file path (as before) or a connection string's target (a server). One of the two. */
  storePath?: string;
  store?: ConnectionTarget;
  rendererDir: string;
  port?: number;
  /** Loopback unless the user names another address explicitly. */
  host?: string;
  /** More host names (or addresses) a browser may use to reach us, e.g. the machine's LAN name. */
  allowHosts?: string[];
  readOnly?: boolean;
  token?: string;
  /** How long a client may take to send its headers (default 10 s). */
  headersTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  /** Bound to an address other machines can reach: the API is on the network. */
  exposed: boolean;
  /** The page's URLs under the names other machines may use (the bound address, --allow-host names). */
  networkUrls: string[];
  port: number;
  token: string;
  session: StoreSession;
  /** Where uploads and exports waiting to be downloaded live; removed at close. */
  privateFolder: string;
  close(): Promise<void>;
}

/** Browser mode: the built renderer and the same contract as the desktop app, over HTTP. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const session = new StoreSession(options.readOnly ?? false);
  const initial = initialStore(options);
  await session.connect(initial, options.readOnly ?? false);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const events = new EventStream();
  const watcher = new ChangeWatcher(session, (event) => events.send(event));
  // Files: uploads and downloads instead of server paths (file-transfer.ts).
  const grants = new FileGrants();
  const files = new FileTransfer({ grants, readOnly: options.readOnly ?? false });
  const dispatch = createDispatch(
    createHandlers(session, {
      emit: (event) => events.send(event),
      grants,
      host: { downloads: files.host },
      initial,
    }),
    session,
  );
  // Every tab shares this one store: each hears when another opened a different one (docs/architecture.md).
  session.onSwitched((identity) => events.send({ type: 'store-switched', ...identity }));
  const host = options.host ?? LOOPBACK;
  const guard: GuardOptions = { token, allowedHosts: new Set(), allowedOrigins: new Set() };
  const context: RouteContext = { guard, dispatch, events, files, session, rendererDir: options.rendererDir };
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeout),
      // How often Node looks for requests past those timeouts; its default (30 s) would let one linger.
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    (request, response) => {
      void route(request, response, context).catch((error: unknown) => {
        if (response.headersSent) response.end();
        else sendJson(response, 500, toErrorResult(error));
      });
    },
  );
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    // Nothing is served: give back what was opened (the store, the private folder), or the process lingers.
    files.close();
    await session.close();
    throw listenError(error, options.port ?? 0, host);
  }
  const port = (server.address() as AddressInfo).port;
  const exposed = !LOOPBACK_HOST.test(host);
  const pageHost = WILDCARD_HOSTS.has(host) ? LOOPBACK : hostHeaderName(host);
  const networkNames = [
    ...(exposed && pageHost !== LOOPBACK ? [pageHost] : []),
    ...(options.allowHosts ?? []).map(hostHeaderName),
  ];
  for (const name of [pageHost, 'localhost', ...networkNames]) {
    guard.allowedHosts.add(`${name}:${port}`);
    guard.allowedOrigins.add(`http://${name}:${port}`);
  }
  const pageUrl = (name: string) => `http://${name}:${port}/?token=${token}`;
  watcher.start();
  return {
    url: pageUrl(pageHost),
    exposed,
    networkUrls: networkNames.map(pageUrl),
    port,
    token,
    session,
    privateFolder: files.folder,
    close: async () => {
      watcher.stop();
      events.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests still arriving (a slow upload) must not hold the shutdown.
      server.closeAllConnections();
      await closed;
      files.close();
      await session.close();
    },
  };
}

function initialStore({ store, storePath }: ServeOptions): ConnectionTarget {
  if (store !== undefined) return store;
  if (storePath === undefined) throw new Error('startServer needs a store: storePath or store');
  return { kind: 'path', path: storePath, display: storePath };
}

/** A name as a browser writes it in Host: lower case, an IPv6 address in brackets. */
function hostHeaderName(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

interface RouteContext {
  guard: GuardOptions;
  dispatch: Dispatch;
  events: EventStream;
  files: FileTransfer;
  session: StoreSession;
  rendererDir: string;
}

/**
 * Who may reach a route: `files` are the page's own files (no secret in them, so the first URL's
 * token need not be sent for them), `api` needs our own origin and the token, `call` also a JSON body.
 * `download` needs our own origin: its one-time, unguessable URL, which only an authorized call answered,
 * is the credential (the browser follows it as a link, which cannot carry the token header).
 */
type Access = 'files' | 'api' | 'call' | 'download';

interface Route {
  method: 'GET' | 'POST';
  matches(pathname: string): boolean;
  access: Access;
  handle(request: IncomingMessage, response: ServerResponse, url: URL, context: RouteContext): Promise<void> | void;
}

/** The first route that matches method and path answers; the page's files come last. */
const ROUTES: Route[] = [
  { method: 'POST', matches: (path) => path.startsWith('/api/call/'), access: 'call', handle: handleCall },
  {
    method: 'GET',
    matches: (path) => path === '/api/events',
    access: 'api',
    handle: (_request, response, _url, context) => context.events.add(response),
  },
  // Browser mode's files (file-transfer.ts): imports are uploaded, exports downloaded.
  {
    method: 'POST',
    matches: (path) => path === UPLOAD_PATH,
    access: 'api',
    handle: (request, response, url, context) => context.files.upload(request, response, url),
  },
  {
    method: 'GET',
    matches: (path) => path.startsWith(DOWNLOAD_PREFIX),
    access: 'download',
    handle: (_request, response, url, context) => context.files.download(url.pathname, response),
  },
  { method: 'GET', matches: (path) => !path.startsWith('/api/'), access: 'files', handle: handleFile },
];

/** HTTP's word for each refusal, beside the contract's code in the body. */
const REFUSAL_STATUS = { unauthorized: 401, forbidden: 403 } as const;

async function route(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> {
  setSecurityHeaders(response);
  const url = new URL(request.url ?? '/', 'http://localhost');
  const target = ROUTES.find((each) => each.method === request.method && each.matches(url.pathname));
  const verdict = target === undefined ? checkHost(request, context.guard) : admit(request, target.access, context);
  if (!verdict.ok) return sendJson(response, REFUSAL_STATUS[verdict.error.code], { ok: false, error: verdict.error });
  if (target === undefined) return notFound(response, url);
  return target.handle(request, response, url, context);
}

function admit(request: IncomingMessage, access: Access, context: RouteContext): GuardVerdict {
  const checks = [
    () => checkHost(request, context.guard),
    ...(access === 'api' || access === 'call' ? [() => checkApiAccess(request, context.guard)] : []),
    ...(access === 'download' ? [() => checkSameOrigin(request, context.guard)] : []),
    ...(access === 'call' ? [() => checkJsonCall(request)] : []),
  ];
  for (const check of checks) {
    const verdict = check();
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}

async function handleCall(request: IncomingMessage, response: ServerResponse, url: URL, context: RouteContext) {
  const arg = await readJsonBody(request);
  if (arg instanceof Error) return sendJson(response, 400, fail('invalid-argument', arg.message));
  const name = safeDecode(url.pathname.slice('/api/call/'.length));
  const answer = await context.dispatch(name, arg, storeIdOf(request));
  // The store open once the call is done: a tab adopts it from a call that opened it, or from its first call.
  const headers = { [STORE_ID_HEADER]: context.session.identity.storeId };
  if (answer.ok && isByteAnswer(name, answer.value)) return sendBytes(response, answer.value, headers);
  return sendJson(response, 200, answer, headers);
}

/** The store the page made the call for; a missing (or repeated, hence meaningless) header checks nothing. */
function storeIdOf(request: IncomingMessage): string | undefined {
  const value = request.headers[STORE_ID_HEADER];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function handleFile(_request: IncomingMessage, response: ServerResponse, url: URL, context: RouteContext): void {
  if (!sendStatic(context.rendererDir, url.pathname, response)) notFound(response, url);
}

function notFound(response: ServerResponse, url: URL): void {
  sendJson(response, 404, fail('not-found', `nothing at ${url.pathname}`));
}

/** A malformed escape is the client's mistake: it names no call rather than failing the server. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return new Error(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  let text: string;
  try {
    // A lenient decoder would turn a bad byte into U+FFFD, and a key would be written that nobody sent.
    text = utf8.decode(Buffer.concat(chunks));
  } catch {
    return new Error('the request body is not valid UTF-8: send JSON text encoded as UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    return new Error('the request body is not valid JSON');
  }
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: Result<unknown>,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** A value's bytes as they are stored, after the rest of the answer (contract/byte-answer.ts): no base64, no JSON. */
function sendBytes(response: ServerResponse, answer: ByteAnswer, headers: Record<string, string>): void {
  const head = byteAnswerHead(answer);
  response.writeHead(200, {
    ...headers,
    'content-type': BYTE_ANSWER_TYPE,
    'content-length': head.byteLength + answer.value.byteLength,
    'cache-control': 'no-store',
  });
  response.write(head);
  response.end(answer.value);
}

/** Why the port could not be taken, as a person can act on it (one line, the flag to change). */
class ListenError extends CodedError {}

function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new ListenError('invalid-argument', `port ${port} is in use: choose another with --port`);
  }
  if (code === 'EACCES') {
    return new ListenError(
      'invalid-argument',
      `port ${port} needs privileges this user lacks: choose another with --port`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new ListenError(
      'invalid-argument',
      `cannot listen on ${host}: it is not an address of this machine (--host)`,
    );
  }
  return error;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
