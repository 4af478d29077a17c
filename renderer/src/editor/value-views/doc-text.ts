import { Text } from '@codemirror/state';
import { breaksBefore, PIECED_ABOVE, type PieceBreaks, pieceLines, piecesOf, rememberPieces } from './line-pieces.js';

/**
 * The value field's text as CodeMirror holds it: a tree of lines, so a keystroke in a 50 MB value
 * changes one leaf instead of copying the whole string, and no line longer than PIECE_CHARS in a
 * large value (docs/editing.md, "Large values").
 */
export type DocText = Text;

export const EMPTY_DOC: DocText = Text.empty;

/**
 * Lines are split at "\n" only, and the editor is told the same (`EditorState.lineSeparator`): a
 * carriage return stays a character of its line, so CRLF and lone CR bytes are saved as they were.
 */
export const LINE_SEPARATOR = '\n';

export function docOf(text: string): DocText {
  if (text.length === 0) return Text.empty;
  const lines = text.split(LINE_SEPARATOR);
  if (text.length <= PIECED_ABOVE) return Text.of(lines);
  const pieced = pieceLines(lines);
  const doc = Text.of(pieced.lines);
  rememberPieces(doc, pieced.breaks);
  return doc;
}

/** The value the document stands for: its text without the breaks between a long line's pieces. */
export function docString(doc: DocText): string {
  return valueSlice(doc, 0, doc.length);
}

/** The value's text between two positions of the document, without the pieces' breaks. */
export function valueSlice(doc: DocText, from: number, to: number, breaks: PieceBreaks = piecesOf(doc)): string {
  if (breaks.length === 0) return doc.sliceString(from, to, LINE_SEPARATOR);
  const parts: string[] = [];
  let start = from;
  for (let index = breaksBefore(breaks, from); index < breaks.length; index++) {
    const at = breaks[index] ?? to;
    if (at >= to) break;
    parts.push(doc.sliceString(start, at, LINE_SEPARATOR));
    start = at + 1;
  }
  parts.push(doc.sliceString(start, to, LINE_SEPARATOR));
  return parts.join('');
}
