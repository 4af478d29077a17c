import { useEffect, useState } from 'react';
import type { CallArg, CallName, CallResult } from '../../../electron/api/contract/calls.js';
import { useClient } from '../app/client-context.js';

export interface CallState<T> {
  value: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * The result of one call, made again when its argument or `refresh` changes. The previous value
 * stays on screen while the next one loads, and a late answer to an older argument is dropped.
 * A null argument makes no call.
 */
export function useCall<N extends CallName>(name: N, arg: CallArg<N> | null, refresh: unknown = 0) {
  const client = useClient();
  const [state, setState] = useState<CallState<CallResult<N>>>({ value: undefined, error: undefined, loading: true });
  const argKey = arg === null ? null : JSON.stringify(arg);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is there to make the call again.
  useEffect(() => {
    if (argKey === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    client.call(name, JSON.parse(argKey) as CallArg<N>).then(
      (value) => current && setState({ value, error: undefined, loading: false }),
      (error: unknown) => current && setState((previous) => ({ ...previous, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [client, name, argKey, refresh]);
  return state;
}
