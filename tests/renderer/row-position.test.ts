import { describe, expect, it } from 'vitest';
import type { RecordSummaryDto } from '../../electron/api/contract/schemas.js';
import { anchorAtEnd, appendRows, prependRows, trimAround } from '../../renderer/src/grid/record-window.js';
import { describeRowPosition, reportedRow } from '../../renderer/src/grid/row-position.js';
import { formatAbsoluteTime, formatTimestamp } from '../../renderer/src/ui/format.js';

const row = (key: string): RecordSummaryDto => ({
  key,
  size: 1,
  preview: '',
  metadata: {},
  expiresAt: null,
  expired: false,
  updatedAt: 0,
  revision: '1.1',
});
const rows = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => row(`k${String(from + index).padStart(7, '0')}`));

describe("the row's position", () => {
  it('is exact from the start, with thousands separated', () => {
    const window = appendRows({ start: 0, rows: [], before: undefined, atEnd: false }, rows(0, 200), 'k');
    expect(describeRowPosition(window, 0, 875_000)).toBe('Row 1 of 875,000');
    expect(describeRowPosition(window, 511_999, 875_000)).toBe('Row 512,000 of 875,000');
  });

  it('is "about" after a far jump, and exact again once the window reaches either end', () => {
    const jumped = { start: 512_000, rows: rows(512_000, 200), before: 'k0511999', atEnd: false, estimated: true };
    expect(describeRowPosition(jumped, 512_010, 875_000)).toBe('About row 512,011 of 875,000');
    const paged = appendRows(jumped, rows(512_200, 200), 'k');
    expect(describeRowPosition(trimAround(paged, 512_300, 512_330, 300), 512_300, 875_000)).toMatch(/^About/);
    const atEnd = anchorAtEnd({ ...jumped, atEnd: true }, 875_000);
    expect(describeRowPosition(atEnd, 874_999, 875_000)).toBe('Row 875,000 of 875,000');
    const atStart = prependRows({ ...jumped, start: 150 }, rows(0, 150).reverse(), 200);
    expect(describeRowPosition(atStart, 0, 875_000)).toBe('Row 1 of 875,000');
  });

  it('reports the focused row while in view, else the first row in view', () => {
    expect(reportedRow(12, 10, 40)).toBe(12);
    expect(reportedRow(0, 500, 530)).toBe(500);
  });

  it('says so when there are no rows', () => {
    expect(describeRowPosition({ start: 0, rows: [], before: undefined, atEnd: true }, 0, 0)).toBe('No rows');
  });
});

describe('absolute times behind relative ones', () => {
  it('gives the local time and the ISO UTC instant', () => {
    const at = Date.UTC(2025, 10, 29, 17, 14, 3);
    expect(formatAbsoluteTime(at)).toBe(`${formatTimestamp(at)} local · 2025-11-29T17:14:03.000Z UTC`);
  });

  it('does not throw on an instant out of range', () => {
    expect(formatAbsoluteTime(Number.MAX_SAFE_INTEGER)).toBe('an invalid time');
  });
});
