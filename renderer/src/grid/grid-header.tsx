// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: its rows sit in a scrolling layer between header and body.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at its row with aria-activedescendant.
import { type ColumnLayout, type ColumnSpec, resetWidth, setWidth, visibleColumns } from './column-layout.js';
import { ColumnResizer } from './column-resizer.js';
import type { SortOrder } from './record-query.js';

interface GridHeaderProps {
  order: SortOrder;
  onToggleOrder: () => void;
  layout: ColumnLayout;
  onLayout: (change: (layout: ColumnLayout) => ColumnLayout) => void;
}

/** The column headings, each with a separator to resize it; Key sorts ascending or descending. */
export function GridHeader({ order, onToggleOrder, layout, onLayout }: GridHeaderProps) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-columns">
        {visibleColumns(layout).map((column) => (
          <div
            key={column.id}
            role="columnheader"
            className={column.id === 'size' ? 'cell cell-size' : 'cell'}
            aria-sort={column.id === 'key' ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            <Heading column={column} order={order} onToggleOrder={onToggleOrder} />
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

function Heading({
  column,
  order,
  onToggleOrder,
}: {
  column: ColumnSpec;
  order: SortOrder;
  onToggleOrder: () => void;
}) {
  if (column.id !== 'key') return <span className="heading-text">{column.label}</span>;
  return (
    <button type="button" className="sort-button" onClick={onToggleOrder} title="Change the sort order">
      Key <span aria-hidden="true">{order === 'asc' ? '▲' : '▼'}</span>
    </button>
  );
}
