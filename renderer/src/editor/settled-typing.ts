import { type EditorAction, type EditorState, editorReducer } from './editor-state.js';
import { CHECKED_CHARS } from './value-draft.js';
import type { DocText } from './value-views/doc-text.js';

/** How long typing in a large value pauses before the editor state takes the typed text. */
export const SETTLE_MS = 300;

/** Actions after which typed text not yet taken is no longer wanted: another value is shown. */
const DISCARDING = new Set<EditorAction['type']>(['open', 'loaded', 'gone', 'revert', 'close']);

/** useSettledTyping's workings, apart from React (use-settled-typing.ts explains why): `latest` is the state as last rendered (see useRecordEditor). */
export function settledTyping(dispatch: (action: EditorAction) => void, latest: { current: EditorState }) {
  let pending: { text: DocText; timer: ReturnType<typeof setTimeout> } | undefined;
  const drop = () => {
    if (pending !== undefined) clearTimeout(pending.timer);
    pending = undefined;
  };
  /** Hands the held text to the state now; `latest` has it at once, for a save that reads it next. */
  const flush = () => {
    const typed = pending;
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
        pending = { text: action.text as DocText, timer: setTimeout(flush, SETTLE_MS) };
        return;
      }
    } else if (DISCARDING.has(action.type)) drop();
    else flush();
    dispatch(action);
  };
  return { dispatch: send, flush, drop };
}

function holdsBack(text: DocText | string, state: EditorState): boolean {
  return typeof text !== 'string' && text.length > CHECKED_CHARS && state.dirty && state.value.edited;
}
