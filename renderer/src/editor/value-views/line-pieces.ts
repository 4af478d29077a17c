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
  const pieces = new LinePieces();
  for (const line of lines) pieces.addLine(line);
  return { lines: pieces.take(), breaks: pieces.breaks };
}

/**
 * The same cut made as the value's text arrives, a slice at a time (a large value decoded in several tasks):
 * a whole piece is handed out as soon as it is known, the line it belongs to still unfinished.
 */
export class LinePieces {
  /** The offsets of the breaks that are not in the value, in the document built from every piece taken. */
  readonly breaks: number[] = [];
  private pieces: string[] = [];
  /** The unfinished line's text not handed out yet: at most one piece long. */
  private pending = '';
  /** Where `pending` starts in the document. */
  private at = 0;

  /** More of the value's text: "\n" ends a line. */
  add(text: string): void {
    let start = 0;
    for (let end = text.indexOf(LINE_END); end !== -1; end = text.indexOf(LINE_END, start)) {
      this.extend(text, start, end);
      this.endLine();
      start = end + 1;
    }
    this.extend(text, start, text.length);
  }

  /** A whole line of the value (without its line break). */
  addLine(line: string): void {
    this.extend(line, 0, line.length);
    this.endLine();
  }

  /** The lines and pieces complete since the last take; after the value's last text, call `finish` first. */
  take(): string[] {
    const taken = this.pieces;
    this.pieces = [];
    return taken;
  }

  /** The value's text has all arrived: its last line is complete. */
  finish(): void {
    this.endLine();
  }

  private extend(text: string, from: number, to: number): void {
    let start = from;
    while (this.pending.length + (to - start) > PIECE_CHARS) {
      const end = start + PIECE_CHARS - this.pending.length;
      let piece = this.pending + text.slice(start, end);
      this.pending = '';
      // A surrogate pair stays in one piece: a cut between its halves would draw two broken characters.
      if (isHighSurrogate(piece.charCodeAt(piece.length - 1))) {
        this.pending = piece.slice(-1);
        piece = piece.slice(0, -1);
      }
      this.pieces.push(piece);
      this.at += piece.length;
      this.breaks.push(this.at);
      this.at += 1;
      start = end;
    }
    this.pending += text.slice(start, to);
  }

  private endLine(): void {
    this.pieces.push(this.pending);
    this.at += this.pending.length + 1;
    this.pending = '';
  }
}

const LINE_END = '\n';

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
