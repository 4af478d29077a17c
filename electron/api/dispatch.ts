import type { z } from 'zod';
import { calls, isCallName } from './contract/calls.js';
import { fail, ok, type Result } from './contract/results.js';
import { isStoreBound, type StoreIdentity } from './contract/store-identity.js';
import { toErrorResult } from './errors.js';
import type { Handlers } from './handlers.js';

/**
 * `storeId` is the store the caller is showing (contract/store-identity.ts): a call that reads or writes the
 * open store is refused when another is open now. Without one (a page's first call, tests) nothing is checked.
 */
export type Dispatch = (name: unknown, arg: unknown, storeId?: string) => Promise<Result<unknown>>;

/** The store a host has open: its id and name, which dispatch checks calls against. */
export interface OpenStore {
  readonly identity: StoreIdentity;
  /** How an earlier store was shown, for the refusal's message. */
  displayOf(storeId: string): string | null | undefined;
}

/**
 * The single entry for every transport (IPC, HTTP, tests): checks the call's name and validates its
 * argument before any handler runs, and turns every failure into `{ok: false, error}`.
 */
export function createDispatch(handlers: Handlers, open?: OpenStore): Dispatch {
  return async (name, arg, storeId) => {
    if (!isCallName(name))
      return fail('unknown-call', `there is no call named ${JSON.stringify(String(name)).slice(0, 80)}`);
    const now = open?.identity;
    if (now !== undefined && storeId !== undefined && storeId !== now.storeId && isStoreBound(name))
      return storeSwitched(now, open?.displayOf(storeId));
    try {
      const parsed = calls[name].arg.safeParse(arg ?? {});
      if (!parsed.success) return fail('invalid-argument', `${name}: ${describeIssues(parsed.error)}`);
      const handler = handlers[name] as (valid: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      // A payload can defeat validation itself (nesting that exhausts the stack): still an answer, never a throw.
      if (error instanceof RangeError) return fail('invalid-argument', `${name}: the argument is nested too deeply`);
      return toErrorResult(error);
    }
  };
}

/** The one wording of a call refused because another store is open now: nothing of it was done. */
function storeSwitched({ storeId, display }: StoreIdentity, before: string | null | undefined): Result<never> {
  const now = display === null ? 'closed the store' : `opened ${display}`;
  const was = typeof before === 'string' ? before : 'the store shown before';
  return {
    ok: false,
    error: {
      code: 'store-switched',
      message: `Another window or tab ${now}: this call was for ${was} and was not made`,
      storeId,
      display,
    },
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'argument'}: ${issue.message}`)
    .join('; ');
}
