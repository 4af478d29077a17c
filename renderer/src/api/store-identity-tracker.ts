/**
 * The store this page is showing, as the host named it (electron/api/contract/store-identity.ts): sent with
 * every call so that a call made for a store another tab has since replaced is refused, never made on the new
 * one. docs/architecture.md, "Store identity", tells the whole exchange.
 */
import type { CallName } from '../../../electron/api/contract/calls.js';
import type { ApiEvent } from '../../../electron/api/contract/events.js';
import type { Result } from '../../../electron/api/contract/results.js';
import { opensStore, type StoreIdentity } from '../../../electron/api/contract/store-identity.js';

type SwitchedEvent = Extract<ApiEvent, { type: 'store-switched' }>;

export class StoreIdentityTracker {
  /** The store the page shows; undefined until the first answer names it. */
  private known: string | undefined;
  /** A switch the page was told of and has not taken in yet: calls still name the old store (and are refused). */
  private announced: string | undefined;
  /** Opening calls of this page in flight: a switch heard meanwhile may be its own, so it waits for them. */
  private opening = 0;
  private held: StoreIdentity[] = [];
  /** One of those opens succeeded: what was heard meanwhile is older than the store this page chose. */
  private ownOpen = false;

  constructor(private readonly announce: (event: SwitchedEvent) => void) {}

  /** The id to send with the next call. */
  get storeId(): string | undefined {
    return this.known;
  }

  /** Sends one call with the id known now, then learns from its answer what store is open. */
  async track<T>(
    name: CallName,
    send: (storeId: string | undefined) => Promise<{ result: Result<T>; storeId: string | undefined }>,
  ): Promise<Result<T>> {
    const opening = opensStore(name);
    if (opening) this.opening++;
    try {
      const { result, storeId } = await send(this.known);
      if (!result.ok && result.error.code === 'store-switched') {
        const { storeId: now, display } = result.error;
        this.heard({ storeId: now, display });
      } else if (storeId !== undefined && (this.known === undefined || (opening && result.ok))) {
        // This page opened that store itself, or it has just loaded: what it shows is that store.
        this.known = storeId;
        if (opening) this.ownOpen = true;
      }
      return result;
    } finally {
      if (opening) this.opened();
    }
  }

  /** The host says another store is open (an event, or a refused call): the page is told once per store. */
  heard(identity: StoreIdentity): void {
    if (this.opening > 0) {
      this.held.push(identity);
      return;
    }
    const { storeId } = identity;
    if (this.known === undefined || storeId === this.known || storeId === this.announced) return;
    this.announced = storeId;
    this.announce({ type: 'store-switched', ...identity });
  }

  /** The page has put away what it showed of the old store (nothing written): calls are for the new one now. */
  accept(storeId: string): void {
    this.known = storeId;
    if (this.announced === storeId) this.announced = undefined;
  }

  /** The desktop's main opened another store for this window (a menu): the next answer names it. */
  forget(): void {
    this.known = undefined;
    this.announced = undefined;
  }

  private opened(): void {
    this.opening--;
    if (this.opening > 0) return;
    // After this page's own open a switch heard meanwhile is dropped: were it newer, the next call is refused
    // and says so. After a failed open it is news as usual.
    const held = this.ownOpen ? [] : this.held;
    this.held = [];
    this.ownOpen = false;
    for (const identity of held) this.heard(identity);
  }
}
