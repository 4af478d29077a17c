import { useLayoutEffect, useRef, useState } from 'react';
import { type ColumnSpec, MAX_WIDTH, MIN_WIDTH } from './column-layout.js';

interface ColumnResizerProps {
  column: ColumnSpec;
  /** The width the user set, if any. */
  width: number | undefined;
  onWidth: (width: number) => void;
  onReset: () => void;
}

const STEP = 10;
const BIG_STEP = 50;

/**
 * The header's separator after a column: drag it, or focus it and press ←/→ (Shift: bigger steps);
 * Home or a double click gives the column back its default width.
 */
export function ColumnResizer({ column, width, onWidth, onReset }: ColumnResizerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; width: number }>(undefined);
  const measured = useMeasuredWidth(ref);
  const cellWidth = () => ref.current?.parentElement?.getBoundingClientRect().width ?? width ?? measured;
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Tab') return;
    // The grid around takes arrows for moving between rows: these keys are the separator's.
    event.stopPropagation();
    const step = event.shiftKey ? BIG_STEP : STEP;
    if (event.key === 'ArrowLeft') onWidth(cellWidth() - step);
    else if (event.key === 'ArrowRight') onWidth(cellWidth() + step);
    else if (event.key === 'Home') onReset();
    else return;
    event.preventDefault();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be focused and moved; a focusable separator is ARIA's splitter.
    <div
      ref={ref}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column.label} column`}
      aria-valuenow={Math.round(width ?? measured)}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      className="column-resizer"
      title="Drag, or use ← and →, to resize; double-click or Home for the default width"
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={onReset}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { x: event.clientX, width: cellWidth() };
      }}
      onPointerMove={(event) => {
        if (drag.current !== undefined) onWidth(drag.current.width + event.clientX - drag.current.x);
      }}
      onPointerUp={() => {
        drag.current = undefined;
      }}
      onPointerCancel={() => {
        drag.current = undefined;
      }}
    />
  );
}

/** The column's width on screen (its header cell's), for aria-valuenow while it keeps its default track. */
function useMeasuredWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const cell = ref.current?.parentElement;
    if (cell === null || cell === undefined) return;
    const observer = new ResizeObserver(() => setWidth(cell.getBoundingClientRect().width));
    observer.observe(cell);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
