import { useCallback, useEffect, useRef, useState } from 'react';
import { scrollHeightFor, scrollTopToReveal, visibleRows } from './virtual-scroll.js';

/** Row height in pixels; grid.css gives rows the same height. */
export const ROW_HEIGHT = 28;

/** The grid's scroll position and size, the rows it makes visible, and a way to bring a row into view. */
export function useGridViewport(total: number, onVisible: (first: number, last: number) => void) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ scrollTop: 0, height: 0 });
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller === null) return;
    const observer = new ResizeObserver(() =>
      setViewport({ scrollTop: scroller.scrollTop, height: scroller.clientHeight }),
    );
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);
  const visible = visibleRows(viewport, total, ROW_HEIGHT);
  useEffect(
    () => onVisible(visible.first, Math.max(visible.first, visible.last)),
    [onVisible, visible.first, visible.last],
  );
  const onScroll = (event: React.UIEvent<HTMLDivElement>) =>
    setViewport({ scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight });
  const reveal = useCallback(
    (index: number) => {
      const scroller = scrollerRef.current;
      if (scroller === null) return;
      const view = { scrollTop: scroller.scrollTop, height: scroller.clientHeight };
      const top = scrollTopToReveal(index, view, total, ROW_HEIGHT);
      if (top !== undefined) scroller.scrollTop = top;
    },
    [total],
  );
  const pageRows = Math.max(1, Math.floor(viewport.height / ROW_HEIGHT) - 1);
  return {
    scrollerRef,
    onScroll,
    visible,
    reveal,
    pageRows,
    height: viewport.height,
    scrollHeight: scrollHeightFor(total, ROW_HEIGHT),
  };
}
