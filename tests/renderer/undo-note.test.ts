import { describe, expect, it } from 'vitest';
import { UNDO_MAX_RECORDS } from '../../renderer/src/editor/undo-delete/deleted-record.js';
import { undoNote } from '../../renderer/src/editor/undo-delete/undo-note.js';

describe('the delete confirmation', () => {
  it('says a delete of chosen keys can be undone for a few seconds', () => {
    expect(undoNote({ kind: 'keys', keys: ['a', 'b'] })).toBe(
      'Undo is offered for 10 seconds after (for up to 64 MB of values in all).',
    );
  });

  it('says deleting everything matching a filter, or too many keys, cannot be undone', () => {
    expect(undoNote({ kind: 'matching', filter: { prefix: 'user/' } })).toMatch(/filter cannot be undone/);
    const many = Array.from({ length: UNDO_MAX_RECORDS + 1 }, (_, index) => `k${index}`);
    expect(undoNote({ kind: 'keys', keys: many })).toBe('Deleting more than 100 records at once cannot be undone.');
  });
});
