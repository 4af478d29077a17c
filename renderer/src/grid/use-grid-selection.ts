import { useState } from 'react';
import { type RecordWindow, rowAt } from './record-window.js';
import { EMPTY_SELECTION, extendTo, moveFocus, type Selection, selectAll, selectOnly, toggleKey } from './selection.js';

interface PointerModifiers {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The grid's selection, which starts afresh whenever the query changes. */
export function useGridSelection(queryKey: string, window: RecordWindow) {
  const [state, setState] = useState({ queryKey, selection: EMPTY_SELECTION });
  const selection = state.queryKey === queryKey ? state.selection : EMPTY_SELECTION;
  const set = (next: Selection) => setState({ queryKey, selection: next });
  const keyAt = (index: number) => rowAt(window, index)?.key;
  const keysBetween = (from: number, to: number) => {
    const keys: string[] = [];
    for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
      const key = keyAt(index);
      if (key !== undefined) keys.push(key);
    }
    return keys;
  };
  return {
    selection,
    /** Click: the row alone; Ctrl/Cmd+click toggles it; Shift+click selects from the anchor. */
    click(index: number, modifiers: PointerModifiers) {
      const key = keyAt(index);
      if (modifiers.shiftKey) set(extendTo(selection, index, keysBetween(selection.anchor, index)));
      else if ((modifiers.ctrlKey || modifiers.metaKey) && key !== undefined) set(toggleKey(selection, index, key));
      else set(selectOnly(index, key));
    },
    /** Keyboard: the focus moves and selects, or extends the selection with Shift. */
    moveTo(index: number, extend: boolean) {
      set(extend ? extendTo(selection, index, keysBetween(selection.anchor, index)) : selectOnly(index, keyAt(index)));
    },
    toggleFocused() {
      const key = keyAt(selection.focus);
      if (key !== undefined) set(toggleKey(selection, selection.focus, key));
    },
    focusOnly(index: number) {
      set(moveFocus(selection, index));
    },
    selectAll: () => set(selectAll(selection)),
    clear: () => set({ ...EMPTY_SELECTION, focus: selection.focus, anchor: selection.focus }),
    /** The selected keys, or the focused row's when nothing is selected. */
    targetKeys(): string[] {
      if (selection.keys.size > 0) return [...selection.keys];
      const key = keyAt(selection.focus);
      return key === undefined ? [] : [key];
    },
  };
}

export type GridSelection = ReturnType<typeof useGridSelection>;
