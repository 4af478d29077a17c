import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../renderer/src/api/api-client.js';
import { LiveFeed } from '../../renderer/src/live/live-feed.js';
import { holdClock } from '../../renderer/src/ui/clock.js';

const client = {
  mode: 'browser',
  subscribe: () => () => {},
  call: async () => ({ changes: [], latest: 0 }),
} as unknown as ApiClient;

describe('pause holds everything still (issue 11, items 9 and 10)', () => {
  afterEach(() => holdClock(undefined));

  it('a record seen expiring has every count read again at once, unless paused', () => {
    const feed = new LiveFeed(client);
    const sent = { reread: 0, recount: 0 };
    feed.on('reread', () => sent.reread++);
    feed.on('recount', () => sent.recount++);
    feed.expiredSeen();
    expect(sent).toEqual({ reread: 0, recount: 1 });
    feed.pause();
    feed.expiredSeen();
    feed.onEvent({ type: 'store-changed', token: '1', latestChange: 4 });
    expect(sent).toEqual({ reread: 0, recount: 1 });
    expect(feed.getSnapshot().waiting).toBe(4);
    feed.resume();
    expect(sent).toEqual({ reread: 1, recount: 2 });
    expect(feed.getSnapshot().waiting).toBe(0);
  });
});
