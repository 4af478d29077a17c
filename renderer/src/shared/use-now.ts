import { useSyncExternalStore } from 'react';

/**
 * One clock for every countdown on screen: a single interval however many rows tick, and it
 * stops when nothing shows a countdown.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = window.setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

const snapshot = () => now;

/** The current time, updated once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

/** For code outside React that runs on the same beat (expiring rows). */
export function onTick(listener: () => void): () => void {
  return subscribe(listener);
}
