/**
 * When a record counts as expired, and how much life it has left, for every backend and the page
 * (docs/store-semantics.md §4). Times are ms since the epoch; `expiresAt` null means never.
 */

/** Strictly after: a record is still live at the exact millisecond it expires. */
export function isExpired(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && now > expiresAt;
}

/** ms left for a live record; at least 1 when it expires at all, so 0 keeps meaning "never" (go-micro's Expiry). */
export function remainingLife(expiresAt: number | null, now: number): number {
  if (expiresAt === null) return 0;
  return Math.max(1, Math.ceil(expiresAt - now));
}
