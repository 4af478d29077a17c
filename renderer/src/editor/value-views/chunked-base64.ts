import { Text } from '@codemirror/state';
import { BASE64_LINE_BYTES, base64Lines } from '../value-modes.js';
import { type DocText, EMPTY_DOC } from './doc-text.js';

/** Values above this are encoded in slices with a pause between, so the window keeps answering. */
export const CHUNKED_BASE64_BYTES = 1024 * 1024;

/** About 1 MB a slice, a whole number of lines, so the slices join without re-wrapping. */
const SLICE_BYTES = BASE64_LINE_BYTES * 16_384;

/** The value as Base64 lines, one slice per task; `pause` hands the thread back between slices. */
export async function base64DocInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<DocText> {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
    for (const line of base64Lines(bytes, start, Math.min(start + SLICE_BYTES, bytes.length))) lines.push(line);
    await pause();
  }
  return lines.length === 0 ? EMPTY_DOC : Text.of(lines);
}

export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
