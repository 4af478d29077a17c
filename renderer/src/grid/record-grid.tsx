// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid cannot be a <table>: its rows sit in a scrolling layer between header and body.
import { type CSSProperties, type Ref, useId, useImperativeHandle, useMemo } from 'react';
import type { SortColumn } from '../../../electron/common/sort-columns.js';
import type { ChangeKind } from '../live/recent-changes.js';
import { useStableCallback } from '../ui/use-stable-callback.js';
import { columnTemplate, visibleColumns } from './column-layout.js';
import type { GridSort } from './column-sort.js';
import { ColumnsMenu } from './columns-menu.js';
import { GridHeader } from './grid-header.js';
import { handleGridKey } from './grid-keyboard.js';
import { GridRow, PlaceholderRow } from './grid-row.js';
import { rowAt } from './record-window.js';
import { describeRowPosition, reportedRow } from './row-position.js';
import { isSelected } from './selection.js';
import { useColumnLayout } from './use-column-layout.js';
import type { GridSelection } from './use-grid-selection.js';
import { useGridViewport } from './use-grid-viewport.js';
import type { RecordWindowState } from './use-record-window.js';
import './grid.css';

interface RecordGridProps {
  gridRef: Ref<HTMLDivElement>;
  /** Scrolls a row into view, for those outside the grid (opening a record from the Changes panel). */
  revealRef: Ref<(index: number) => void>;
  records: RecordWindowState;
  selection: GridSelection;
  sort: GridSort;
  onSort: (column: SortColumn) => void;
  sortRefusal: (column: SortColumn) => string | undefined;
  openKey: string | undefined;
  /** How a key was changed in the last few seconds, if it was. */
  recentChange: (key: string) => ChangeKind | undefined;
  onOpen: (key: string, fromKeyboard?: boolean) => void;
  onDelete: () => void;
}

/**
 * The records, virtualized: only the rows in view are in the DOM (a few dozen, whatever the
 * total), drawn in a layer that sticks to the top of a scroller as tall as all the rows.
 */
export function RecordGrid({
  gridRef,
  revealRef,
  records,
  selection,
  sort,
  onSort,
  sortRefusal,
  openKey,
  recentChange,
  onOpen,
  onDelete,
}: RecordGridProps) {
  const gridId = useId();
  const viewport = useGridViewport(records.total, records.setVisible);
  useImperativeHandle(revealRef, () => viewport.reveal, [viewport.reveal]);
  const { first, last, offsetPx } = viewport.visible;
  const focus = selection.selection.focus;
  const rowId = (index: number) => `${gridId}-row-${index}`;
  const keyAt = (index: number) => rowAt(records.window, index)?.key;
  const indexes = records.total === 0 ? [] : range(first, last);
  const { layout, setLayout } = useColumnLayout();
  const columns = useMemo(() => visibleColumns(layout).map((column) => column.id), [layout]);
  const template = { '--grid-columns': columnTemplate(layout) } as CSSProperties;
  const position = describeRowPosition(records.window, reportedRow(focus, first, last), records.total);
  const onPointerSelect = useStableCallback((index: number, event: React.MouseEvent) => {
    selection.click(index, event);
    const key = keyAt(index);
    if (key !== undefined && !event.shiftKey && !event.ctrlKey && !event.metaKey) onOpen(key);
  });
  return (
    <div className="record-grid-frame" style={template}>
      <div
        ref={gridRef}
        role="grid"
        aria-label="Records"
        aria-rowcount={records.total + 1}
        aria-multiselectable="true"
        aria-activedescendant={focus >= first && focus <= last ? rowId(focus) : undefined}
        aria-busy={records.loading}
        aria-describedby={`${gridId}-position`}
        tabIndex={0}
        className="record-grid"
        onKeyDown={(event) =>
          handleGridKey(event, {
            selection,
            total: records.total,
            pageRows: viewport.pageRows,
            reveal: viewport.reveal,
            keyAt,
            onOpen: (key) => onOpen(key, true),
            onDelete,
          })
        }
      >
        <GridHeader sort={sort} onSort={onSort} sortRefusal={sortRefusal} layout={layout} onLayout={setLayout} />
        <div ref={viewport.scrollerRef} className="grid-scroller" onScroll={viewport.onScroll}>
          <div className="grid-spacer" style={{ height: viewport.scrollHeight }}>
            <div role="rowgroup" className="grid-rows" style={{ height: viewport.height }}>
              <div className="grid-rows-shift" style={{ transform: `translateY(${-offsetPx}px)` }}>
                {indexes.map((index) => {
                  const record = rowAt(records.window, index);
                  if (record === undefined) return <PlaceholderRow key={`placeholder-${index}`} index={index} />;
                  return (
                    <GridRow
                      key={record.key}
                      id={rowId(index)}
                      index={index}
                      record={record}
                      selected={isSelected(selection.selection, record.key)}
                      focused={index === focus}
                      open={record.key === openKey}
                      change={recentChange(record.key)}
                      columns={columns}
                      onPointerSelect={onPointerSelect}
                    />
                  );
                })}
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="grid-footer">
        <span
          id={`${gridId}-position`}
          className="grid-position"
          title={records.window.estimated ? ESTIMATE_NOTE : undefined}
        >
          {position}
        </span>
        {records.keysLoading !== undefined && (
          <span className="grid-keys-loading" role="status" title={KEYS_LOADING_NOTE}>
            Unordered while the key list loads ({records.keysLoading.listed.toLocaleString()} of ~
            {records.keysLoading.estimated.toLocaleString()})
          </span>
        )}
        <ColumnsMenu layout={layout} onLayout={setLayout} />
      </div>
    </div>
  );
}

const KEYS_LOADING_NOTE =
  "The server keeps keys in no order: these are the first of the keys listed so far. The rows switch to the table's key order when its key list is complete.";

const ESTIMATE_NOTE =
  'Jumped far: the row number is estimated from the keys on either side. It becomes exact at either end.';

function range(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, offset) => first + offset);
}
