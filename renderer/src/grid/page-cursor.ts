/**
 * The keyset cursor the window keeps, as one string whatever the sort: the key in key order, and in any
 * other order the record's sort value with its key (JSON), since a page there starts after a (value, key)
 * pair (docs/renderer.md, "Sorting"). The window passes cursors around without reading them.
 */
import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';
import type { SortColumn } from '../../../electron/common/sort-columns.js';

export type CursorOf = (row: RecordSummaryDto) => string;

export const keyCursor: CursorOf = (row) => row.key;

export function cursorOf(sort: SortColumn): CursorOf {
  if (sort === 'key') return keyCursor;
  return (row) => JSON.stringify([sortValueOf(sort, row), row.key]);
}

function sortValueOf(sort: Exclude<SortColumn, 'key'>, row: RecordSummaryDto): number | null {
  if (sort === 'size') return row.size;
  if (sort === 'expiry') return row.expiresAt;
  return row.updatedAt;
}

/** records.page's cursor arguments for a cursor the window holds (none: from the first record). */
export function cursorArgs(
  sort: SortColumn,
  cursor: string | undefined,
): { after?: string; afterSort?: number | null } {
  if (cursor === undefined) return {};
  if (sort === 'key') return { after: cursor };
  const [afterSort, after] = JSON.parse(cursor) as [number | null, string];
  return { after, afterSort };
}
