/**
 * Which grid columns sort and by what (docs/renderer.md, "Sorting"): Key, Size, Expires and Updated,
 * where the open store lists the sort in capabilities.sortable. A click on the sorted column turns its
 * order around; a click on another sorts by it ascending.
 */
import type { SortColumn } from '../../../electron/common/sort-columns.js';
import type { ColumnId } from './column-layout.js';
import type { SortOrder } from './record-query.js';

export interface GridSort {
  column: SortColumn;
  order: SortOrder;
}

const SORT_OF_COLUMN: Partial<Record<ColumnId, SortColumn>> = {
  key: 'key',
  size: 'size',
  expires: 'expiry',
  updated: 'updated',
};

export function sortOfColumn(column: ColumnId): SortColumn | undefined {
  return SORT_OF_COLUMN[column];
}

export function nextSort(current: GridSort, column: SortColumn): GridSort {
  if (current.column !== column) return { column, order: 'asc' };
  return { column, order: current.order === 'asc' ? 'desc' : 'asc' };
}

/** Why a column cannot sort here, or undefined when it can; `storeName` names the open store's kind. */
export function sortRefusal(
  sortable: readonly SortColumn[] | undefined,
  column: SortColumn,
  storeName: string,
): string | undefined {
  if (column === 'key' || (sortable ?? []).includes(column)) return undefined;
  return `${storeName} pages in key order only: it cannot sort by ${column === 'expiry' ? 'expiry' : column === 'size' ? 'size' : 'updated time'}`;
}
