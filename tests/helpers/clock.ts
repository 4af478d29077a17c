/**
 * A manual clock for the Store's injected `now` option: time moves only when a test says so,
 * so expiry tests never sleep and never flake.
 */
export interface ManualClock {
  /** Milliseconds since the epoch, as `Date.now()` would give. Pass as the store's `now`. */
  now: () => number;
  /** Moves time forward (or back, with a negative number) by `ms`. */
  advance(ms: number): void;
  /** Jumps to an absolute time. */
  set(ms: number): void;
}

/** 2025-01-01T00:00:00Z: far from 0 so that "now minus something" stays positive. */
export const CLOCK_START = Date.UTC(2025, 0, 1);

export function createClock(start: number = CLOCK_START): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}
