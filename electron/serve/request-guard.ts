import type { IncomingMessage } from 'node:http';

export interface GuardOptions {
  token: string;
  /** host:port values the browser may use to reach us; anything else is DNS rebinding. */
  allowedHosts: Set<string>;
  /** Origins allowed to call the API: our own page only. */
  allowedOrigins: Set<string>;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * Every request must name one of our own hosts (no DNS rebinding), come from our own page when
 * the browser says where it comes from (no cross-site calls), and carry this run's token.
 */
export function checkRequest(request: IncomingMessage, url: URL, options: GuardOptions): GuardVerdict {
  const host = request.headers.host ?? '';
  if (!options.allowedHosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, message: `forbidden host ${JSON.stringify(host)}` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !options.allowedOrigins.has(origin.toLowerCase())) {
    return { ok: false, status: 403, message: `forbidden origin ${JSON.stringify(origin)}` };
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    return { ok: false, status: 403, message: 'cross-site requests are refused' };
  }
  if (!tokensMatch(presentedToken(request, url), options.token)) {
    return { ok: false, status: 401, message: 'missing or wrong token: open the URL that serve printed' };
  }
  return { ok: true };
}

function presentedToken(request: IncomingMessage, url: URL): string {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const cookie = /(?:^|;\s*)si_token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  return url.searchParams.get('token') ?? cookie ?? '';
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
function tokensMatch(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index++)
    difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
  return difference === 0;
}
