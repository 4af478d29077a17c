/** The grid's Value contains text, which the value editor marks wherever it occurs. */
export interface ValueHighlight {
  text: string;
  /** Off: ASCII letters match either case, as the filter folds them (docs/metadata-queries.md). */
  matchCase: boolean;
}

/**
 * The text as a pattern that matches what the filter matches: each ASCII letter as either case when case is
 * ignored, everything else itself (a JavaScript `i` flag would also fold É and é, which the filter does not).
 */
export function highlightPattern({ text, matchCase }: ValueHighlight): RegExp {
  const source = Array.from(text, (char) => {
    if (!matchCase && /[A-Za-z]/.test(char)) return `[${char.toLowerCase()}${char.toUpperCase()}]`;
    return char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }).join('');
  return new RegExp(source, 'gu');
}
