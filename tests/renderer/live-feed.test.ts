import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeDto } from '../../electron/api/contract/schemas.js';
import type { ApiClient } from '../../renderer/src/api/api-client.js';
import { LiveFeed } from '../../renderer/src/live/live-feed.js';

/** A change log as the store keeps it: `changes.since` answers from it, oldest first. */
function fakeStore(first = 0) {
  const log: ChangeDto[] = [];
  let seq = first;
  const calls: { seq: number; limit: number }[] = [];
  const client = {
    mode: 'browser',
    subscribe: () => () => {},
    call: async (name: string, arg: { seq: number; limit: number }) => {
      if (name !== 'changes.since') throw new Error(`unexpected ${name}`);
      calls.push(arg);
      return { changes: log.filter((change) => change.seq > arg.seq).slice(0, arg.limit), latest: seq };
    },
  } as unknown as ApiClient;
  const commit = (key: string, kind: ChangeDto['kind'] = 'create') => {
    seq++;
    log.push({ seq, database: 'micro', table: 'micro', key, kind, at: 1_000 });
    return seq;
  };
  return { client, commit, calls, latest: () => seq };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the live feed', () => {
  beforeEach(() => vi.stubGlobal('window', globalThis));
  afterEach(() => vi.unstubAllGlobals());

  it('lists only what changes after the window opened, and asks the views to read again', async () => {
    const store = fakeStore();
    store.commit('before');
    const feed = new LiveFeed(store.client);
    let rereads = 0;
    feed.on('reread', () => rereads++);
    feed.start();
    await settle();
    store.commit('a');
    feed.onEvent({ type: 'store-changed', token: 't1', latestChange: store.latest() });
    await settle();
    const snapshot = feed.getSnapshot();
    expect(rereads).toBe(1);
    expect(snapshot.log.changes.map((change) => change.key)).toEqual(['a']);
    expect([...snapshot.recent.values()].map((entry) => entry.kind)).toEqual(['create']);
  });

  it('far behind, lists the newest changes and counts the rest', async () => {
    const store = fakeStore();
    const feed = new LiveFeed(store.client);
    feed.start();
    await settle();
    for (let index = 0; index < 2_500; index++) store.commit(`k${index}`);
    feed.onEvent({ type: 'store-changed', token: 't', latestChange: store.latest() });
    await settle();
    await settle();
    const { log } = feed.getSnapshot();
    expect(log.changes).toHaveLength(1_000);
    expect(log.changes[0]?.key).toBe('k1500');
    expect(log.unlisted).toBe(1_500);
    expect(store.calls.every((call) => call.limit <= 1_000)).toBe(true);
  });

  it('while paused, the views hold still and the waiting changes are counted; resuming catches up', async () => {
    const store = fakeStore();
    const feed = new LiveFeed(store.client);
    let rereads = 0;
    feed.on('reread', () => rereads++);
    feed.start();
    await settle();
    feed.pause();
    store.commit('x');
    store.commit('y');
    feed.onEvent({ type: 'store-changed', token: 't', latestChange: store.latest() });
    expect(rereads).toBe(0);
    expect(feed.getSnapshot()).toMatchObject({ paused: true, waiting: 2 });
    feed.resume();
    await settle();
    expect(rereads).toBe(1);
    expect(feed.getSnapshot()).toMatchObject({ paused: false, waiting: 0 });
    expect(feed.getSnapshot().log.changes.map((change) => change.key)).toEqual(['x', 'y']);
  });

  it('a store with no change log (go-micro) counts notices while paused', () => {
    const store = fakeStore();
    const feed = new LiveFeed(store.client);
    feed.pause();
    feed.onEvent({ type: 'store-changed', token: 'a', latestChange: 0 });
    feed.onEvent({ type: 'store-changed', token: 'b', latestChange: 0 });
    expect(feed.getSnapshot().waiting).toBe(2);
  });

  it('another store starts the list afresh', async () => {
    const store = fakeStore();
    const feed = new LiveFeed(store.client);
    let rereads = 0;
    feed.on('reread', () => rereads++);
    feed.start();
    await settle();
    store.commit('old');
    feed.onEvent({ type: 'store-changed', token: 't', latestChange: store.latest() });
    await settle();
    feed.onEvent({ type: 'store-opened', path: '/other.db' });
    expect(feed.getSnapshot().log.changes).toEqual([]);
    expect(rereads).toBe(2);
  });
});
