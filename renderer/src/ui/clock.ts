/**
 * One clock for every countdown on screen and everything else that runs each second: a single
 * interval however many listen, and it stops when nobody does.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

/** Calls `listener` each second until the returned function is called. */
export function onTick(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** While held (live updates paused), every countdown shows the time it was held at. */
let heldAt: number | undefined;

/** Holds the shown time at `at`, or lets it run again with undefined. */
export function holdClock(at: number | undefined): void {
  heldAt = at;
  now = Date.now();
  for (const listener of listeners) listener();
}

/** The time of the last tick, or the time the clock is held at. */
export const tickTime = () => heldAt ?? now;
