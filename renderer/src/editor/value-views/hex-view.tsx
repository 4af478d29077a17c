import { useScrollWindow } from '../../ui/use-scroll-window.js';
import { HEX_ROW_BYTES, hexRow, hexRowCount, offsetDigits } from './hex-rows.js';

/** Row height in pixels; editor.css gives .hex-row the same height. */
const ROW_HEIGHT = 18;

/** The bytes as offset, hex and ASCII columns; only the rows in view are in the page. */
export function HexView({ bytes, labelledBy }: { bytes: Uint8Array; labelledBy: string }) {
  const total = hexRowCount(bytes.length);
  const { scrollerRef, onScroll, visible, scrollTop, scrollHeight } = useScrollWindow<HTMLElement>(total, ROW_HEIGHT);
  const digits = offsetDigits(bytes.length);
  const rows = [];
  for (let row = visible.first; row <= visible.last + 1 && row < total; row++) rows.push(row);
  return (
    <section
      ref={scrollerRef}
      className="code-scroll hex-scroll"
      aria-labelledby={labelledBy}
      aria-roledescription="hex view"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroller takes focus so the keys scroll it.
      tabIndex={0}
      onScroll={onScroll}
    >
      <div className="hex-header" aria-hidden="true">
        <span className="hex-offset">{'Offset'.padEnd(digits)}</span>
        <span className="hex-bytes">
          {Array.from({ length: HEX_ROW_BYTES }, (_, index) => index.toString(16).padStart(2, '0'))
            .map((label, index) => (index === 8 ? ` ${label}` : label))
            .join(' ')}
        </span>
        <span className="hex-ascii">ASCII</span>
      </div>
      <div className="hex-body" style={{ height: scrollHeight }}>
        <div className="hex-rows" style={{ transform: `translateY(${Math.max(0, scrollTop - visible.offsetPx)}px)` }}>
          {rows.map((row) => {
            const line = hexRow(bytes, row, digits);
            return (
              <div key={row} className="hex-row" data-offset={row * HEX_ROW_BYTES}>
                <span className="hex-offset">{line.offset}</span>
                <span className="hex-bytes">{line.hex}</span>
                <span className="hex-ascii">{line.ascii}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
