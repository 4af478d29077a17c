/**
 * The renderer's only way to main: the preload bridge in the desktop app, HTTP in browser mode.
 * Both speak the contract in electron/api/contract, so components never know which one they use.
 */
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { ApiError, Result } from '../../../electron/api/contract/results.js';

export interface ApiClient {
  /** Resolves with the call's result; rejects with an ApiCallError that carries code and message. */
  call<N extends CallName>(name: N, arg: CallArg<N>): Promise<CallResult<N>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** 'desktop' or 'browser', for the few places the UI differs (native dialogs). */
  readonly mode: 'desktop' | 'browser';
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/** What the preload exposes on window: one function per call, plus events. */
export type Bridge = { [N in CallName]: (arg: CallArg<N>) => Promise<Result<CallResult<N>>> } & {
  onEvent(listener: (event: ApiEvent) => void): () => void;
};

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

export function createBridgeClient(bridge: Bridge): ApiClient {
  return {
    mode: 'desktop',
    call: async (name, arg) => unwrap(await (bridge[name] as (arg: unknown) => Promise<Result<never>>)(arg)),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

export function createHttpClient(baseUrl: string, token: string): ApiClient {
  return {
    mode: 'browser',
    call: async (name, arg) => {
      const response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(arg),
      });
      return unwrap((await response.json()) as Result<never>);
    },
    subscribe: (listener) => {
      const source = new EventSource(`${baseUrl}/api/events`);
      source.onmessage = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as ApiEvent);
      return () => source.close();
    },
  };
}

/** The bridge when the preload ran, else HTTP to the page's own origin with the token from its URL. */
export function connect(): ApiClient {
  const bridge = (window as unknown as { storeInspector?: Bridge }).storeInspector;
  if (bridge !== undefined) return createBridgeClient(bridge);
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token') ?? sessionStorage.getItem('si_token') ?? '';
  sessionStorage.setItem('si_token', token);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url);
  }
  return createHttpClient(window.location.origin, token);
}
