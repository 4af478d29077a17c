/**
 * What the editor keeps within reach when another tab switches the store under an unsaved edit
 * (docs/architecture.md, "Store identity"): the typed value goes to an alert dialog, metadata alone to a toast.
 */
import { describe, expect, it } from 'vitest';
import type { RecordDetailDto } from '../../electron/api/contract/schemas.js';
import { type EditorState, EMPTY_EDITOR, editorReducer } from '../../renderer/src/editor/editor-state.js';
import { lostDraftOf, lostDraftSentence, lostDraftToast, switchedBy } from '../../renderer/src/editor/lost-draft.js';

const target = { database: 'micro', table: 'micro', key: 'shared/key' };
const detail: RecordDetailDto = {
  key: 'shared/key',
  value: btoa('from-sqlite'),
  size: 11,
  complete: true,
  metadata: { owner: 'a' },
  expiresAt: null,
  expired: false,
  updatedAt: 1,
  revision: '1.1',
};

function loaded(): EditorState {
  const state = editorReducer(EMPTY_EDITOR, { type: 'open', target });
  return editorReducer(state, { type: 'loaded', detail, bytes: new TextEncoder().encode('from-sqlite') });
}

const opened = switchedBy('browser', 'postgresql://root@127.0.0.1/test');

describe('a draft put away by a store switch', () => {
  it('nothing changed: nothing to keep', () => {
    expect(lostDraftOf(loaded(), '/data/a.db', opened)).toBeUndefined();
  });

  it('a typed value is kept whole, with the sentence the dialog says', () => {
    const state = editorReducer(loaded(), { type: 'edit-value', text: 'edited-in-tab-B' });
    const draft = lostDraftOf(state, '/data/a.db', opened);
    expect(draft).toMatchObject({ key: 'shared/key', value: 'edited-in-tab-B', metadata: undefined });
    expect(draft && lostDraftSentence(draft)).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your unsaved changes to shared/key in /data/a.db were not saved.',
    );
  });

  it('metadata alone is said in the toast, with the typed metadata', () => {
    const state = editorReducer(loaded(), { type: 'edit-metadata', text: '{"owner":"b"}' });
    const draft = lostDraftOf(state, '/data/a.db', opened);
    expect(draft?.value).toBeUndefined();
    expect(draft && lostDraftToast(draft)).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your unsaved changes to shared/key in /data/a.db were not saved: metadata {"owner":"b"}',
    );
  });
});
