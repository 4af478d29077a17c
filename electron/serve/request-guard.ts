import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorOf } from '../api/contract/results.js';

export interface GuardOptions {
  token: string;
  /** host:port values the browser may use to reach us; anything else is DNS rebinding. */
  allowedHosts: Set<string>;
  /** Origins allowed to call the API: our own page only. */
  allowedOrigins: Set<string>;
}

/** A refusal is the contract's `unauthorized` (no token or a wrong one) or `forbidden` (anything else). */
export type GuardVerdict = { ok: true } | { ok: false; error: ApiErrorOf<'unauthorized' | 'forbidden'> };

const PASS: GuardVerdict = { ok: true };
const forbidden = (message: string): GuardVerdict => ({ ok: false, error: { code: 'forbidden', message } });
/** What a browser says of a request from our own page, or of one the user typed; absent outside browsers. */
const SAME_ORIGIN_SITES = new Set(['same-origin', 'none']);

/**
 * Sent with every response: the first URL carries the token, so no page we serve may pass its
 * address on (no-referrer), and no answer may be sniffed into something that runs (nosniff).
 */
export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-content-type-options', 'nosniff');
}

/** Every request, the page's files included, must name one of our own hosts: no DNS rebinding. */
export function checkHost(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const host = request.headers.host ?? '';
  if (options.allowedHosts.has(host.toLowerCase())) return PASS;
  return forbidden(`forbidden host ${JSON.stringify(host)}`);
}

/**
 * The API answers our own page and programs that are not browsers, nothing else. Another page on
 * 127.0.0.1 (another port) is "same-site" to a browser and may send no Origin on a simple request,
 * so only same-origin or user-typed (none) passes; then the token, from the Authorization header
 * only: a header is sent by our page's script alone, never by the browser on another page's behalf.
 */
export function checkApiAccess(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const sameOrigin = checkSameOrigin(request, options);
  if (!sameOrigin.ok) return sameOrigin;
  if (!tokensMatch(bearerToken(request), options.token)) {
    return {
      ok: false,
      error: { code: 'unauthorized', message: 'missing or wrong token: open the URL that serve printed' },
    };
  }
  return PASS;
}

/** Our own page (or a program that is not a browser): no other origin, no other site. */
export function checkSameOrigin(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const origin = request.headers.origin;
  if (origin !== undefined && !options.allowedOrigins.has(origin.toLowerCase())) {
    return forbidden(`forbidden origin ${JSON.stringify(origin)}`);
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && !SAME_ORIGIN_SITES.has(site)) {
    return forbidden(`requests from another site (${site}) are refused`);
  }
  return PASS;
}

/**
 * A call's body must be declared JSON: a form or text/plain post is a "simple" request a browser
 * sends from any page without asking us first, so it never reaches a handler.
 */
export function checkJsonCall(request: IncomingMessage): GuardVerdict {
  const [mediaType = '', ...parameters] = (request.headers['content-type'] ?? '').split(';');
  const charset = parameters.map((part) => part.trim().toLowerCase()).find((part) => part.startsWith('charset='));
  if (mediaType.trim().toLowerCase() === 'application/json' && (charset === undefined || charset === 'charset=utf-8'))
    return PASS;
  return forbidden('a call must be sent as Content-Type: application/json (UTF-8); other bodies are refused');
}

/** Exactly `Bearer <token>`: no other scheme, no second space, nothing after it. */
function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
function tokensMatch(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index++)
    difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
  return difference === 0;
}
