/**
 * Maps the scroll position to rows. Browsers cap an element's height (about 33 million pixels in
 * Chromium, fewer elsewhere), so beyond MAX_SCROLL_PX the scrollbar stands for the rows in
 * proportion rather than pixel for pixel.
 */
export const MAX_SCROLL_PX = 10_000_000;

export interface Viewport {
  scrollTop: number;
  height: number;
}

export interface VisibleRows {
  first: number;
  /** Inclusive; -1 when there are no rows. */
  last: number;
  /** How far the first row is scrolled past the top, in pixels. */
  offsetPx: number;
}

export function scrollHeightFor(total: number, rowHeight: number): number {
  return Math.min(total * rowHeight, MAX_SCROLL_PX);
}

/** The scroll range and the content range: equal until the content outgrows MAX_SCROLL_PX. */
function ranges(total: number, rowHeight: number, viewportHeight: number) {
  return {
    scroll: Math.max(0, scrollHeightFor(total, rowHeight) - viewportHeight),
    content: Math.max(0, total * rowHeight - viewportHeight),
  };
}

export function visibleRows(viewport: Viewport, total: number, rowHeight: number): VisibleRows {
  const { scroll, content } = ranges(total, rowHeight, viewport.height);
  const top = scroll === 0 ? 0 : (Math.min(viewport.scrollTop, scroll) / scroll) * content;
  const first = Math.min(Math.floor(top / rowHeight), Math.max(0, total - 1));
  const last = Math.min(total - 1, first + Math.ceil(viewport.height / rowHeight));
  return { first, last, offsetPx: top - first * rowHeight };
}

/** The scrollTop that brings `index` into view, or undefined when it is already fully visible. */
export function scrollTopToReveal(index: number, viewport: Viewport, total: number, rowHeight: number) {
  const { scroll, content } = ranges(total, rowHeight, viewport.height);
  const top = scroll === 0 ? 0 : (viewport.scrollTop / scroll) * content;
  const rowTop = index * rowHeight;
  let target: number | undefined;
  if (rowTop < top) target = rowTop;
  else if (rowTop + rowHeight > top + viewport.height) target = rowTop + rowHeight - viewport.height;
  if (target === undefined) return undefined;
  return content === 0 ? 0 : (target / content) * scroll;
}
