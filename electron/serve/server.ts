import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeWatcher } from '../api/change-watcher.js';
import { createDispatch, type Dispatch } from '../api/dispatch.js';
import { FileGrants } from '../api/file-grants.js';
import { createHandlers } from '../api/handlers.js';
import { StoreSession } from '../api/store-session.js';
import { EventStream } from './event-stream.js';
import { FileTransfer } from './file-transfer.js';
import { checkRequest, type GuardOptions } from './request-guard.js';
import { sendStatic } from './static-files.js';

const MAX_BODY_BYTES = 128 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';

export interface ServeOptions {
  storePath: string;
  rendererDir: string;
  port?: number;
  /** Loopback unless the user names another address explicitly. */
  host?: string;
  readOnly?: boolean;
  token?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  session: StoreSession;
  /** Where uploads and exports waiting to be downloaded live; removed at close. */
  privateFolder: string;
  close(): Promise<void>;
}

/** Browser mode: the built renderer and the same contract as the desktop app, over HTTP. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const session = new StoreSession(options.readOnly ?? false);
  await session.open(options.storePath, options.readOnly ?? false);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const events = new EventStream();
  const watcher = new ChangeWatcher(session, (event) => events.send(event));
  // Files: uploads and downloads instead of server paths (file-transfer.ts).
  const grants = new FileGrants();
  const files = new FileTransfer({ grants, readOnly: options.readOnly ?? false });
  const dispatch = createDispatch(
    createHandlers(session, { emit: (event) => events.send(event), grants, host: { downloads: files.host } }),
  );
  const host = options.host ?? LOOPBACK;
  const guard: GuardOptions = { token, allowedHosts: new Set(), allowedOrigins: new Set() };
  const server = createServer((request, response) => {
    void route(request, response, { guard, dispatch, events, files, rendererDir: options.rendererDir, token }).catch(
      () => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      },
    );
  });
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const hostName = host.includes(':') ? `[${host}]` : host;
  for (const name of [`${hostName}:${port}`, `localhost:${port}`]) guard.allowedHosts.add(name);
  for (const name of guard.allowedHosts) guard.allowedOrigins.add(`http://${name}`);
  watcher.start();
  return {
    url: `http://${hostName}:${port}/?token=${token}`,
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

interface RouteContext {
  guard: GuardOptions;
  dispatch: Dispatch;
  events: EventStream;
  files: FileTransfer;
  rendererDir: string;
  token: string;
}

async function route(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const verdict = checkRequest(request, url, context.guard);
  if (!verdict.ok)
    return sendJson(response, verdict.status, { ok: false, error: { code: 'forbidden', message: verdict.message } });
  if (await context.files.route(request, response, url)) return;
  if (url.pathname.startsWith('/api/call/') && request.method === 'POST') {
    const arg = await readJsonBody(request);
    if (arg instanceof Error)
      return sendJson(response, 400, { ok: false, error: { code: 'invalid-argument', message: arg.message } });
    return sendJson(response, 200, await context.dispatch(safeDecode(url.pathname.slice(10)), arg));
  }
  if (url.pathname === '/api/events' && request.method === 'GET') return context.events.add(response);
  if (request.method === 'GET' && url.pathname === '/') {
    // The token from the URL becomes a strict same-site cookie, so assets and the event stream carry it.
    response.setHeader('set-cookie', `si_token=${context.token}; HttpOnly; SameSite=Strict; Path=/`);
  }
  if (request.method === 'GET' && sendStatic(context.rendererDir, url.pathname, response)) return;
  sendJson(response, 404, { ok: false, error: { code: 'not-found', message: `nothing at ${url.pathname}` } });
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
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return new Error('the request body is not valid JSON');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
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
