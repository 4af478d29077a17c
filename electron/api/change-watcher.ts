import type { Backend, EventWatching, PolledWatching } from '../backends/backend.js';
import type { Namespace } from '../store/namespaces.js';
import { DEFAULT_DATABASE, DEFAULT_TABLE } from '../store/types.js';
import type { ApiEvent } from './contract/events.js';
import type { StoreSession } from './store-session.js';

const POLL_MS = 200;
/**
 * Pushed changes are announced at most this often: each `store-changed` makes the page read its grid, count
 * and tables again, and a service's burst of 200 puts announced one by one queued 200 of each, so the counts
 * showed the burst seconds after the Changes panel did. The first change of a quiet spell is announced at once.
 */
const PUSHED_GAP_MS = 100;
const INDEX_CHUNK = 20_000;

/**
 * Notices every commit to the open store, whoever made it, and tells listeners with `store-changed`. How
 * depends on the backend's `watching` (backends/backend.ts): a polled change token (SQLite's data_version, a
 * cheap in-memory check; go-micro's table files' stats and meta txids), read on the store's own thread so a
 * tick waits without blocking anything; or changes the server pushes for the table on screen. A backend
 * without a change log sends `latestChange: 0`, which makes the page read again what it shows. While idle it
 * also runs the backend's upkeep (SQLite fills its key index a chunk at a time, never when read-only).
 */
export class ChangeWatcher {
  private timer: NodeJS.Timeout | undefined;
  private lastToken: string | undefined;
  private watched: unknown;
  private paused = false;
  /** A tick still waiting for the store (a reindex queued behind a slow write): the next one is skipped. */
  private ticking = false;
  private subscription: { backend: Backend; key: string; stop: () => void } | undefined;
  private pushed = 0;
  /** The latest pushed change not announced yet, and when one was last announced. */
  private unannounced: number | undefined;
  private announcedAt = 0;
  private announceTimer: NodeJS.Timeout | undefined;
  private stopViewing: (() => void) | undefined;

  constructor(
    private readonly session: StoreSession,
    private readonly emit: (event: ApiEvent) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref?.();
    // A server's watch follows the table on screen from the moment the page asks for it.
    this.stopViewing ??= this.session.onViewedChange(() => void this.tick());
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopViewing?.();
    this.stopViewing = undefined;
    this.unsubscribe();
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.unannounced = undefined;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.check();
    } finally {
      this.ticking = false;
    }
  }

  private async check(): Promise<void> {
    const backend = this.session.backend;
    if (backend?.watching?.mode !== 'events' || backend !== this.subscription?.backend) this.unsubscribe();
    if (backend === undefined || this.paused) return;
    const watching = backend.watching;
    if (watching?.mode === 'events') this.subscribe(backend, watching);
    else if (watching?.mode === 'polling') await this.poll(backend, watching);
  }

  private async poll(backend: Backend, watching: PolledWatching): Promise<void> {
    if (backend !== this.watched) {
      this.watched = backend;
      this.lastToken = undefined;
    }
    try {
      const token = await watching.changeToken(this.viewed());
      if (token !== this.lastToken) {
        // The first token is the baseline, but one taken after the page read a table of a store without a
        // change log may already hold a write made since that read: the page reads again to be sure.
        const first = this.lastToken === undefined;
        const catchUp = first && this.session.viewed !== undefined && watching.changes === undefined;
        this.lastToken = token;
        if (!first || catchUp)
          this.emit({ type: 'store-changed', token, latestChange: (await watching.latestChange?.()) ?? 0 });
      } else if (backend.upkeep) {
        await backend.upkeep.indexKeys(INDEX_CHUNK);
      }
    } catch {
      // The store may be closing or the file busy; the next tick tries again.
    }
  }

  /** Pushed changes of the table on screen: (re)subscribed when the page turns to another table. */
  private subscribe(backend: Backend, watching: EventWatching): void {
    const namespace = this.viewed();
    const key = JSON.stringify([namespace.database, namespace.table]);
    if (this.subscription?.backend === backend && this.subscription.key === key) return;
    this.unsubscribe();
    const log = this.session.pushed;
    const changed = (latestChange: number) => this.announce(latestChange);
    try {
      const subscription = { backend, key, stop: () => {} };
      // The page read this table before the subscription was in place: it reads again once it is.
      const ready = () => {
        if (this.subscription === subscription) changed(log.latest());
      };
      subscription.stop = watching.subscribe(namespace, (change) => changed(log.add(change)), ready);
      this.subscription = subscription;
    } catch {
      // The next tick tries again.
    }
  }

  /** Announces a pushed change now, or with the others of a burst once PUSHED_GAP_MS has passed. */
  private announce(latestChange: number): void {
    this.unannounced = Math.max(this.unannounced ?? 0, latestChange);
    if (this.announceTimer !== undefined) return;
    const wait = this.announcedAt + PUSHED_GAP_MS - Date.now();
    if (wait <= 0) this.announcePending();
    else {
      this.announceTimer = setTimeout(() => this.announcePending(), wait);
      this.announceTimer.unref?.();
    }
  }

  private announcePending(): void {
    this.announceTimer = undefined;
    const latestChange = this.unannounced;
    if (latestChange === undefined) return;
    this.unannounced = undefined;
    this.announcedAt = Date.now();
    this.pushed++;
    if (!this.paused) this.emit({ type: 'store-changed', token: `event-${this.pushed}`, latestChange });
  }

  private unsubscribe(): void {
    const stop = this.subscription?.stop;
    this.subscription = undefined;
    try {
      stop?.();
    } catch {
      // Already gone with its connection.
    }
  }

  /** The table the page reads now; go-micro's default table until it has read one. */
  private viewed(): Namespace {
    return this.session.viewed ?? { database: DEFAULT_DATABASE, table: DEFAULT_TABLE };
  }
}
