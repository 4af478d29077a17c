import { useEffect, useRef, useState } from 'react';
import { scrollHeightFor, visibleRows } from '../grid/virtual-scroll.js';

/**
 * Which of `total` fixed-height rows a scroller shows: only those are rendered (the grid; the hex view, docs/editing.md,
 * "Large values"). `height` is the scroller's, kept current as it is resized.
 */
export function useScrollWindow<E extends HTMLElement>(total: number, rowHeight: number) {
  const scrollerRef = useRef<E>(null);
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
  const onScroll = (event: React.UIEvent<E>) =>
    setViewport({ scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight });
  return {
    scrollerRef,
    onScroll,
    visible: visibleRows(viewport, total, rowHeight),
    scrollTop: viewport.scrollTop,
    height: viewport.height,
    scrollHeight: scrollHeightFor(total, rowHeight),
  };
}
