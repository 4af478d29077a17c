import { useCallback, useEffect } from 'react';
import { useScrollWindow } from '../ui/use-scroll-window.js';
import { scrollTopToReveal } from './virtual-scroll.js';

/** Row height in pixels; grid.css gives rows the same height. */
export const ROW_HEIGHT = 28;

/** The grid's scroll position and size, the rows it makes visible, and a way to bring a row into view. */
export function useGridViewport(total: number, onVisible: (first: number, last: number) => void) {
  const { scrollerRef, onScroll, visible, height, scrollHeight } = useScrollWindow<HTMLDivElement>(total, ROW_HEIGHT);
  useEffect(
    () => onVisible(visible.first, Math.max(visible.first, visible.last)),
    [onVisible, visible.first, visible.last],
  );
  const reveal = useCallback(
    (index: number) => {
      const scroller = scrollerRef.current;
      if (scroller === null) return;
      const view = { scrollTop: scroller.scrollTop, height: scroller.clientHeight };
      const top = scrollTopToReveal(index, view, total, ROW_HEIGHT);
      if (top !== undefined) scroller.scrollTop = top;
    },
    [scrollerRef, total],
  );
  const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  return { scrollerRef, onScroll, visible, reveal, pageRows, height, scrollHeight };
}
