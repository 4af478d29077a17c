/**
 * A cancel that crosses into a store thread. The thread runs its call synchronously (better-sqlite3), so a
 * message posted to it would wait until the call ends; a flag in shared memory is read at once, between
 * the call's phases (docs/analysis.md, "Cancelling").
 */

/** What a cancellable call reads to know it was cancelled: an AbortSignal, or a thread's view of the flag. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** A shared flag set to 1 when `signal` aborts (at once when it already has). */
export function flagFor(signal: CancelSignal): Int32Array {
  const flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const raise = () => Atomics.store(flag, 0, 1);
  if (signal.aborted) raise();
  else if (signal instanceof AbortSignal) signal.addEventListener('abort', raise, { once: true });
  return flag;
}

/** The thread's side: a signal that reads the flag each time it is asked. */
export function signalOf(flag: Int32Array): CancelSignal {
  return {
    get aborted() {
      return Atomics.load(flag, 0) === 1;
    },
  };
}
