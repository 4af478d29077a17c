import type { EditorState } from './editor-state.js';
import { metadataToText } from './metadata-text.js';
import { blankRecord, type NewRecordDraft } from './new-record-draft.js';
import { docString } from './value-views/doc-text.js';

/**
 * What the editor, or the New record dialog, held unsaved when the store under it was switched (another tab's
 * Open connection): put away without writing, it stays within the user's reach instead of vanishing
 * (docs/architecture.md, "Store identity").
 */
export interface LostDraft {
  /** Changes to an open record, or a new record not created yet. */
  kind: 'changes' | 'new-record';
  key: string;
  /** The store the draft was made in, as the page named it. */
  store: string;
  /** Who switched the store and to what: "Another tab opened …". */
  opened: string;
  /** The typed value, when the value itself was edited. */
  value: string | undefined;
  /** The typed metadata, when it was edited. */
  metadata: string | undefined;
  expiryChanged: boolean;
}

/** The draft worth keeping from the editor, or undefined when nothing was changed. */
export function lostDraftOf(state: EditorState, store: string, opened: string): LostDraft | undefined {
  if (!state.dirty || state.target === undefined) return undefined;
  const metadata =
    state.detail === undefined || state.metadataText !== metadataToText(state.detail.metadata)
      ? state.metadataText
      : undefined;
  return {
    kind: 'changes',
    key: state.target.key,
    store,
    opened,
    value: state.value.edited ? docString(state.value.text) : undefined,
    metadata,
    expiryChanged: state.expiry.kind !== 'keep',
  };
}

/**
 * What the New record dialog held typed beyond a blank form, or undefined when nothing was typed there but the
 * database and table.
 */
export function lostNewRecordOf(typed: NewRecordDraft, store: string, opened: string): LostDraft | undefined {
  const blank = blankRecord({ database: typed.database, table: typed.table });
  const value = typed.value === blank.value ? undefined : typed.value;
  const metadata = typed.metadata === blank.metadata ? undefined : typed.metadata;
  const expiryChanged = typed.expiry.kind !== 'none';
  if (typed.key === blank.key && value === undefined && metadata === undefined && !expiryChanged) return undefined;
  return { kind: 'new-record', key: typed.key, store, opened, value, metadata, expiryChanged };
}

/** "Another tab opened X. Your unsaved changes to K in S were not saved." (a new record: "… was not created.") */
export function lostDraftSentence(draft: LostDraft): string {
  return `${draft.opened}. ${lostDraftClause(draft)}.`;
}

/**
 * The toast for the drafts with no typed value (metadata, expiry, a new record's key) that one switch put away:
 * each is said, so none is gone without a word. One: "Another tab opened X. Your unsaved changes to K in S were
 * not saved: metadata M"; two: "… were not saved: metadata M. Your new record N in S was not created." `opened`
 * is the one switch they all share.
 */
export function lostDraftToast(opened: string, drafts: readonly LostDraft[]): string {
  const said = drafts.map((draft) => {
    const parts = [
      ...(draft.metadata === undefined ? [] : [`metadata ${draft.metadata}`]),
      ...(draft.expiryChanged ? ['a new expiry'] : []),
    ];
    return { text: `${lostDraftClause(draft)}${parts.length === 0 ? '' : `: ${parts.join(', ')}`}`, parts };
  });
  // No full stop right after the typed metadata at the end: it would read as part of what was typed.
  const end = said.at(-1)?.parts.length === 0 ? '.' : '';
  return `${opened}. ${said.map(({ text }) => text).join('. ')}${end}`;
}

function lostDraftClause(draft: LostDraft): string {
  if (draft.kind === 'changes') return `Your unsaved changes to ${draft.key} in ${draft.store} were not saved`;
  const record = draft.key === '' ? 'Your new record' : `Your new record ${draft.key}`;
  return `${record} in ${draft.store} was not created`;
}

/** Who switched the store under this page, and to what. */
export function switchedBy(mode: 'desktop' | 'browser', display: string | null): string {
  if (display === null) return mode === 'browser' ? 'Another tab closed the store' : 'The store was closed elsewhere';
  return mode === 'browser' ? `Another tab opened ${display}` : `Another store was opened: ${display}`;
}
