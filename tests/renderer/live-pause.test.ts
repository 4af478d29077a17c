import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../renderer/src/api/api-client.js';
import { LiveFeed } from '../../renderer/src/live/live-feed.js';
import { holdClock } from '../../renderer/src/shared/clock.js';

const client = {
  mode: 'browser',
  subscribe: () => () => {},
  call: async () => ({ changes: [], latest: 0 }),
} as unknown as ApiClient;

describe('pause holds everything still (issue 11, items 9 and 10)', () => {
  afterEach(() => holdClock(undefined));

  it('a record seen expiring has every count read again at once, unless paused', () => {
    const feed = new LiveFeed(client);
    feed.expiredSeen();
    expect(feed.getSnapshot().counts).toBe(1);
    feed.pause();
    feed.expiredSeen();
    feed.onEvent({ type: 'store-changed', token: '1', latestChange: 4 });
    expect(feed.getSnapshot()).toMatchObject({ counts: 1, version: 0, waiting: 4 });
    feed.resume();
    expect(feed.getSnapshot()).toMatchObject({ counts: 2, version: 1, waiting: 0 });
  });
});
