/**
 * The renderer's only way to main: the preload bridge in the desktop app, HTTP in browser mode.
 * Both speak the contract in electron/api/contract, so components never know which one they use.
 */
import { BYTE_ANSWER_TYPE, readByteAnswer } from '../../../electron/api/contract/byte-answer.js';
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';
import type { Result } from '../../../electron/api/contract/results.js';
import { type AnswerEnvelope, STORE_ID_HEADER } from '../../../electron/api/contract/store-identity.js';
import { type ApiClient, unwrapResult } from './api-client.js';
import { readEventStream } from './event-stream-reader.js';
import { StoreIdentityTracker } from './store-identity-tracker.js';

/** What the preload exposes on window: one function per call (with the store it is for), plus events. */
export type Bridge = {
  [N in CallName]: (arg: CallArg<N>, storeId: string | undefined) => Promise<AnswerEnvelope<CallResult<N>>>;
} & {
  onEvent(listener: (event: ApiEvent) => void): () => void;
  grantLocalFile(file: File): Promise<Result<FileHandle>>;
};

/** How one transport carries a call and its events; identifiedClient adds what both share. */
interface Transport {
  mode: ApiClient['mode'];
  send(name: CallName, arg: unknown, storeId: string | undefined): Promise<AnswerEnvelope | SentCall>;
  subscribe: ApiClient['subscribe'];
  localFile: ApiClient['localFile'];
}

/** An answer whose transport may not have named the store (a refusal before dispatch, an old server). */
type SentCall = { result: Result<unknown>; storeId: string | undefined };

export function createBridgeClient(bridge: Bridge): ApiClient {
  return identifiedClient({
    mode: 'desktop',
    send: (name, arg, storeId) =>
      (bridge[name] as (arg: unknown, storeId?: string) => Promise<AnswerEnvelope>)(arg, storeId),
    subscribe: (listener) => bridge.onEvent(listener),
    localFile: async (file) => unwrapResult(await bridge.grantLocalFile(file)),
  });
}

export function createHttpClient(baseUrl: string, token: string): ApiClient {
  const authorization = `Bearer ${token}`;
  return identifiedClient({
    mode: 'browser',
    send: async (name, arg, storeId) => {
      const response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization,
          ...(storeId === undefined ? {} : { [STORE_ID_HEADER]: storeId }),
        },
        body: JSON.stringify(arg),
      });
      return { result: await answerOf(response), storeId: response.headers.get(STORE_ID_HEADER) ?? undefined };
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
  });
}

/** A call's answer: JSON, or a value's bytes after the rest of the answer (contract/byte-answer.ts). */
async function answerOf(response: Response): Promise<Result<unknown>> {
  if (response.headers.get('content-type') !== BYTE_ANSWER_TYPE) return (await response.json()) as Result<unknown>;
  return { ok: true, value: readByteAnswer(await response.arrayBuffer()) };
}

/**
 * Either transport, with the store the page shows sent beside every call (store-identity-tracker.ts). A switch
 * to another store reaches the page as one `store-switched` event, whether the host announced it or refused a
 * call for it; the page takes the new store in with `acceptStore` once it has put the old one away.
 */
function identifiedClient(transport: Transport): ApiClient {
  const listeners = new Set<(event: ApiEvent) => void>();
  const deliver = (event: ApiEvent) => {
    for (const each of [...listeners]) each(event);
  };
  const tracker = new StoreIdentityTracker(deliver);
  let unsubscribe: (() => void) | undefined;
  return {
    mode: transport.mode,
    call: async <N extends CallName>(name: N, arg: CallArg<N>) =>
      unwrapResult(
        (await tracker.track(name, (storeId) => transport.send(name, arg, storeId))) as Result<CallResult<N>>,
      ),
    subscribe: (listener) => {
      listeners.add(listener);
      unsubscribe ??= transport.subscribe((event) => {
        if (event.type === 'store-switched') return tracker.heard({ storeId: event.storeId, display: event.display });
        if (event.type === 'store-opened') tracker.forget();
        deliver(event);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unsubscribe?.();
        unsubscribe = undefined;
      };
    },
    acceptStore: (storeId) => tracker.accept(storeId),
    localFile: transport.localFile,
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
