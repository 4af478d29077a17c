// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: its rows sit in a scrolling layer between header and body.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at its row with aria-activedescendant.
import type { SortOrder } from './record-query.js';

/** The column headings; Key sorts ascending or descending. */
export function GridHeader({ order, onToggleOrder }: { order: SortOrder; onToggleOrder: () => void }) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-columns">
        <div role="columnheader" className="cell" aria-sort={order === 'asc' ? 'ascending' : 'descending'}>
          <button type="button" className="sort-button" onClick={onToggleOrder} title="Change the sort order">
            Key <span aria-hidden="true">{order === 'asc' ? '▲' : '▼'}</span>
          </button>
        </div>
        <div role="columnheader" className="cell">
          Value
        </div>
        <div role="columnheader" className="cell cell-size">
          Size
        </div>
        <div role="columnheader" className="cell">
          Metadata
        </div>
        <div role="columnheader" className="cell">
          Expires
        </div>
        <div role="columnheader" className="cell">
          Updated
        </div>
      </div>
    </div>
  );
}
