/**
 * The renderer's only way to main: the preload bridge in the desktop app, HTTP in browser mode.
 * Both speak the contract in electron/api/contract, so components never know which one they use.
 */
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import type { Result } from '../../../electron/api/contract/results.js';
import { type ApiClient, unwrapResult } from './api-client.js';
import { readEventStream } from './event-stream-reader.js';

/** What the preload exposes on window: one function per call, plus events. */
export type Bridge = { [N in CallName]: (arg: CallArg<N>) => Promise<Result<CallResult<N>>> } & {
  onEvent(listener: (event: ApiEvent) => void): () => void;
  grantLocalFile(file: File): Promise<Result<FileHandle>>;
};

export function createBridgeClient(bridge: Bridge): ApiClient {
  return {
    mode: 'desktop',
    call: async (name, arg) => unwrapResult(await (bridge[name] as (arg: unknown) => Promise<Result<never>>)(arg)),
    subscribe: (listener) => bridge.onEvent(listener),
    localFile: async (file) => unwrapResult(await bridge.grantLocalFile(file)),
  };
}

export function createHttpClient(baseUrl: string, token: string): ApiClient {
  const authorization = `Bearer ${token}`;
  return {
    mode: 'browser',
    call: async (name, arg) => {
      const response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(arg),
      });
      return unwrapResult((await response.json()) as Result<never>);
    },
    subscribe: sharedEventStream(`${baseUrl}/api/events`, { authorization }),
    // The browser streams a File body from disk; the server streams it into its private folder.
    localFile: async (file) => {
      const response = await fetch(`${baseUrl}/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization },
        body: file,
      });
      return unwrapResult((await response.json()) as Result<FileHandle>);
    },
  };
}

const MAYBE_CHANGED: ApiEvent = { type: 'store-changed', token: 'connected', latestChange: 0 };

/**
 * One server-sent event stream for every listener: a browser allows six connections to a server,
 * and each stream holds one for as long as the page is open. Whenever the stream (re)opens, the
 * store may have changed while it was not listening (before it first connected, or while the
 * server was away): listeners hear a `store-changed` then, so that they read again.
 */
function sharedEventStream(url: string, headers: Record<string, string>): ApiClient['subscribe'] {
  const listeners = new Set<(event: ApiEvent) => void>();
  let close: (() => void) | undefined;
  const dispatch = (event: ApiEvent) => {
    for (const each of listeners) each(event);
  };
  return (listener) => {
    listeners.add(listener);
    close ??= readEventStream(url, headers, {
      onOpen: () => dispatch(MAYBE_CHANGED),
      onData: (data) => dispatch(JSON.parse(data) as ApiEvent),
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      close?.();
      close = undefined;
    };
  };
}

/** The tokens serve makes: base64url only, so a token with anything around it is not one. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]+$/;
const TOKEN_KEY = 'si_token';

/**
 * The bridge when the preload ran, else HTTP to the page's own origin. The token comes in the first
 * URL; it is kept in sessionStorage (this origin and port, this tab; it survives a reload) and taken
 * out of the address bar, so it is not in the history nor shown over a shoulder.
 */
export function connect(): ApiClient {
  const bridge = (window as unknown as { storeInspector?: Bridge }).storeInspector;
  if (bridge !== undefined) return createBridgeClient(bridge);
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    // Fetch would trim the whitespace of a pasted "TOKEN " and let it in: take the token exactly, or not at all.
    if (TOKEN_FORMAT.test(fromUrl)) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    else sessionStorage.removeItem(TOKEN_KEY);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url);
  }
  return createHttpClient(window.location.origin, sessionStorage.getItem(TOKEN_KEY) ?? '');
}
