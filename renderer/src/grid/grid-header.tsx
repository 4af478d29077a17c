// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: its rows sit in a scrolling layer between header and body.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at its row with aria-activedescendant.
import type { SortColumn } from '../../../electron/common/sort-columns.js';
import { type ColumnLayout, type ColumnSpec, resetWidth, setWidth, visibleColumns } from './column-layout.js';
import { ColumnResizer } from './column-resizer.js';
import { type GridSort, sortOfColumn } from './column-sort.js';

interface GridHeaderProps {
  sort: GridSort;
  onSort: (column: SortColumn) => void;
  /** Why a column cannot sort on this store; undefined when it can. */
  sortRefusal: (column: SortColumn) => string | undefined;
  layout: ColumnLayout;
  onLayout: (change: (layout: ColumnLayout) => ColumnLayout) => void;
}

/** The column headings, each with a separator to resize it; Key, Size, Expires and Updated sort both ways. */
export function GridHeader({ sort, onSort, sortRefusal, layout, onLayout }: GridHeaderProps) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-columns">
        {visibleColumns(layout).map((column) => (
          <div
            key={column.id}
            role="columnheader"
            className={column.id === 'size' ? 'cell cell-size' : 'cell'}
            aria-sort={ariaSort(sort, sortOfColumn(column.id))}
          >
            <Heading column={column} sort={sort} onSort={onSort} sortRefusal={sortRefusal} />
            <ColumnResizer
              column={column}
              width={layout.widths[column.id]}
              onWidth={(width) => onLayout((current) => setWidth(current, column.id, width))}
              onReset={() => onLayout((current) => resetWidth(current, column.id))}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

function ariaSort(sort: GridSort, column: SortColumn | undefined) {
  if (column === undefined || column !== sort.column) return undefined;
  return sort.order === 'asc' ? 'ascending' : 'descending';
}

function Heading({
  column,
  sort,
  onSort,
  sortRefusal,
}: { column: ColumnSpec } & Pick<GridHeaderProps, 'sort' | 'onSort' | 'sortRefusal'>) {
  const sortColumn = sortOfColumn(column.id);
  if (sortColumn === undefined) return <span className="heading-text">{column.label}</span>;
  const refusal = sortRefusal(sortColumn);
  const sorted = sort.column === sortColumn;
  const title =
    refusal ??
    (sorted ? `Sorted by ${column.label.toLowerCase()}: click to reverse` : `Sort by ${column.label.toLowerCase()}`);
  return (
    // aria-disabled rather than disabled: the reason stays reachable by keyboard and announced.
    <button
      type="button"
      className="sort-button"
      aria-disabled={refusal !== undefined}
      onClick={() => refusal === undefined && onSort(sortColumn)}
      title={title}
    >
      {column.label}
      {sorted && <span aria-hidden="true">{sort.order === 'asc' ? ' ▲' : ' ▼'}</span>}
    </button>
  );
}
