import { describe, expect, it } from 'vitest';
import type { ChangeDto } from '../../electron/api/contract/schemas.js';
import {
  appendChanges,
  EMPTY_LOG,
  goneNow,
  isGone,
  MAX_LISTED,
  visibleChanges,
} from '../../renderer/src/live/change-log.js';
import { NO_RECENT, noteRecent, pruneRecent, RECENT_MS, recentKindOf } from '../../renderer/src/live/recent-changes.js';

const change = (seq: number, key: string, kind: ChangeDto['kind'] = 'update', table = 'micro'): ChangeDto => ({
  seq,
  database: 'micro',
  table,
  key,
  kind,
  at: seq,
});

describe('the change log', () => {
  it('keeps the newest changes and counts what it dropped', () => {
    const many = Array.from({ length: MAX_LISTED + 10 }, (_, index) => change(index + 1, `k${index}`));
    const log = appendChanges(EMPTY_LOG, many, 3);
    expect(log.changes).toHaveLength(MAX_LISTED);
    expect(log.changes[0]?.seq).toBe(11);
    expect(log.unlisted).toBe(13);
  });

  it('shows the newest first, filtered by key text and kind, up to a limit', () => {
    const log = appendChanges(
      EMPTY_LOG,
      [change(1, 'user/1', 'create'), change(2, 'order/1', 'create'), change(3, 'USER/2', 'delete')],
      0,
    );
    expect(visibleChanges(log, { text: 'user', kind: 'any' }, 10).map((entry) => entry.seq)).toEqual([3, 1]);
    expect(visibleChanges(log, { text: '', kind: 'create' }, 1).map((entry) => entry.seq)).toEqual([2]);
    expect(isGone(change(4, 'x', 'expired'))).toBe(true);
    expect(isGone(change(5, 'x', 'update'))).toBe(false);
  });
});

describe('recent changes', () => {
  it('remember each key with its latest kind, per table, until they fade', () => {
    const recent = noteRecent(
      NO_RECENT,
      [change(1, 'a', 'create'), change(2, 'a', 'update'), change(3, 'b', 'create', 'other')],
      0,
    );
    expect(recentKindOf(recent, { database: 'micro', table: 'micro' }, 'a')).toBe('update');
    expect(recentKindOf(recent, { database: 'micro', table: 'micro' }, 'b')).toBeUndefined();
    expect(pruneRecent(recent, RECENT_MS - 1)).toBe(recent);
    expect(pruneRecent(recent, RECENT_MS).size).toBe(0);
  });

  it('forget the oldest keys beyond a bound', () => {
    const flood = Array.from({ length: 5_000 }, (_, index) => change(index + 1, `k${index}`));
    const recent = noteRecent(NO_RECENT, flood, 0);
    expect(recent.size).toBe(2_000);
    expect(recentKindOf(recent, { database: 'micro', table: 'micro' }, 'k4999')).toBe('update');
    expect(recentKindOf(recent, { database: 'micro', table: 'micro' }, 'k0')).toBeUndefined();
  });
});

describe('which Changes entries name a record that is gone now', () => {
  it('marks older entries of a key deleted since as gone, and nothing of a key written again', () => {
    const changes = [
      change(1, 'a', 'create'),
      change(2, 'a', 'update'),
      change(3, 'b', 'update'),
      change(4, 'a', 'delete'),
      change(5, 'c', 'delete'),
      change(6, 'c', 'create'),
      change(7, 'a', 'update', 'other'),
    ];
    const gone = goneNow(changes);
    expect(changes.map((entry) => gone(entry))).toEqual([true, true, false, true, false, false, false]);
  });
});
