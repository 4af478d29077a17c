// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: its rows sit in a scrolling layer between header and body.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at its row with aria-activedescendant.
// biome-ignore-all lint/a11y/useKeyWithClickEvents: the grid handles the keys for every row (see grid-keyboard.ts).
import { memo } from 'react';
import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';
import type { ChangeKind } from '../live/recent-changes.js';
import { ExpiryCountdown } from '../shared/expiry-countdown.js';
import { KeyText } from '../shared/key-text.js';
import { visibleKey } from '../shared/visible-key.js';
import { rowView } from './row-view.js';

interface GridRowProps {
  id: string;
  index: number;
  record: RecordSummaryDto;
  selected: boolean;
  focused: boolean;
  open: boolean;
  /** Created or updated in the last few seconds: highlighted. */
  change: ChangeKind | undefined;
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
      <div role="gridcell" className="cell cell-key" title={visibleKey(record.key)}>
        <KeyText value={record.key} />
      </div>
      <div role="gridcell" className={`cell cell-value value-${view.kind}`}>
        <span className="kind-tag">{view.kind}</span>
        {view.preview}
      </div>
      <div role="gridcell" className="cell cell-size">
        {view.size}
      </div>
      <div role="gridcell" className="cell cell-metadata" title={view.metadata}>
        {view.metadata}
      </div>
      <div role="gridcell" className="cell cell-expires">
        <ExpiryCountdown expiresAt={record.expiresAt} />
      </div>
      <div role="gridcell" className="cell cell-updated" title={view.updatedTitle}>
        {change !== undefined && (
          <span className="recent-mark">
            <span className="visually-hidden">{change === 'create' ? 'created' : 'changed'} just now, </span>
          </span>
        )}
        {view.updated}
      </div>
    </div>
  );
});

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
