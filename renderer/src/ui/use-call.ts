import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';

interface CallState<T> {
  value: T | undefined;
  error: unknown;
  loading: boolean;
  /** The argument `value` answers (as text): it may be an older one while the next loads. */
  answers: string | undefined;
}

/**
 * The result of one call, made again when its argument changes (by value: a new object with the same fields
 * asks nothing) or when `reload` is called. The previous value stays on screen while the next one loads, and
 * an answer to an older request is dropped. A null argument makes no call.
 */
export function useCall<N extends CallName>(name: N, arg: CallArg<N> | null) {
  const client = useClient();
  const [state, setState] = useState<CallState<CallResult<N>>>({
    value: undefined,
    error: undefined,
    loading: true,
    answers: undefined,
  });
  const latestArg = useRef(arg);
  latestArg.current = arg;
  /** The request whose answer counts; an older one's is dropped. */
  const asked = useRef(0);
  const reload = useCallback(() => {
    const current = latestArg.current;
    if (current === null) return;
    const request = ++asked.current;
    const answers = JSON.stringify(current);
    setState((previous) => ({ ...previous, loading: true }));
    client.call(name, current).then(
      (value) => request === asked.current && setState({ value, error: undefined, loading: false, answers }),
      (error: unknown) => request === asked.current && setState((previous) => ({ ...previous, error, loading: false })),
    );
  }, [client, name]);
  const argKey = arg === null ? null : JSON.stringify(arg);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the argument's text stands for the argument.
  useEffect(() => {
    reload();
    return () => {
      asked.current++;
    };
  }, [reload, argKey]);
  /** True when `value` answers the argument given now, not an older one. */
  const fresh = state.answers !== undefined && state.answers === argKey;
  return { value: state.value, error: state.error, loading: state.loading, fresh, reload };
}
