/**
 * What the editor and the New record dialog keep within reach when another tab switches the store under an
 * unsaved edit (docs/architecture.md, "Store identity"): the typed value goes to an alert dialog, metadata alone
 * to a toast.
 */
import { describe, expect, it } from 'vitest';
import type { RecordDetailDto } from '../../electron/api/contract/schemas.js';
import { dismissLostDraft, NO_LOST_DRAFTS, queueLostDrafts } from '../../renderer/src/app/lost-draft-queue.js';
import { type EditorState, EMPTY_EDITOR, editorReducer } from '../../renderer/src/editor/editor-state.js';
import {
  lostDraftOf,
  lostDraftSentence,
  lostDraftToast,
  lostNewRecordOf,
  switchedBy,
} from '../../renderer/src/editor/lost-draft.js';
import { blankRecord } from '../../renderer/src/editor/new-record-draft.js';

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
    expect(draft && lostDraftToast(opened, [draft])).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your unsaved changes to shared/key in /data/a.db were not saved: metadata {"owner":"b"}',
    );
  });
});

describe('a New record put away by a store switch', () => {
  const blank = blankRecord({ database: 'micro', table: 'orders' });
  const lost = (typed: Partial<typeof blank>) => lostNewRecordOf({ ...blank, ...typed }, '/data/a.db', opened);

  it('a blank form, or only another table named: nothing to keep', () => {
    expect(lost({})).toBeUndefined();
    expect(lost({ database: 'shop', table: 'carts' })).toBeUndefined();
  });

  it('a typed value is kept whole for the alert dialog, which says the record was not created', () => {
    const draft = lost({ key: 'order/9', value: '{"total": 12}', mode: 'json' });
    expect(draft).toMatchObject({ key: 'order/9', value: '{"total": 12}', metadata: undefined, expiryChanged: false });
    expect(draft && lostDraftSentence(draft)).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your new record order/9 in /data/a.db was not created.',
    );
    expect(lost({ value: 'no key yet' })?.value).toBe('no key yet');
  });

  it('a key, metadata or expiry without a value is said in the toast', () => {
    const keyOnly = lost({ key: 'order/9' });
    expect(keyOnly?.value).toBeUndefined();
    expect(keyOnly && lostDraftToast(opened, [keyOnly])).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your new record order/9 in /data/a.db was not created.',
    );
    const typed = lost({ metadata: '{"owner":"b"}', expiry: { kind: 'ttl', text: '1h' } });
    expect(typed && lostDraftToast(opened, [typed])).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your new record in /data/a.db was not created: metadata {"owner":"b"}, a new expiry',
    );
  });
});

describe('two drafts put away by one switch', () => {
  const blank = blankRecord({ database: 'micro', table: 'orders' });
  const metadataOnly = lostDraftOf(
    editorReducer(loaded(), { type: 'edit-metadata', text: '{"owner":"b"}' }),
    '/data/a.db',
    opened,
  );
  const keyOnly = lostNewRecordOf({ ...blank, key: 'order/9' }, '/data/a.db', opened);

  it("the editor's metadata and a New record's key are both said in the one toast", () => {
    if (metadataOnly === undefined || keyOnly === undefined) throw new Error('both are drafts');
    expect(lostDraftToast(opened, [metadataOnly, keyOnly])).toBe(
      'Another tab opened postgresql://root@127.0.0.1/test. Your unsaved changes to shared/key in /data/a.db were not saved: metadata {"owner":"b"}. Your new record order/9 in /data/a.db was not created.',
    );
  });
});

describe('the typed drafts waiting for their alert dialogs', () => {
  const typed = lostNewRecordOf(
    { ...blankRecord({ database: 'micro', table: 'micro' }), value: 'no key yet' },
    '/data/a.db',
    opened,
  );

  it('two alike (two switches to one URL, two new records without a key) are two dialogs, each its own id', () => {
    if (typed === undefined) throw new Error('a draft');
    const first = queueLostDrafts(NO_LOST_DRAFTS, [typed]);
    const both = queueLostDrafts(first, [{ ...typed }]);
    expect(both.queue.map(({ draft }) => lostDraftSentence(draft))).toEqual([
      lostDraftSentence(typed),
      lostDraftSentence(typed),
    ]);
    const [shown, next] = both.queue;
    expect(shown?.id).not.toBe(next?.id);
    // Closing the first shows the second under another id, so React mounts a fresh dialog for it.
    expect(dismissLostDraft(both).queue[0]?.id).toBe(next?.id);
    expect(queueLostDrafts(dismissLostDraft(dismissLostDraft(both)), [typed]).queue[0]?.id).not.toBe(next?.id);
  });
});
