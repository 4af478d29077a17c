import { describe, expect, it } from 'vitest';
import type { RecordDetailDto } from '../../electron/api/contract/schemas.js';
import { type EditorState, EMPTY_EDITOR, editorReducer } from '../../renderer/src/editor/editor-state.js';

const target = { database: 'micro', table: 'micro', key: 'shared' };
const detail: RecordDetailDto = {
  key: 'shared',
  value: btoa('original'),
  size: 8,
  complete: true,
  metadata: {},
  expiresAt: null,
  expired: false,
  updatedAt: 1,
  revision: '1.1',
};

function editedUnderDelete(): EditorState {
  let state = editorReducer(EMPTY_EDITOR, { type: 'open', target });
  state = editorReducer(state, { type: 'loaded', detail, bytes: new TextEncoder().encode('original') });
  state = editorReducer(state, { type: 'edit-value', text: 'mine' });
  return editorReducer(state, { type: 'conflict', current: null });
}

describe('a record deleted in the store (issue 11, item 7)', () => {
  it('once gone, shows no conflict and nothing unsaved', () => {
    const gone = editorReducer(editedUnderDelete(), { type: 'gone' });
    expect(gone.phase).toBe('gone');
    expect(gone.conflict).toBeUndefined();
    expect(gone.dirty).toBe(false);
  });

  it('Revert does not bring a deleted record back as if it existed', () => {
    const gone = editorReducer(editedUnderDelete(), { type: 'gone' });
    const reverted = editorReducer(gone, { type: 'revert' });
    expect(reverted.phase).toBe('gone');
  });
});
