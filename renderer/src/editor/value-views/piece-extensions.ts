import { invertedEffects } from '@codemirror/commands';
import {
  type ChangeDesc,
  EditorState,
  type Extension,
  StateEffect,
  StateField,
  type Text,
  Transaction,
  type TransactionSpec,
} from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { valueSlice } from './doc-text.js';
import { breaksBefore, isPieceBreak, type PieceBreaks, piecesOf, rememberPieces } from './line-pieces.js';

/**
 * A long line of a large value is held as pieces (line-pieces.ts). These keep the pieces invisible
 * to the value: the breaks follow the edits, an undo brings back the ones it restores, a Backspace or
 * Delete on a break removes the character beyond it, a copy leaves them out, and the line numbers
 * count the value's lines (docs/editing.md, "Large values").
 */

/** Breaks that an undo puts back, at their places in the document after the undo. */
const restoreBreaks = StateEffect.define<PieceBreaks>({
  map: (breaks, mapping) => breaks.map((at) => mapping.mapPos(at, 1)),
});

/** The breaks a change deletes (both sides of the break inside a deleted range), in the old document. */
function deletedBreaks(breaks: PieceBreaks, changes: ChangeDesc): number[] {
  const deleted: number[] = [];
  if (breaks.length === 0) return deleted;
  changes.iterChangedRanges((fromA, toA) => {
    for (let index = breaksBefore(breaks, fromA); index < breaks.length; index++) {
      const at = breaks[index] ?? toA;
      if (at + 1 > toA) break;
      deleted.push(at);
    }
  });
  return deleted;
}

/** Each break where the edit moved it; text typed at a piece's end stays in that piece. */
function mapBreaks(breaks: PieceBreaks, changes: ChangeDesc): number[] {
  const deleted = new Set(deletedBreaks(breaks, changes));
  const mapped: number[] = [];
  for (const at of breaks) if (!deleted.has(at)) mapped.push(changes.mapPos(at, 1));
  return mapped;
}

export const pieceBreaks = StateField.define<PieceBreaks>({
  create: (state) => piecesOf(state.doc),
  update(breaks, tr) {
    let next = tr.docChanged ? mapBreaks(breaks, tr.changes) : breaks;
    for (const effect of tr.effects)
      if (effect.is(restoreBreaks)) next = [...new Set([...next, ...effect.value])].sort((a, b) => a - b);
    // Kept by document, so that the document handed up alone still knows its pieces (docString).
    if (tr.docChanged) rememberPieces(tr.newDoc, next);
    return next;
  },
});

/** Backspace or Delete that would remove only a break removes the character beyond it too, as it looks. */
const deleteBeyondBreaks = EditorState.transactionFilter.of((tr): TransactionSpec | Transaction => {
  const backward = tr.isUserEvent('delete.backward');
  if (!tr.docChanged || !(backward || tr.isUserEvent('delete.forward'))) return tr;
  const breaks = tr.startState.field(pieceBreaks, false) ?? [];
  const ranges: { from: number; to: number; inserted: number }[] = [];
  tr.changes.iterChanges((from, to, _fromB, _toB, inserted) => {
    ranges.push({ from, to, inserted: inserted.length });
  });
  const [only] = ranges;
  if (ranges.length !== 1 || only === undefined || only.inserted > 0 || only.to - only.from !== 1) return tr;
  if (!isPieceBreak(breaks, only.from)) return tr;
  const doc = tr.startState.doc;
  const from = backward ? only.from - charLength(doc, only.from - 2, only.from) : only.from;
  const to = backward ? only.to : only.to + charLength(doc, only.to, only.to + 2);
  if (from === only.from && to === only.to) return tr;
  return {
    changes: { from, to },
    selection: { anchor: from },
    scrollIntoView: tr.scrollIntoView,
    userEvent: tr.annotation(Transaction.userEvent) ?? 'delete',
  };
});

/** How long the character within `from`..`to` (two code units around a break) is: 2 for a surrogate pair, 0 past an end. */
function charLength(doc: Text, from: number, to: number): number {
  const text = doc.sliceString(Math.max(0, from), Math.min(doc.length, to));
  if (text.length < 2) return text.length;
  return /^[\ud800-\udbff][\udc00-\udfff]$/.test(text) ? 2 : 1;
}

/** A copy, cut or drag takes the value's text: the selected ranges without the pieces' breaks. */
const copyWithoutBreaks = EditorView.clipboardOutputFilter.of((text, state) => {
  const breaks = state.field(pieceBreaks, false) ?? [];
  const ranges = state.selection.ranges.filter((range) => !range.empty);
  if (breaks.length === 0 || ranges.length === 0) return text;
  return ranges.map((range) => valueSlice(state.doc, range.from, range.to, breaks)).join(state.lineBreak);
});

/** The value's line numbers: a piece after the first of its line shows none, like a wrapped row. */
function valueLineNumber(line: number, state: EditorState): string {
  const breaks = state.field(pieceBreaks, false) ?? [];
  // The gutter also asks for numbers past the end (9, 99, …) to size itself.
  if (breaks.length === 0 || line > state.doc.lines) return String(line);
  const start = state.doc.line(line).from;
  const before = breaksBefore(breaks, start);
  return before > 0 && breaks[before - 1] === start - 1 ? '' : String(line - before);
}

export function pieceExtensions(): Extension {
  return [
    pieceBreaks,
    invertedEffects.of((tr) => {
      if (!tr.docChanged) return [];
      const deleted = deletedBreaks(tr.startState.field(pieceBreaks, false) ?? [], tr.changes);
      return deleted.length === 0 ? [] : [restoreBreaks.of(deleted)];
    }),
    deleteBeyondBreaks,
    copyWithoutBreaks,
    lineNumbers({ formatNumber: valueLineNumber }),
  ];
}
