import { Text } from '@codemirror/state';

/**
 * The value field's text as CodeMirror holds it: a tree of lines, so a keystroke in a 50 MB value
 * changes one leaf instead of copying the whole string (docs/editing.md, "Large values").
 */
export type DocText = Text;

export const EMPTY_DOC: DocText = Text.empty;

/**
 * Lines are split at "\n" only, and the editor is told the same (`EditorState.lineSeparator`): a
 * carriage return stays a character of its line, so CRLF and lone CR bytes are saved as they were.
 */
export const LINE_SEPARATOR = '\n';

export function docOf(text: string): DocText {
  return text.length === 0 ? Text.empty : Text.of(text.split(LINE_SEPARATOR));
}

export function docString(doc: DocText): string {
  return doc.sliceString(0, doc.length, LINE_SEPARATOR);
}
