// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: its rows sit in a scrolling layer between header and body.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at its row with aria-activedescendant.
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the grid handles the keys for every row (see grid-keyboard.ts).
import { memo } from 'react';
import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';
import type { ChangeKind } from '../live/recent-changes.js';
import { ExpiryCountdown } from '../ui/expiry-countdown.js';
import { KeyText } from '../ui/key-text.js';
import { visibleKey } from '../ui/visible-key.js';
import type { ColumnId } from './column-layout.js';
import { type RowView, rowView } from './row-view.js';

interface GridRowProps {
  id: string;
  index: number;
  record: RecordSummaryDto;
  selected: boolean;
  focused: boolean;
  open: boolean;
  /** Created or updated in the last few seconds: highlighted. */
  change: ChangeKind | undefined;
  /** The columns shown, in order. */
  columns: readonly ColumnId[];
  onPointerSelect: (index: number, event: React.MouseEvent) => void;
}

/** One record as a row of the grid; memoized, so scrolling renders only the rows that came into view. */
export const GridRow = memo(function GridRow({
  id,
  index,
  record,
  selected,
  focused,
  open,
  change,
  columns,
  onPointerSelect,
}: GridRowProps) {
  const view = rowView(record);
  const classes = [
    'grid-row',
    'grid-columns',
    focused ? 'is-focused' : '',
    open ? 'is-open' : '',
    record.expired ? 'is-expired' : '',
    change === undefined ? '' : 'is-recent',
  ];
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={classes.join(' ')}
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onClick={(event) => onPointerSelect(index, event)}
    >
      {columns.map((column) => (
        <Cell key={column} column={column} record={record} view={view} change={change} />
      ))}
    </div>
  );
});

function Cell({
  column,
  record,
  view,
  change,
}: {
  column: ColumnId;
  record: RecordSummaryDto;
  view: RowView;
  change: ChangeKind | undefined;
}) {
  switch (column) {
    case 'key':
      return (
        <div role="gridcell" className="cell cell-key" title={visibleKey(record.key)}>
          <KeyText value={record.key} />
        </div>
      );
    case 'value':
      return (
        <div role="gridcell" className={`cell cell-value value-${view.kind}`}>
          <span className="kind-tag">{view.kind}</span>
          {view.preview}
        </div>
      );
    case 'size':
      return (
        <div role="gridcell" className="cell cell-size">
          {view.size}
        </div>
      );
    case 'metadata':
      return (
        <div role="gridcell" className="cell cell-metadata" title={view.metadata}>
          {view.metadata}
        </div>
      );
    case 'expires':
      return (
        <div role="gridcell" className="cell cell-expires">
          <ExpiryCountdown expiresAt={record.expiresAt} />
        </div>
      );
    case 'updated':
      return (
        <div role="gridcell" className="cell cell-updated" title={view.updatedTitle}>
          {change !== undefined && (
            <span className="recent-mark">
              <span className="visually-hidden">{change === 'create' ? 'created' : 'changed'} just now, </span>
            </span>
          )}
          {view.updated}
        </div>
      );
  }
}

/** A row whose record is still on its way: same height, so nothing jumps when it arrives. */
export function PlaceholderRow({ index }: { index: number }) {
  return (
    <div role="row" aria-rowindex={index + 2} aria-busy="true" className="grid-row grid-columns is-placeholder">
      <div role="gridcell" className="cell cell-key">
        <span className="placeholder-bar" />
      </div>
    </div>
  );
}
