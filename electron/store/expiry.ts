import { StoreInputError, type WriteOptions } from './types.js';

export { isExpired, remainingLife } from '../common/expiry.js';

/**
 * When a record written now expires, in ms since the epoch, or null for never (docs/store-semantics.md §4).
 * Write options override the record's own expiry only when given: `expiry` (any Date), then `ttl`
 * when non-zero, so ttl wins when both are given. Negative times store an already-expired record.
 */
export function expiresAtFor(recordExpiry: number | undefined, options: WriteOptions | undefined, now: number) {
  let expiresAt = lifeToExpiresAt(checkDuration(recordExpiry ?? 0, 'record expiry'), now);
  if (options?.expiry !== undefined) expiresAt = dateToExpiresAt(options.expiry, now);
  const ttl = checkDuration(options?.ttl ?? 0, 'ttl');
  if (ttl !== 0) expiresAt = lifeToExpiresAt(ttl, now);
  return expiresAt;
}

function lifeToExpiresAt(life: number, now: number): number | null {
  if (life === 0) return null;
  // A negative life means "already expired": one ms in the past is enough and never overflows.
  if (life < 0) return Math.floor(now) - 1;
  // Stored in whole ms, rounded down so the time left never exceeds what was written; a live
  // record is never stored as already expired.
  return Math.max(Math.floor(now + life), Math.ceil(now));
}

function dateToExpiresAt(date: Date, now: number): number {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new StoreInputError('expiry must be a valid Date');
  // A Date at or before now stores an already-expired record (docs/store-semantics.md §8).
  return time <= now ? Math.min(time, now - 1) : time;
}

function checkDuration(ms: number, name: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new StoreInputError(`${name} must be a finite number of milliseconds, got ${String(ms)}`);
  }
  return ms;
}
