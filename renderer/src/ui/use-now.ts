import { useSyncExternalStore } from 'react';
import { onTick, tickTime } from './clock.js';

/** The current time, updated once a second (one clock for every countdown on screen). */
export function useNow(): number {
  return useSyncExternalStore(onTick, tickTime);
}
