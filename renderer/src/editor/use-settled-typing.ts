import { type Dispatch, type RefObject, useEffect, useMemo } from 'react';
import type { EditorAction, EditorState } from './editor-state.js';
import { settledTyping } from './settled-typing.js';

/**
 * The editor's dispatch, with typing in a large value held back: CodeMirror keeps the document while the
 * user types, and a state update per keystroke would re-render the whole window around it, work a
 * keystroke in a 50 MB value cannot spare (docs/editing.md, "Large values"). The first edit goes through at once (the
 * record shows as unsaved); later ones reach the state when typing pauses, or before any other action
 * (Save, a mode switch) so that it sees every character typed. Text up to CHECKED_CHARS updates at each
 * keystroke, so its validity shows as it is typed; past it nothing is checked per keystroke anyway.
 */
export function useSettledTyping(dispatch: Dispatch<EditorAction>, latest: RefObject<EditorState>) {
  const settled = useMemo(() => settledTyping(dispatch, latest), [dispatch, latest]);
  useEffect(() => settled.drop, [settled]);
  return settled;
}
