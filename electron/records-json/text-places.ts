import type { SourcePlace } from './errors.js';

/**
 * The place of `text[index]`, given the place of `text[0]`. Used on error paths only: it walks the text, which
 * is fine once per failed import but too slow for every record.
 */
export function placeWithin(text: string, start: SourcePlace, index: number): SourcePlace {
  let line = start.line;
  let lineStart = -1;
  let at = text.indexOf('\n');
  while (at !== -1 && at < index) {
    line++;
    lineStart = at;
    at = text.indexOf('\n', at + 1);
  }
  const column = lineStart === -1 ? start.column + index : index - lineStart;
  const byteOffset = start.byteOffset + Buffer.byteLength(text.slice(0, index));
  return { line, column, byteOffset };
}
