import type { EditorState } from './editor-state.js';
import { metadataToText } from './metadata-text.js';
import { docString } from './value-views/doc-text.js';

/**
 * What the editor held unsaved when the store under it was switched (another tab's Open connection): put away
 * without writing, it stays within the user's reach instead of vanishing (docs/architecture.md, "Store
 * identity").
 */
export interface LostDraft {
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
    key: state.target.key,
    store,
    opened,
    value: state.value.edited ? docString(state.value.text) : undefined,
    metadata,
    expiryChanged: state.expiry.kind !== 'keep',
  };
}

/** "Another tab opened X. Your unsaved changes to K in S were not saved." */
export function lostDraftSentence(draft: LostDraft): string {
  return `${draft.opened}. Your unsaved changes to ${draft.key} in ${draft.store} were not saved.`;
}

/** The toast for a draft with no typed value (metadata, expiry): short enough to read whole. */
export function lostDraftToast(draft: LostDraft): string {
  const parts = [
    ...(draft.metadata === undefined ? [] : [`metadata ${draft.metadata}`]),
    ...(draft.expiryChanged ? ['a new expiry'] : []),
  ];
  return `${lostDraftSentence(draft).slice(0, -1)}: ${parts.join(', ')}`;
}

/** Who switched the store under this page, and to what. */
export function switchedBy(mode: 'desktop' | 'browser', display: string | null): string {
  if (display === null) return mode === 'browser' ? 'Another tab closed the store' : 'The store was closed elsewhere';
  return mode === 'browser' ? `Another tab opened ${display}` : `Another store was opened: ${display}`;
}
