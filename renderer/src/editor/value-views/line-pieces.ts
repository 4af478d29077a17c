import type { Text } from '@codemirror/state';

/**
 * The longest line the editor's document holds for a large value. CodeMirror keeps a line as one
 * string, and an edit in it builds a new string that V8 copies whole the next time the line is drawn:
 * on a one-line 50 MB value that copy was most of a keystroke. A longer line is held as pieces of this
 * many characters, joined by breaks the value does not have (docs/editing.md, "Large values").
 */
export const PIECE_CHARS = 16 * 1024;

/** Values up to this many characters keep their lines whole: copying a line this long is cheap. */
export const PIECED_ABOVE = 1024 * 1024;

/** Where the document has a line break that is not in the value: the offsets of those breaks, ascending. */
export type PieceBreaks = readonly number[];

const NO_BREAKS: PieceBreaks = [];

/**
 * The breaks of each document the editor produced, by document: a document is immutable, so its
 * breaks never change, and the draft can keep passing the document alone.
 */
const known = new WeakMap<Text, PieceBreaks>();

export const piecesOf = (doc: Text): PieceBreaks => known.get(doc) ?? NO_BREAKS;

export function rememberPieces(doc: Text, breaks: PieceBreaks): void {
  if (breaks.length > 0) known.set(doc, breaks);
}

/** The value's lines with every line over PIECE_CHARS cut into pieces; `breaks` says where the cuts are. */
export function pieceLines(lines: readonly string[]): { lines: string[]; breaks: number[] } {
  const pieces: string[] = [];
  const breaks: number[] = [];
  let at = 0;
  for (const line of lines) {
    let from = 0;
    while (line.length - from > PIECE_CHARS) {
      let to = from + PIECE_CHARS;
      // A surrogate pair stays in one piece: a cut between its halves would draw two broken characters.
      if (isHighSurrogate(line.charCodeAt(to - 1))) to--;
      pieces.push(line.slice(from, to));
      at += to - from;
      breaks.push(at);
      at += 1;
      from = to;
    }
    pieces.push(from === 0 ? line : line.slice(from));
    at += line.length - from + 1;
  }
  return { lines: pieces, breaks };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** How many breaks lie before `pos`. */
export function breaksBefore(breaks: PieceBreaks, pos: number): number {
  let low = 0;
  let high = breaks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((breaks[mid] ?? 0) < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}

export const isPieceBreak = (breaks: PieceBreaks, pos: number): boolean => breaks[breaksBefore(breaks, pos)] === pos;
