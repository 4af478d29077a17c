/**
 * Which of the three formats a file is. The first non-whitespace character settles array (`[`) against
 * objects (`{`); among object streams, a store dump starts with its header object and record lines do not.
 * Detection never needs more than the first object, so it streams like the rest.
 */

import { isDumpHeader } from './dump-format.js';
import { errorAt, type SourcePlace } from './errors.js';
import type { ScanLayout } from './json-object-scanner.js';

export type RecordsFormat = 'array' | 'lines' | 'dump';
export type RequestedFormat = RecordsFormat | 'auto';

export function scanLayoutFor(format: RequestedFormat): ScanLayout | 'auto' {
  if (format === 'auto') return 'auto';
  return format === 'array' ? 'array' : 'stream';
}

/** Lines or dump, from the first object of an object stream. */
export function streamFormatOf(
  first: Record<string, unknown>,
  requested: RequestedFormat,
  start: SourcePlace,
): 'lines' | 'dump' {
  const header = isDumpHeader(first);
  if (requested === 'dump' && !header) {
    throw errorAt(
      'dump',
      start,
      'not a store dump: the first line must be the dump header {"format":"store-inspector-dump",…}',
    );
  }
  if (requested === 'lines' && header) {
    throw errorAt('shape', start, 'this file is a store dump, not record lines: import it as a store dump');
  }
  return header ? 'dump' : 'lines';
}
