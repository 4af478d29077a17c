import { isModifier } from '../ui/keyboard.js';

export type GridAction =
  | { kind: 'move'; to: 'up' | 'down' | 'page-up' | 'page-down' | 'home' | 'end'; extend: boolean }
  | { kind: 'open' }
  | { kind: 'delete' }
  | { kind: 'select-all' }
  | { kind: 'toggle' }
  | { kind: 'clear' };

const MOVES: Record<string, 'up' | 'down' | 'page-up' | 'page-down' | 'home' | 'end'> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageUp: 'page-up',
  PageDown: 'page-down',
  Home: 'home',
  End: 'end',
};

/** The grid's keys: arrows move (Shift extends), Enter opens, Delete deletes, Ctrl/Cmd+A selects all matching. */
export function gridKeyAction(event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) {
  const move = MOVES[event.key];
  if (move !== undefined) return { kind: 'move', to: move, extend: event.shiftKey } satisfies GridAction;
  if (event.key === 'Enter') return { kind: 'open' } satisfies GridAction;
  if (event.key === 'Delete') return { kind: 'delete' } satisfies GridAction;
  if (event.key === ' ') return { kind: 'toggle' } satisfies GridAction;
  if (event.key === 'Escape') return { kind: 'clear' } satisfies GridAction;
  if (isModifier(event) && event.key.toLowerCase() === 'a') return { kind: 'select-all' } satisfies GridAction;
  return undefined;
}

/** The row a move lands on. */
export function moveTarget(to: string, focus: number, pageRows: number, total: number): number {
  const target =
    to === 'up'
      ? focus - 1
      : to === 'down'
        ? focus + 1
        : to === 'page-up'
          ? focus - pageRows
          : to === 'page-down'
            ? focus + pageRows
            : to === 'home'
              ? 0
              : total - 1;
  return Math.max(0, Math.min(total - 1, target));
}
