import type { BulkTarget } from '../../bulk/bulk-target.js';
import { formatBytes } from '../../ui/format.js';
import { UNDO_MAX_BYTES, UNDO_MAX_RECORDS, UNDO_WINDOW_MS } from './deleted-record.js';

/** What the delete confirmation says about Undo: what confirmDelete (app/bulk-commands.ts) will offer. */
export function undoNote(target: BulkTarget): string {
  if (target.kind === 'matching') return 'Deleting everything matching a filter cannot be undone.';
  if (target.keys.length > UNDO_MAX_RECORDS)
    return `Deleting more than ${UNDO_MAX_RECORDS} records at once cannot be undone.`;
  return `Undo is offered for ${UNDO_WINDOW_MS / 1000} seconds after (for up to ${formatBytes(UNDO_MAX_BYTES)} of values in all).`;
}
