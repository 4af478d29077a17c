import { useSyncExternalStore } from 'react';
import { onTick } from '../shared/clock.js';

const PERIOD_MS = 10_000;
const period = () => Math.floor(Date.now() / PERIOD_MS);

/**
 * Goes up every ten seconds. A record that expires writes nothing, so no change is announced, yet
 * the counts (live and expired records) move: whatever shows them reads them again on this beat.
 */
export function useCountsClock(): number {
  return useSyncExternalStore(onTick, period);
}
