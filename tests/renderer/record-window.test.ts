import { describe, expect, it } from 'vitest';
import type { RecordSummaryDto } from '../../electron/api/contract/schemas.js';
import {
  anchorAtEnd,
  appendRows,
  dropExpired,
  EMPTY_WINDOW,
  nextNeed,
  prependRows,
  rowAt,
  trimAround,
} from '../../renderer/src/grid/record-window.js';

const row = (key: string, expiresAt: number | null = null): RecordSummaryDto => ({
  key,
  size: 1,
  preview: '',
  metadata: {},
  expiresAt,
  expired: false,
  updatedAt: 0,
  revision: '1.1',
});
const rows = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => row(`k${String(from + index).padStart(4, '0')}`));

describe('the record window', () => {
  it('starts by paging forward from the first record', () => {
    expect(nextNeed(EMPTY_WINDOW, 0, 30, 2000)).toEqual({ kind: 'forward', after: undefined });
    const window = appendRows(EMPTY_WINDOW, rows(0, 200), 'k0199');
    expect(nextNeed(window, 0, 30, 2000)).toEqual({ kind: 'none' });
    expect(nextNeed(window, 190, 230, 2000)).toEqual({ kind: 'forward', after: 'k0199' });
  });

  it('jumps when the viewport is far from the loaded rows', () => {
    const window = appendRows(EMPTY_WINDOW, rows(0, 200), 'k0199');
    expect(nextNeed(window, 500_000, 500_030, 2000)).toEqual({ kind: 'jump', index: 500_000 });
  });

  it('pages backward after a jump, and learns it reached the start', () => {
    const jumped = { start: 5000, rows: rows(5000, 10), before: 'k4999', atEnd: false };
    expect(nextNeed(jumped, 4990, 5005, 2000)).toEqual({ kind: 'backward', before: 'k5000' });
    const nearestFirst = rows(4995, 5).reverse();
    const more = prependRows(jumped, [...nearestFirst, row('k4994')], 5);
    expect(more).toMatchObject({ start: 4995, before: 'k4994' });
    expect(rowAt(more, 4995)?.key).toBe('k4995');
    const atStart = prependRows(jumped, nearestFirst, 5);
    expect(atStart).toMatchObject({ start: 0, before: undefined });
  });

  it('takes its exact place once it holds the last record', () => {
    const window = { start: 400, rows: rows(900, 100), before: 'k0899', atEnd: true };
    expect(anchorAtEnd(window, 1000).start).toBe(900);
  });

  it('keeps a bounded number of rows around the viewport', () => {
    const window = appendRows(EMPTY_WINDOW, rows(0, 5000), 'k4999');
    const trimmed = trimAround(window, 4000, 4030, 1000);
    expect(trimmed.rows).toHaveLength(1000);
    expect(trimmed.start).toBeLessThanOrEqual(4000);
    expect(trimmed.start + 1000).toBeGreaterThan(4030);
    expect(trimmed.before).toBe(rows(trimmed.start - 1, 1)[0]?.key);
    expect(trimmed.atEnd).toBe(false);
  });

  it('drops records whose time ran out', () => {
    const window = appendRows(EMPTY_WINDOW, [row('a', 1000), row('b', null), row('c', 3000)], null);
    const { window: after, dropped } = dropExpired(window, 2000);
    expect(dropped).toBe(1);
    expect(after.rows.map((record) => record.key)).toEqual(['b', 'c']);
    expect(dropExpired(window, 1000).dropped).toBe(0);
  });
});
