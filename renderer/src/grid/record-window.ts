import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';
import { isExpired } from '../../../electron/common/expiry.js';
import { type CursorOf, keyCursor } from './page-cursor.js';

/**
 * The contiguous run of records the grid holds: never the whole table. Its position among all
 * matching records is exact while it starts at the first record (`before` undefined) or after it
 * reached the last one; after a far jump it is an estimate until then (see record-window-loader).
 */
export interface RecordWindow {
  start: number;
  rows: RecordSummaryDto[];
  /**
   * The keyset cursor just before rows[0] (exclusive; page-cursor.ts: a key, or a sort value and key);
   * undefined when rows[0] is the first record.
   */
  before: string | undefined;
  /** rows reach the last matching record. */
  atEnd: boolean;
  /**
   * `start` was guessed: the window came from a far jump to an interpolated key, and has reached
   * neither end since. Row numbers are then "about" (docs/renderer.md, The row's position).
   */
  estimated?: boolean;
}

export const EMPTY_WINDOW: RecordWindow = { start: 0, rows: [], before: undefined, atEnd: false };

export function windowEnd(window: RecordWindow): number {
  return window.start + window.rows.length;
}

export function rowAt(window: RecordWindow, index: number): RecordSummaryDto | undefined {
  return index < window.start ? undefined : window.rows[index - window.start];
}

export function appendRows(window: RecordWindow, rows: RecordSummaryDto[], next: string | null): RecordWindow {
  return { ...window, rows: [...window.rows, ...rows], atEnd: next === null };
}

/**
 * Adds records fetched backwards (nearest first). One more than a page was asked for: when it
 * came, it is the new cursor; when it did not, the window now starts at the first record.
 */
export function prependRows(
  window: RecordWindow,
  nearestFirst: RecordSummaryDto[],
  pageSize: number,
  cursor: CursorOf = keyCursor,
): RecordWindow {
  const more = nearestFirst.length > pageSize;
  const page = nearestFirst.slice(0, pageSize).reverse();
  const rows = [...page, ...window.rows];
  if (!more) return { ...window, start: 0, rows, before: undefined, estimated: false };
  // An estimate too low would put records before index 0: keep at least one index free for them.
  return {
    ...window,
    start: Math.max(1, window.start - page.length),
    rows,
    before: cursorAt(nearestFirst, pageSize, cursor),
  };
}

/** Once the window holds the last record, its place is known from the total. */
export function anchorAtEnd(window: RecordWindow, total: number): RecordWindow {
  if (!window.atEnd || window.before === undefined) return window;
  const start = total - window.rows.length;
  return start >= 1 ? { ...window, start, estimated: false } : window;
}

/** Keeps at most `max` rows, around the rows in view, so memory stays bounded however far one scrolls. */
export function trimAround(
  window: RecordWindow,
  first: number,
  last: number,
  max: number,
  cursor: CursorOf = keyCursor,
): RecordWindow {
  if (window.rows.length <= max) return window;
  const middle = Math.floor((first + last) / 2) - window.start;
  const from = Math.min(Math.max(0, middle - Math.floor(max / 2)), window.rows.length - max);
  const to = from + max;
  return {
    start: window.start + from,
    rows: window.rows.slice(from, to),
    before: from === 0 ? window.before : cursorAt(window.rows, from - 1, cursor),
    atEnd: to === window.rows.length && window.atEnd,
    estimated: window.estimated,
  };
}

/** Drops the records that expired by `now` (expired: now is past expiresAt). */
export function dropExpired(window: RecordWindow, now: number): { window: RecordWindow; dropped: number } {
  const rows = window.rows.filter((row) => !isExpired(row.expiresAt, now));
  const dropped = window.rows.length - rows.length;
  return { window: dropped === 0 ? window : { ...window, rows }, dropped };
}

export type WindowNeed =
  | { kind: 'none' }
  | { kind: 'forward'; after: string | undefined }
  | { kind: 'backward'; before: string }
  | { kind: 'jump'; index: number };

/** What to fetch next so that rows first..last are loaded; far away, a jump rather than paging there. */
export function nextNeed(
  window: RecordWindow,
  first: number,
  last: number,
  jumpRows: number,
  cursor: CursorOf = keyCursor,
): WindowNeed {
  const end = windowEnd(window);
  if (window.rows.length === 0) {
    if (window.atEnd) return { kind: 'none' };
    if (window.before !== undefined || first <= jumpRows) return { kind: 'forward', after: window.before };
    return { kind: 'jump', index: first };
  }
  if (last >= end && !window.atEnd) {
    if (first > end + jumpRows) return { kind: 'jump', index: first };
    return { kind: 'forward', after: cursorAt(window.rows, window.rows.length - 1, cursor) };
  }
  if (first < window.start && window.before !== undefined) {
    if (last < window.start - jumpRows) return { kind: 'jump', index: first };
    return { kind: 'backward', before: cursorAt(window.rows, 0, cursor) ?? window.before };
  }
  return { kind: 'none' };
}

function cursorAt(rows: readonly RecordSummaryDto[], index: number, cursor: CursorOf): string | undefined {
  const row = rows[index];
  return row === undefined ? undefined : cursor(row);
}
