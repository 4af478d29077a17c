/**
 * Plain HTTP against the browser-mode server with Node's http module: unlike fetch, it lets a test
 * send any Host, Origin or Sec-Fetch-Site header and any raw path.
 */
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';
import type { ApiEvent } from '../../electron/api/contract/events.js';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as it came, for answers that are not text. */
  bytes: Buffer;
}

export interface HttpOptions {
  port: number;
  path?: string;
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** The address to connect to; 127.0.0.1 unless said. */
  address?: string;
  timeoutMs?: number;
}

export function httpRequest(options: HttpOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const address = options.address ?? '127.0.0.1';
    const req = request(
      {
        host: address,
        port: options.port,
        path: options.path ?? '/',
        method: options.method ?? 'GET',
        headers: { host: `${address}:${options.port}`, ...options.headers },
        agent: false,
        timeout: options.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 5_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST /api/call/<name> with the token; the parsed JSON answer and its status. */
export async function callOverHttp(
  port: number,
  token: string | undefined,
  name: string,
  arg: unknown,
  headers: OutgoingHttpHeaders = {},
): Promise<{ status: number; json: unknown }> {
  const answer = await httpRequest({
    port,
    path: `/api/call/${name}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: JSON.stringify(arg),
  });
  return { status: answer.status, json: answer.body === '' ? undefined : JSON.parse(answer.body) };
}

export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  events: ApiEvent[];
  /** Resolves with the first event (already received or to come) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (event: ApiEvent) => boolean, timeoutMs: number): Promise<ApiEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens GET /api/events and parses its `data:` frames as they arrive. */
export function openEventStream(port: number, headers: OutgoingHttpHeaders): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/api/events',
      headers: { host: `127.0.0.1:${port}`, ...headers },
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const events: ApiEvent[] = [];
      const waiters: { match: (event: ApiEvent) => boolean; resolve: (event: ApiEvent) => void }[] = [];
      let buffer = '';
      let endStream: () => void = () => {};
      const ended = new Promise<void>((done) => {
        endStream = done;
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data === '') continue;
          const event = JSON.parse(data) as ApiEvent;
          events.push(event);
          for (const waiter of waiters.splice(0)) {
            if (waiter.match(event)) waiter.resolve(event);
            else waiters.push(waiter);
          }
        }
      });
      res.on('end', () => endStream());
      res.on('close', () => endStream());
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        ended,
        waitFor(match, timeoutMs) {
          const seen = events.find(match);
          if (seen !== undefined) return Promise.resolve(seen);
          return new Promise((resolveEvent, rejectEvent) => {
            const timer = setTimeout(
              () => rejectEvent(new Error(`no matching event within ${timeoutMs} ms (got ${JSON.stringify(events)})`)),
              timeoutMs,
            );
            waiters.push({
              match,
              resolve: (event) => {
                clearTimeout(timer);
                resolveEvent(event);
              },
            });
          });
        },
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}
