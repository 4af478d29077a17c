import { type Dispatch, type RefObject, useEffect, useMemo, useRef } from 'react';
import { type EditorAction, type EditorState, editorReducer } from './editor-state.js';
import { LANGUAGE_BUDGET } from './value-views/code-extensions.js';
import type { DocText } from './value-views/doc-text.js';

/** How long typing in a large value pauses before the editor state takes the typed text. */
export const SETTLE_MS = 300;

/** Actions after which typed text not yet taken is no longer wanted: another value is shown. */
const DISCARDING = new Set<EditorAction['type']>(['open', 'loaded', 'gone', 'revert', 'close']);

/**
 * The editor's dispatch, with typing in a large value held back: CodeMirror keeps the document while the
 * user types, and a state update per keystroke would re-render the whole window around it (about 40 ms a
 * keystroke with a 50 MB value; docs/editing.md, "Large values"). The first edit goes through at once (the
 * record shows as unsaved); later ones reach the state when typing pauses, or before any other action
 * (Save, a mode switch) so that it sees every character typed. Small values update at each keystroke, so
 * their validity shows as they are typed.
 */
export function useSettledTyping(dispatch: Dispatch<EditorAction>, latest: RefObject<EditorState>) {
  const pending = useRef<{ text: DocText; timer: ReturnType<typeof setTimeout> }>(undefined);
  const settled = useMemo(() => {
    const drop = () => {
      if (pending.current !== undefined) clearTimeout(pending.current.timer);
      pending.current = undefined;
    };
    /** Hands the held text to the state now; `latest` has it at once, for a save that reads it next. */
    const flush = () => {
      const typed = pending.current;
      drop();
      if (typed === undefined) return;
      const action: EditorAction = { type: 'edit-value', text: typed.text };
      latest.current = editorReducer(latest.current, action);
      dispatch(action);
    };
    const send = (action: EditorAction) => {
      if (action.type === 'edit-value') {
        drop();
        if (holdsBack(action.text, latest.current)) {
          pending.current = { text: action.text as DocText, timer: setTimeout(flush, SETTLE_MS) };
          return;
        }
      } else if (DISCARDING.has(action.type)) drop();
      else flush();
      dispatch(action);
    };
    return { dispatch: send, flush, drop };
  }, [dispatch, latest]);
  useEffect(() => settled.drop, [settled]);
  return settled;
}

function holdsBack(text: DocText | string, state: EditorState): boolean {
  return typeof text !== 'string' && text.length > LANGUAGE_BUDGET && state.dirty && state.value.edited;
}
