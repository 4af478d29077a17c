/**
 * The page's side of store ids (renderer/src/api/store-identity-tracker.ts): which id a call carries, when a
 * switch is news to this page, and that calls stay refused until the page has put the old store away.
 */
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../electron/api/contract/events.js';
import { ok, type Result } from '../../electron/api/contract/results.js';
import { StoreIdentityTracker } from '../../renderer/src/api/store-identity-tracker.js';

function tracker() {
  const told: ApiEvent[] = [];
  const sent: (string | undefined)[] = [];
  const identity = new StoreIdentityTracker((event) => told.push(event));
  /** One call, answered by a host whose open store is `open` after it. */
  const call = (name: Parameters<StoreIdentityTracker['track']>[0], open: string, result: Result<unknown> = ok(1)) =>
    identity.track(name, async (storeId) => {
      sent.push(storeId);
      return { result, storeId: open };
    });
  return { identity, told, sent, call };
}

const switched = (storeId: string, display: string): Result<never> => ({
  ok: false,
  error: { code: 'store-switched', message: 'switched', storeId, display },
});

describe('StoreIdentityTracker', () => {
  it('learns the store from its first answer, then sends it with every call', async () => {
    const { call, sent } = tracker();
    await call('store.info', 'A');
    await call('records.page', 'A');
    expect(sent).toEqual([undefined, 'A']);
  });

  it("another tab's switch is told once, and calls keep the old id until the page accepts the new store", async () => {
    const { identity, call, sent, told } = tracker();
    await call('store.info', 'A');
    identity.heard({ storeId: 'B', display: 'postgres' });
    await call('record.write', 'B', switched('B', 'postgres'));
    expect(told).toEqual([{ type: 'store-switched', storeId: 'B', display: 'postgres' }]);
    // A second click on Create before the page closed its dialog is refused too: it still names A.
    await call('record.write', 'B', switched('B', 'postgres'));
    expect(sent.slice(1)).toEqual(['A', 'A']);
    identity.accept('B');
    await call('store.info', 'B');
    expect(sent.at(-1)).toBe('B');
    expect(told).toHaveLength(1);
  });

  it("the page's own open is no news, even when its event arrives before the answer", async () => {
    const { identity, call, told, sent } = tracker();
    await call('store.info', 'A');
    const connecting = identity.track('store.connect', async () => {
      identity.heard({ storeId: 'B', display: 'postgres' });
      return { result: ok(1), storeId: 'B' };
    });
    await connecting;
    expect(told).toEqual([]);
    await call('records.page', 'B');
    expect(sent.at(-1)).toBe('B');
  });

  it("another tab's switch heard while this page's failed open was in flight is news afterwards", async () => {
    const { identity, told } = tracker();
    await identity.track('store.info', async () => ({ result: ok(1), storeId: 'A' }));
    await identity.track('store.connect', async () => {
      identity.heard({ storeId: 'B', display: 'postgres' });
      return { result: { ok: false, error: { code: 'unavailable', message: 'refused' } }, storeId: 'B' };
    });
    expect(told).toEqual([{ type: 'store-switched', storeId: 'B', display: 'postgres' }]);
  });

  it('a failed open keeps the store the page shows', async () => {
    const { call, sent } = tracker();
    await call('store.info', 'A');
    await call('store.connect', 'A', { ok: false, error: { code: 'unavailable', message: 'refused' } });
    await call('records.page', 'A');
    expect(sent.at(-1)).toBe('A');
  });
});
