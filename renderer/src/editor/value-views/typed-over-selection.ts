import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * Typing over a selection that spans lines is applied by the editor itself, not left to the browser.
 * Chromium's own editing of such a selection leaves an empty block behind the typed text, which CodeMirror
 * reads back as a line break the user never typed: `line1\nline2` selected and typed over with `abc` was
 * saved as `abc\n`. Typed text (`insertText`) never holds a line break, so the editor's answer is exact.
 */
export const typedOverSelection: Extension = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.isComposing || event.data === null) return false;
    const { main } = view.state.selection;
    if (main.empty || view.state.doc.lineAt(main.from).number === view.state.doc.lineAt(main.to).number) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});
