import type { Change } from '../store/change-feed.js';

/** How many pushed changes are kept for the Changes panel: the newest; older ones are counted, not listed. */
const KEPT = 1_000;

/**
 * The changes a server pushed (NATS watch, Redis keyspace notifications) since the store opened, numbered in
 * the order heard: the change log `changes.since` serves where the backend keeps none of its own, so the
 * Changes panel lists them as it lists SQLite's (docs/backends.md, "Live").
 */
export class PushedChanges {
  private kept: Change[] = [];
  private seq = 0;

  add(change: Change): number {
    this.seq++;
    this.kept.push({ ...change, seq: this.seq });
    if (this.kept.length > KEPT) this.kept.splice(0, this.kept.length - KEPT);
    return this.seq;
  }

  latest(): number {
    return this.seq;
  }

  /** Changes after `seq`, oldest first, at most `limit`. */
  since(seq: number, limit: number): Change[] {
    return this.kept.filter((change) => change.seq > seq).slice(0, limit);
  }

  clear(): void {
    this.kept = [];
    this.seq = 0;
  }
}
