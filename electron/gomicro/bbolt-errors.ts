/**
 * What can be wrong with a bbolt file, as one error type: callers (the go-micro store, the CLI) need to tell a
 * broken or foreign file apart from a programming error, and the message must say what is wrong and where.
 */
export type BboltProblem =
  | 'not-bbolt' // no valid meta page: not a bbolt file at all, or both meta pages destroyed
  | 'truncated' // the file ends before a page it needs
  | 'bad-page' // a page whose header or elements do not make sense where it was reached
  | 'cycle' // page pointers that lead back to a page already visited
  | 'out-of-order' // keys that are not in ascending byte order
  | 'bad-bucket' // a bucket entry whose header or inline page is broken
  | 'unsupported'; // a valid file this reader does not handle (big-endian)

export class BboltError extends Error {
  constructor(
    readonly problem: BboltProblem,
    readonly file: string,
    readonly pageId: number | null,
    detail: string,
  ) {
    super(pageId === null ? `${file}: ${detail}` : `${file}: page ${pageId}: ${detail}`);
    this.name = 'BboltError';
  }
}
