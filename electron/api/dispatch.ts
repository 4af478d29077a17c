import type { z } from 'zod';
import { calls, isCallName } from './contract/calls.js';
import { fail, ok, type Result } from './contract/results.js';
import { toErrorResult } from './errors.js';
import type { Handlers } from './handlers.js';

export type Dispatch = (name: unknown, arg: unknown) => Promise<Result<unknown>>;

/**
 * The single entry for every transport (IPC, HTTP, tests): checks the call's name and validates its
 * argument before any handler runs, and turns every failure into `{ok: false, error}`.
 */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (name, arg) => {
    if (!isCallName(name))
      return fail('unknown-call', `there is no call named ${JSON.stringify(String(name)).slice(0, 80)}`);
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

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'argument'}: ${issue.message}`)
    .join('; ');
}
