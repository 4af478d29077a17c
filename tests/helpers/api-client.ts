/**
 * The contract as the renderer sees it: every argument and every result crosses a structuredClone,
 * as Electron's IPC would carry it, and every successful result must parse with its call's result
 * schema. Errors must be data: one of the contract's errors (its schema checks the code and that code's
 * fields), a message a person can read, never a stack trace.
 */
import { expect } from 'vitest';
import { type CallArg, type CallName, type CallResult, calls } from '../../electron/api/contract/calls.js';
import {
  type ApiError,
  type ApiErrorOf,
  apiErrorSchema,
  type ErrorCode,
  type Result,
} from '../../electron/api/contract/results.js';
import { createDispatch, type Dispatch } from '../../electron/api/dispatch.js';
import { type FileAccess, FileGrants } from '../../electron/api/file-grants.js';
import { createHandlers, type HostCapabilities } from '../../electron/api/handlers.js';
import { StoreSession } from '../../electron/api/store-session.js';

export interface ApiClient {
  session: StoreSession;
  dispatch: Dispatch;
  grants: FileGrants;
  /** Grants `path` as main would after a native dialog: the id a call names the file by. */
  file(path: string, access: FileAccess): string;
  /** A typed call; the result is checked against the call's result schema when ok. */
  call<N extends CallName>(name: N, arg: CallArg<N>): Promise<Result<CallResult<N>>>;
  /** A call that must succeed; its value. */
  value<N extends CallName>(name: N, arg: CallArg<N>): Promise<CallResult<N>>;
  /** A call that must fail; its error. */
  error<N extends CallName>(name: N, arg: CallArg<N>): Promise<ApiError>;
  /** Any name, any payload (for malformed calls); both directions cloned. */
  raw(name: unknown, arg: unknown): Promise<Result<unknown>>;
}

export function apiClient(session: StoreSession = new StoreSession(), host: HostCapabilities = {}): ApiClient {
  const grants = new FileGrants();
  const dispatch = createDispatch(createHandlers(session, { host, grants }));
  const raw = async (name: unknown, arg: unknown): Promise<Result<unknown>> => {
    const result = structuredClone(await dispatch(structuredClone(name), structuredClone(arg)));
    if (!result.ok) expectErrorShape(result.error);
    return result;
  };
  const call = async <N extends CallName>(name: N, arg: CallArg<N>): Promise<Result<CallResult<N>>> => {
    const result = await raw(name, arg);
    if (result.ok) {
      const checked = calls[name].result.safeParse(result.value);
      if (!checked.success) throw new Error(`${name}: result does not match its schema: ${checked.error.message}`);
    }
    // The schema check above is what proves the value has the call's result type.
    return result as Result<CallResult<N>>;
  };
  return {
    session,
    dispatch,
    grants,
    file: (path, access) => grants.grant(path, access).id,
    call,
    raw,
    async value(name, arg) {
      const result = await call(name, arg);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async error(name, arg) {
      const result = await call(name, arg);
      if (result.ok) throw new Error(`${name} succeeded but was expected to fail: ${JSON.stringify(result.value)}`);
      return result.error;
    },
  };
}

/** An error a person can act on: one of the contract's errors, a non-empty message, no stack trace. */
export function expectErrorShape(error: ApiError): void {
  const checked = apiErrorSchema.safeParse(error);
  if (!checked.success)
    throw new Error(`not an error of the contract: ${JSON.stringify(error).slice(0, 300)}: ${checked.error.message}`);
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.message).not.toMatch(/\n\s+at /);
}

/** The error, which must have `code`, typed as that code's error (a conflict with its `current`, …). */
export function expectCode<C extends ErrorCode>(error: ApiError, code: C): ApiErrorOf<C> {
  expect(error.code, error.message).toBe(code);
  return error as ApiErrorOf<C>;
}

export const base64 = (bytes: string | Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromBase64 = (text: string): Buffer => Buffer.from(text, 'base64');
