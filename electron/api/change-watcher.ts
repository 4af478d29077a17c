import type { ApiEvent } from './contract/events.js';
import type { StoreSession } from './store-session.js';

const POLL_MS = 200;
const INDEX_CHUNK = 20_000;

/**
 * Notices every commit to the open store, whoever made it, by polling its change token (SQLite's
 * data_version, a cheap in-memory check; for a go-micro store, its table files' stats and meta txids),
 * and tells listeners. The token comes from the store's own thread (see store-worker/), so a tick waits
 * without blocking anything. While idle it also fills the key index a chunk at a time, so filters get fast
 * again soon after a big import or another process's writes (never on a read-only store).
 */
export class ChangeWatcher {
  private timer: NodeJS.Timeout | undefined;
  private lastToken: string | undefined;
  private watched: unknown;
  private paused = false;
  /** A tick still waiting for the store (a reindex queued behind a slow write): the next one is skipped. */
  private ticking = false;

  constructor(
    private readonly session: StoreSession,
    private readonly emit: (event: ApiEvent) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
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
    const store = this.session.store;
    if (store === undefined || this.paused) return;
    if (store !== this.watched) {
      this.watched = store;
      this.lastToken = undefined;
    }
    try {
      const token = await store.changeToken();
      if (token !== this.lastToken) {
        const first = this.lastToken === undefined;
        this.lastToken = token;
        if (!first) this.emit({ type: 'store-changed', token, latestChange: await store.latestChange() });
      } else if (!this.session.readOnly) {
        await store.indexKeys(INDEX_CHUNK);
      }
    } catch {
      // The store may be closing or the file busy; the next tick tries again.
    }
  }
}
