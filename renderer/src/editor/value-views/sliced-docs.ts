/**
 * The documents of large values built a slice per task, with the thread handed back between slices, so that
 * the window keeps answering while 50 MB is decoded and cut into lines (docs/editing.md, "Large values").
 */
import { Text } from '@codemirror/state';
import { BASE64_LINE_BYTES, base64Lines } from '../value-modes.js';
import { type DocText, EMPTY_DOC } from './doc-text.js';
import { LinePieces, PIECED_ABOVE, rememberPieces } from './line-pieces.js';

/** Values above this are encoded in slices. */
export const CHUNKED_BASE64_BYTES = 1024 * 1024;

/** About 1.9 MB a slice (32,768 lines), a whole number of lines, so the slices join without re-wrapping. */
const BASE64_SLICE_BYTES = BASE64_LINE_BYTES * 32_768;

/**
 * Text values above this are decoded in slices. Their text is longer than PIECED_ABOVE whatever its
 * characters (UTF-8 spends at most three bytes on a UTF-16 code unit), so their long lines are cut into
 * pieces exactly as `docOf` cuts them.
 */
export const SLICED_TEXT_BYTES = 3 * PIECED_ABOVE;

/** Bytes decoded per task: a few milliseconds each on a quiet machine. */
const TEXT_SLICE_BYTES = 4 * 1024 * 1024;

/** The value as Base64 lines of 76 characters, one slice per task. */
export async function base64DocInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<DocText> {
  const doc = new SlicedDoc();
  for (let start = 0; start < bytes.length; start += BASE64_SLICE_BYTES) {
    doc.add(base64Lines(bytes, start, Math.min(start + BASE64_SLICE_BYTES, bytes.length)));
    await pause();
  }
  return doc.text;
}

/**
 * The value's text as the editor's document (long lines in pieces), decoded one slice per task; undefined
 * when the bytes are not UTF-8 (an invalid byte anywhere, or a character cut off at the end).
 */
export async function textDocInSlices(
  bytes: Uint8Array,
  pause: () => Promise<void>,
  sliceBytes = TEXT_SLICE_BYTES,
): Promise<DocText | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const pieces = new LinePieces();
  const doc = new SlicedDoc();
  for (let start = 0; start < bytes.length; start += sliceBytes) {
    const end = Math.min(start + sliceBytes, bytes.length);
    try {
      // Streamed: a character split between two slices is decoded whole with the second.
      pieces.add(decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length }));
    } catch {
      return undefined;
    }
    if (end === bytes.length) pieces.finish();
    doc.add(pieces.take());
    await pause();
  }
  const text = doc.text;
  rememberPieces(text, pieces.breaks);
  return text;
}

/** A document made of lines that come a batch at a time: each batch becomes a tree of its own, then joins. */
class SlicedDoc {
  private doc: Text | undefined;

  add(lines: string[]): void {
    if (lines.length === 0) return;
    // A leading empty line: the batch starts a line of its own instead of continuing the document's last.
    this.doc = this.doc === undefined ? Text.of(lines) : this.doc.append(Text.of(['', ...lines]));
  }

  get text(): DocText {
    return this.doc ?? EMPTY_DOC;
  }
}

/**
 * Hands the thread back: to input and drawing first, then this work goes on. `scheduler.yield` where the
 * browser has it (Chromium): a chain of `setTimeout(0)` is held back 4 ms a link after the fifth.
 */
export const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield !== undefined ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};
