import { gridKeyAction, moveTarget } from './grid-keys.js';
import type { GridSelection } from './use-grid-selection.js';

interface GridKeyContext {
  selection: GridSelection;
  total: number;
  pageRows: number;
  reveal: (index: number) => void;
  keyAt: (index: number) => string | undefined;
  onOpen: (key: string) => void;
  onDelete: () => void;
}

/** Runs a grid key: the first arrow press selects the focused row, later ones move from it. */
export function handleGridKey(event: React.KeyboardEvent, context: GridKeyContext): void {
  // Enter and Space on a heading's sort button press the button, not the focused row.
  if (event.target instanceof Element && event.target.closest('button') !== null) return;
  const action = gridKeyAction(event);
  if (action === undefined || context.total === 0) return;
  event.preventDefault();
  const { selection } = context;
  const focus = selection.selection.focus;
  switch (action.kind) {
    case 'move': {
      const nothingSelected = !selection.selection.all && selection.selection.keys.size === 0;
      const stepping = action.to === 'up' || action.to === 'down';
      const index = nothingSelected && stepping ? focus : moveTarget(action.to, focus, context.pageRows, context.total);
      selection.moveTo(index, action.extend);
      context.reveal(index);
      return;
    }
    case 'open': {
      const key = context.keyAt(focus);
      if (key !== undefined) context.onOpen(key);
      return;
    }
    case 'delete':
      context.onDelete();
      return;
    case 'select-all':
      selection.selectAll();
      return;
    case 'toggle':
      selection.toggleFocused();
      return;
    case 'clear':
      selection.clear();
  }
}
