import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { ApiClient } from '../api/api-client.js';
import { holdClock, onTick } from '../ui/clock.js';
import { appendChanges, type ChangeLog, EMPTY_LOG } from './change-log.js';
import { NO_RECENT, noteRecent, pruneRecent, type RecentChanges } from './recent-changes.js';

/** Changes asked for at once; when more than this happened since the last answer, only the newest are listed. */
const FETCH_LIMIT = 1_000;
/** Seconds between reading the counts again when nothing announced a change (records expire without a write). */
const COUNTS_BEAT_SECONDS = 10;

/**
 * What the feed tells the views, beside its snapshot. `reread`: the open views read the store again (someone
 * committed, or another store opened). `recount`: the record counts are read again: on every `reread`, on a
 * slow beat, and as soon as the grid saw a record expire. Every count on screen (header, sidebar, status bar)
 * comes from one answer read on `recount`, so they move together; paused, neither is sent. `opened`: another
 * store is open, for views too slow to read again on every commit (the Analysis view), sent even when paused.
 */
export type LiveSignal = 'reread' | 'recount' | 'opened';

export interface LiveSnapshot {
  paused: boolean;
  /** Changes committed since live updates were paused. */
  waiting: number;
  log: ChangeLog;
  recent: RecentChanges;
}

const INITIAL: LiveSnapshot = {
  paused: false,
  waiting: 0,
  log: EMPTY_LOG,
  recent: NO_RECENT,
};

/**
 * What is happening to the open store, whoever writes it: each `store-changed` event tells the
 * views to read again (unless paused), and `changes.since` then says which keys changed, for the
 * Changes panel and the highlighted rows. One request at a time; however fast another process
 * writes, each round asks for at most FETCH_LIMIT changes.
 */
export class LiveFeed {
  private snapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly signalListeners: Record<LiveSignal, Set<() => void>> = {
    reread: new Set(),
    recount: new Set(),
    opened: new Set(),
  };
  /** The last change listed; undefined until the feed knows where the log stands. */
  private seq: number | undefined;
  /** The newest change known to have been committed. */
  private latest = 0;
  private pausedAt = 0;
  private noticesWhilePaused = 0;
  /** Bumps when another store opens: answers about the previous one are dropped. */
  private generation = 0;
  private syncing = false;
  private again = false;
  private stopTicking: (() => void) | undefined;
  private seconds = 0;

  constructor(private readonly client: ApiClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveSnapshot => this.snapshot;

  /** Calls `listener` on each `signal`; returns how to stop. */
  on = (signal: LiveSignal, listener: () => void): (() => void) => {
    this.signalListeners[signal].add(listener);
    return () => this.signalListeners[signal].delete(listener);
  };

  /** Learns where the change log stands: only what changes from now on is listed. Returns how to stop. */
  start = (): (() => void) => {
    void this.sync();
    return onTick(this.beat);
  };

  /** The grid saw a record expire: the counts are read again now, not on the next beat. */
  expiredSeen = (): void => this.recount();

  private beat = (): void => {
    this.seconds++;
    if (this.seconds % COUNTS_BEAT_SECONDS === 0) this.recount();
  };

  private recount(): void {
    if (!this.snapshot.paused) this.send('recount');
  }

  /** The views read the store again, and so the counts. */
  private reread(): void {
    this.send('reread');
    this.send('recount');
  }

  private send(signal: LiveSignal): void {
    for (const listener of this.signalListeners[signal]) listener();
  }

  onEvent = (event: ApiEvent): void => {
    if (event.type === 'store-opened') this.storeOpened();
    if (event.type === 'store-changed') this.changed(event.latestChange);
  };

  private changed(latestChange: number): void {
    this.latest = Math.max(this.latest, latestChange);
    if (this.snapshot.paused) {
      this.noticesWhilePaused++;
      this.update({ waiting: this.waiting() });
      return;
    }
    this.reread();
    void this.sync();
  }

  /** Another store is open (from a menu, or opened by this window): everything is read again. */
  storeOpened = (): void => {
    this.generation++;
    this.seq = undefined;
    this.latest = 0;
    this.pausedAt = 0;
    this.noticesWhilePaused = 0;
    this.update({ waiting: 0, log: EMPTY_LOG, recent: NO_RECENT });
    this.send('opened');
    this.reread();
    void this.sync();
  };

  /** The same store was opened again (read-only, or writable again): read it again, keep the list. */
  refresh = (): void => this.reread();

  pause = (): void => {
    if (this.snapshot.paused) return;
    this.pausedAt = this.latest;
    this.noticesWhilePaused = 0;
    holdClock(Date.now());
    this.update({ paused: true, waiting: 0 });
  };

  resume = (): void => {
    if (!this.snapshot.paused) return;
    const missed = this.noticesWhilePaused > 0;
    holdClock(undefined);
    // Records may have expired meanwhile, which no notice announces: the counts are read again either way.
    this.update({ paused: false, waiting: 0 });
    if (missed) {
      this.reread();
      void this.sync();
    } else this.send('recount');
  };

  /** The change log counts commits exactly; a go-micro store has none, so its notices are counted instead. */
  private waiting(): number {
    return this.latest > this.pausedAt ? this.latest - this.pausedAt : this.noticesWhilePaused;
  }

  private async sync(): Promise<void> {
    this.again = true;
    if (this.syncing) return;
    this.syncing = true;
    try {
      while (this.again && !this.snapshot.paused) {
        this.again = false;
        await this.catchUp();
      }
    } catch {
      // The store may be closing or busy: the next change tries again.
    } finally {
      this.syncing = false;
    }
  }

  private async catchUp(): Promise<void> {
    const generation = this.generation;
    if (this.seq === undefined) {
      const { latest } = await this.client.call('changes.since', { seq: 0, limit: 1 });
      if (generation !== this.generation) return;
      this.seq = latest;
      this.latest = Math.max(this.latest, latest);
      return;
    }
    // Far behind (a writer doing thousands of writes a second): list the newest, count the rest.
    const from = Math.max(this.seq, this.latest - FETCH_LIMIT);
    const { changes, latest } = await this.client.call('changes.since', { seq: from, limit: FETCH_LIMIT });
    if (generation !== this.generation) return;
    const last = changes.at(-1)?.seq;
    // Changes pruned from the log before we read them are counted too.
    const missed = Math.max(0, (changes[0]?.seq ?? from + 1) - 1 - this.seq);
    this.seq = last ?? Math.min(from, latest);
    this.latest = Math.max(latest, this.seq);
    if (last !== undefined && last < latest) this.again = true;
    if (changes.length === 0 && missed === 0) return;
    this.update({
      log: appendChanges(this.snapshot.log, changes, missed),
      recent: noteRecent(this.snapshot.recent, changes, Date.now()),
    });
    this.stopTicking ??= onTick(this.forgetOld);
  }

  /** Highlights fade: each second, keys changed more than a few seconds ago are forgotten. */
  private forgetOld = (): void => {
    if (this.snapshot.paused) return;
    const recent = pruneRecent(this.snapshot.recent, Date.now());
    if (recent !== this.snapshot.recent) this.update({ recent });
    if (recent.size > 0) return;
    this.stopTicking?.();
    this.stopTicking = undefined;
  };

  private update(patch: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
