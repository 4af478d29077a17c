/**
 * How many records a many-record write had written, each whole, when it failed: carried on its error, so a
 * copy or an import into a store without a transaction (Redis, NATS) says what stayed written, counting the
 * records of the batch that failed (docs/import-export.md, "Copy between stores"). No imports: both the
 * backends and the transfer code read it.
 */

const WRITTEN = Symbol('recordsWrittenBeforeFailure');

/** Notes on `error` that `count` records were written before it; returns the error. */
export function notePartlyWritten<E>(error: E, count: number): E {
  if (typeof error === 'object' && error !== null) Object.defineProperty(error, WRITTEN, { value: count });
  return error;
}

/** The records the failed write had written before it (0 when it says nothing). */
export function partlyWritten(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 0;
  const count: unknown = (error as { [WRITTEN]?: unknown })[WRITTEN];
  return typeof count === 'number' ? count : 0;
}
