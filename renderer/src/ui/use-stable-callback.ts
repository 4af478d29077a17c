import { useCallback, useRef } from 'react';

/** A function whose identity never changes but which always runs the latest `callback`: memoized children stay put. */
export function useStableCallback<A extends unknown[], R>(callback: (...args: A) => R): (...args: A) => R {
  const latest = useRef(callback);
  latest.current = callback;
  return useCallback((...args: A) => latest.current(...args), []);
}
