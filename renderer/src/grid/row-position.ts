import { formatCount } from '../ui/format.js';
import type { RecordWindow } from './record-window.js';

/**
 * The row whose place the grid reports: the focused row while it is in view, else the first row in
 * view (scrolling with the scrollbar leaves the focus behind).
 */
export function reportedRow(focus: number, first: number, last: number): number {
  return focus >= first && focus <= last ? focus : first;
}

/**
 * "Row 512,000 of 875,000", or "About row …" while the window's start was guessed after a far
 * jump: a keyset cursor cannot count its way there (docs/renderer.md, The row's position).
 */
export function describeRowPosition(window: RecordWindow, index: number, total: number): string {
  if (total === 0) return 'No rows';
  const row = Math.min(Math.max(0, index), total - 1) + 1;
  const place = `${formatCount(row)} of ${formatCount(total)}`;
  return window.estimated === true ? `About row ${place}` : `Row ${place}`;
}
