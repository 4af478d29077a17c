/**
 * One key snapshot per table (docs/backend-redis.md, "Key order"). Building one costs a full SCAN and a sort
 * (seconds at 1M keys), so it is built once, kept current by our own writes and by keyspace events, and
 * when it may have missed changes (no events, or the event connection dropped) renewed in the background
 * while pages keep using the older one, at most once per a few times its own build time.
 */
import { newScanProgress, type ScanProgress } from './redis-key-scan.js';
import { KeySnapshot } from './redis-key-snapshot.js';

interface Entry {
  snapshot?: KeySnapshot;
  building?: Promise<KeySnapshot>;
  /** Changes heard while a build scans: replayed onto its result. */
  heard?: [string, boolean][];
  /** The running build's SCAN so far. */
  progress?: ScanProgress;
  stale: boolean;
  buildMs: number;
  /** Keys added or removed in the current second: a burst is cheaper to rescan than to splice in. */
  spliced: number;
  second: number;
}

const MIN_RENEW_GAP_MS = 5_000;
const RENEW_GAP_BUILDS = 5;
/**
 * Above this many new or removed keys a second (each a splice of the sorted array, ~0.5 ms at 1M keys), the
 * snapshot stops following and is renewed instead, so a service writing fast cannot eat the inspector's CPU.
 */
const MAX_SPLICES_PER_SECOND = 500;

/** A snapshot built this fast (some tens of thousands of keys) is renewed when a poll sees a change. */
const CHEAP_BUILD_MS = 50;
const CHEAP_RENEW_BUILDS = 10;

export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * How many tables' first listings have completed: a polled change token carries it, so the page, which
   * showed keys listed so far, reads again in key order when a listing ends.
   */
  firstListings = 0;

  constructor(
    private readonly scan: (table: string, progress: ScanProgress) => Promise<string[]>,
    private readonly now: () => number,
    /** Runs before a scan starts: the event subscription that keeps the result current. */
    private readonly beforeScan: (table: string) => Promise<void> = async () => undefined,
  ) {}

  /** The table's snapshot: a fresh one, the current one while a renewal runs, or the first one built now. */
  async get(table: string): Promise<KeySnapshot> {
    const entry = this.entry(table);
    const { snapshot } = entry;
    if (snapshot === undefined) return entry.building ?? this.build(table, entry);
    const gap = Math.max(MIN_RENEW_GAP_MS, RENEW_GAP_BUILDS * entry.buildMs);
    if (entry.stale && entry.building === undefined && this.now() - snapshot.builtAt >= gap) {
      // A failed renewal keeps the older snapshot; the next read tries again.
      this.build(table, entry).catch(() => undefined);
    }
    return snapshot;
  }

  /** The snapshot if one is built, without building. */
  peek(table: string): KeySnapshot | undefined {
    return this.entries.get(table)?.snapshot;
  }

  /**
   * While a table's first snapshot is being built: its SCAN so far (keys in hash order), for a page that
   * cannot wait for the rest. Undefined once a snapshot exists, or when none is being built.
   */
  listing(table: string): ScanProgress | undefined {
    const entry = this.entries.get(table);
    return entry?.snapshot === undefined ? entry?.progress : undefined;
  }

  tables(): string[] {
    return [...this.entries.keys()];
  }

  /** The snapshot may have missed changes: renew it (one table, or all after a lost event connection). */
  markStale(table?: string): void {
    for (const [name, entry] of this.entries) if (table === undefined || name === table) entry.stale = true;
  }

  /**
   * Without events, a poll that sees the database's size move renews a snapshot that is cheap to build at
   * once (a small table: the new key shows on the next page), no more often than CHEAP_RENEW_BUILDS times its
   * build time; a costly one only becomes stale, renewed in the background as `get` allows.
   */
  async renewIfCheap(table: string): Promise<void> {
    const entry = this.entries.get(table);
    if (entry?.snapshot === undefined) return;
    const cheap =
      entry.buildMs <= CHEAP_BUILD_MS && this.now() - entry.snapshot.builtAt >= CHEAP_RENEW_BUILDS * entry.buildMs;
    if (!cheap || entry.building !== undefined) {
      entry.stale = true;
      return;
    }
    await this.build(table, entry).catch(() => undefined);
  }

  /** A key written (`present`) or removed, by us or as an event reported it. */
  apply(table: string, byteKey: string, present: boolean): void {
    const entry = this.entries.get(table);
    if (entry === undefined) return;
    entry.heard?.push([byteKey, present]);
    const snapshot = entry.snapshot;
    if (snapshot === undefined || snapshot.has(byteKey) === present) return;
    const second = Math.floor(this.now() / 1_000);
    if (second !== entry.second) {
      entry.second = second;
      entry.spliced = 0;
    }
    if (++entry.spliced > MAX_SPLICES_PER_SECOND) entry.stale = true;
    else if (present) snapshot.insert(byteKey);
    else snapshot.remove(byteKey);
  }

  private entry(table: string): Entry {
    let entry = this.entries.get(table);
    if (entry === undefined) {
      entry = { stale: false, buildMs: 0, spliced: 0, second: 0 };
      this.entries.set(table, entry);
    }
    return entry;
  }

  private build(table: string, entry: Entry): Promise<KeySnapshot> {
    const started = this.now();
    const heard: [string, boolean][] = [];
    const progress = newScanProgress();
    entry.progress = progress;
    const building = (async () => {
      await this.beforeScan(table);
      entry.heard = heard;
      // Cleared before the scan, so a change that makes it stale while scanning is not forgotten.
      entry.stale = false;
      const snapshot = new KeySnapshot(await this.scan(table, progress), started);
      for (const [key, present] of heard) {
        if (present) snapshot.insert(key);
        else snapshot.remove(key);
      }
      if (entry.snapshot === undefined) this.firstListings++;
      entry.snapshot = snapshot;
      entry.buildMs = this.now() - started;
      return snapshot;
    })();
    entry.building = building;
    const done = () => {
      if (entry.building === building) entry.building = undefined;
      if (entry.heard === heard) entry.heard = undefined;
      if (entry.progress === progress) entry.progress = undefined;
    };
    building.then(done, () => {
      entry.stale = true;
      done();
    });
    return building;
  }
}
