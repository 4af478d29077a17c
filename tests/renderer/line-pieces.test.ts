import { history, redo, undo } from '@codemirror/commands';
import { EditorState, type Transaction, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { docOf, docString, LINE_SEPARATOR } from '../../renderer/src/editor/value-views/doc-text.js';
import { PIECE_CHARS, PIECED_ABOVE, piecesOf } from '../../renderer/src/editor/value-views/line-pieces.js';
import { pieceBreaks, pieceExtensions } from '../../renderer/src/editor/value-views/piece-extensions.js';

/** A one-line value over the threshold, as services write JSON: about 1.2 MB, so about 75 pieces. */
const LONG = `{"items":"${'0123456789abcdef'.repeat(75_000)}"}`;

function stateOf(text: string): EditorState {
  return EditorState.create({
    doc: docOf(text),
    extensions: [EditorState.lineSeparator.of(LINE_SEPARATOR), history(), pieceExtensions()],
  });
}

/** Applies a user edit the way a command would, through the state's filters. */
function edit(state: EditorState, spec: TransactionSpec): EditorState {
  return state.update(spec).state;
}

function run(
  state: EditorState,
  command: (target: { state: EditorState; dispatch: (tr: Transaction) => void }) => boolean,
) {
  let next = state;
  command({ state, dispatch: (tr) => (next = tr.state) });
  return next;
}

describe('a large value’s long lines in pieces', () => {
  it('holds no line longer than a piece and gives the value back exactly', () => {
    const doc = docOf(LONG);
    expect(LONG.length).toBeGreaterThan(PIECED_ABOVE);
    expect(doc.lines).toBe(Math.ceil(LONG.length / PIECE_CHARS));
    for (let line = 1; line <= doc.lines; line++) expect(doc.line(line).length).toBeLessThanOrEqual(PIECE_CHARS);
    expect(docString(doc)).toBe(LONG);
  });

  it('keeps real line breaks, CR and surrogate pairs whole', () => {
    const emoji = '😀'.repeat(PIECE_CHARS);
    const text = `${emoji}\r\n${'x'.repeat(PIECED_ABOVE)}\n\nend`;
    const doc = docOf(text);
    expect(docString(doc)).toBe(text);
    for (let line = 1; line <= doc.lines; line++) {
      const piece = doc.line(line).text;
      expect(/^[\udc00-\udfff]/.test(piece) || /[\ud800-\udbff]$/.test(piece)).toBe(false);
    }
  });

  it('leaves values up to the threshold as they are', () => {
    const text = 'y'.repeat(PIECED_ABOVE);
    expect(docOf(text).lines).toBe(1);
    expect(piecesOf(docOf(text))).toEqual([]);
  });

  it('follows edits: typing at a piece’s end, a new line at a break, a range across breaks', () => {
    let state = stateOf(LONG);
    const [first = 0] = state.field(pieceBreaks);
    state = edit(state, { changes: { from: first, insert: 'TYPED' }, userEvent: 'input.type' });
    state = edit(state, { changes: { from: 0, insert: 'a\nb' }, userEvent: 'input.type' });
    const expected = `a\nb${LONG.slice(0, first)}TYPED${LONG.slice(first)}`;
    expect(docString(state.doc)).toBe(expected);
    const breaks = state.field(pieceBreaks);
    // Delete from inside the first piece to inside the third: two breaks go, the value loses only what was selected.
    const [, , third = 0] = breaks;
    state = edit(state, { changes: { from: 10, to: third + 5 }, userEvent: 'delete.selection' });
    expect(docString(state.doc)).toBe(expected.slice(0, 10) + expected.slice(third + 5 - 3));
    expect(state.field(pieceBreaks).length).toBe(breaks.length - 3);
  });

  it('Backspace at a piece’s start and Delete at its end remove the character beyond the break', () => {
    let state = stateOf(LONG);
    const [at = 0] = state.field(pieceBreaks);
    state = edit(state, {
      changes: { from: at, to: at + 1 },
      selection: { anchor: at },
      userEvent: 'delete.backward',
    });
    expect(docString(state.doc)).toBe(LONG.slice(0, at - 1) + LONG.slice(at));
    expect(state.selection.main.head).toBe(at - 1);
    let forward = stateOf(LONG);
    forward = edit(forward, { changes: { from: at, to: at + 1 }, userEvent: 'delete.forward' });
    expect(docString(forward.doc)).toBe(LONG.slice(0, at) + LONG.slice(at + 1));
  });

  it('undo brings the breaks back as breaks, not as new lines of the value; redo removes them again', () => {
    let state = stateOf(LONG);
    const breaks = state.field(pieceBreaks);
    state = edit(state, { changes: { from: 100, to: 50_000 }, userEvent: 'delete.selection' });
    expect(docString(state.doc)).toBe(LONG.slice(0, 100) + LONG.slice(50_000 - 3));
    state = run(state, undo);
    expect(state.field(pieceBreaks)).toEqual(breaks);
    expect(docString(state.doc)).toBe(LONG);
    state = run(state, redo);
    expect(docString(state.doc)).toBe(LONG.slice(0, 100) + LONG.slice(50_000 - 3));
    state = run(state, undo);
    expect(docString(state.doc)).toBe(LONG);
  });

  it('copies the value’s text, without the breaks', () => {
    const state = stateOf(LONG).update({ selection: { anchor: 5, head: 3 * PIECE_CHARS } }).state;
    const [filter] = state.facet(EditorView.clipboardOutputFilter);
    const copied = filter?.(state.sliceDoc(5, 3 * PIECE_CHARS), state);
    expect(copied).toBe(LONG.slice(5, 3 * PIECE_CHARS - 2));
  });
});
