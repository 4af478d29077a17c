import type { CallArg } from '../../../electron/api/contract/calls.js';
import type { RecordDetailDto } from '../../../electron/api/contract/schemas.js';
import { bytesToBase64 } from '../ui/base64.js';
import { type ExpiryDraft, expirySpecOf } from './expiry-draft.js';
import { metadataToText, parseMetadata } from './metadata-text.js';
import { currentBytes, editValue, headDraft, switchMode, type ValueDraft, valueDraftFor } from './value-draft.js';
import type { ValueMode } from './value-modes.js';
import type { DocText } from './value-views/doc-text.js';

export interface OpenTarget {
  database: string;
  table: string;
  key: string;
}

/** A record as the editor keeps it: its fields, its value being the bytes kept beside it (`original`). */
export type RecordFields = Omit<RecordDetailDto, 'value'>;

export interface Notice {
  tone: 'info' | 'error';
  text: string;
}

/** The record being edited: as loaded from the store, and as the user has changed it. */
export interface EditorState {
  target: OpenTarget | undefined;
  detail: RecordFields | undefined;
  /** The loaded value (its head when the detail is not complete), for Revert. */
  original: Uint8Array;
  value: ValueDraft;
  metadataText: string;
  expiry: ExpiryDraft;
  dirty: boolean;
  phase: 'idle' | 'loading' | 'ready' | 'saving' | 'gone';
  /** The store's version after someone else changed the record (null: they deleted it). */
  conflict: { current: RecordDetailDto | null } | undefined;
  notice: Notice | undefined;
  modeProblem: string | undefined;
  /** Opened from the keyboard: the value field takes focus when it appears. */
  focusValue: boolean;
}

const NO_BYTES = new Uint8Array(0);

export const EMPTY_EDITOR: EditorState = {
  target: undefined,
  detail: undefined,
  original: NO_BYTES,
  value: valueDraftFor(NO_BYTES, 'text'),
  metadataText: '{}',
  expiry: { kind: 'keep' },
  dirty: false,
  phase: 'idle',
  conflict: undefined,
  notice: undefined,
  modeProblem: undefined,
  focusValue: false,
};

export type EditorAction =
  | { type: 'open'; target: OpenTarget; focusValue?: boolean }
  /** `draft`: the value already rendered off the reducer (a large value, in a task of its own). */
  | { type: 'loaded'; detail: RecordFields; bytes: Uint8Array; notice?: string; draft?: ValueDraft }
  /** `message` undefined: nothing to say (a store switch said it already, ui/api-error.ts `failureNotice`). */
  | { type: 'failed'; message: string | undefined }
  | { type: 'gone' }
  | { type: 'edit-value'; text: DocText | string }
  | { type: 'switch-mode'; mode: ValueMode }
  /** A mode rendered off the reducer (in chunks, for a large value). */
  | { type: 'switched'; draft: ValueDraft }
  | { type: 'mode-problem'; problem: string }
  | { type: 'edit-metadata'; text: string }
  | { type: 'set-expiry'; expiry: ExpiryDraft }
  | { type: 'revert' }
  | { type: 'saving' }
  | { type: 'conflict'; current: RecordDetailDto | null }
  | { type: 'close' };

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'open':
      return { ...EMPTY_EDITOR, target: action.target, phase: 'loading', focusValue: action.focusValue ?? false };
    case 'loaded':
      return {
        ...fromDetail(state.target, action.detail, action.bytes, action.notice, action.draft),
        focusValue: state.focusValue,
      };
    case 'failed':
      return {
        ...state,
        phase: state.detail === undefined ? 'idle' : 'ready',
        notice: action.message === undefined ? undefined : error(action.message),
      };
    case 'gone':
      // Nothing is left to be in conflict with, or to save over: the edits cannot be kept in place.
      return {
        ...state,
        phase: 'gone',
        conflict: undefined,
        dirty: false,
        notice: error('This record no longer exists: it was deleted or renamed.'),
      };
    case 'edit-value':
      return { ...state, value: editValue(state.value, action.text), dirty: true, modeProblem: undefined };
    case 'switch-mode': {
      const switched = switchMode(state.value, action.mode);
      if ('problem' in switched) return { ...state, modeProblem: switched.problem };
      return { ...state, value: switched.draft, modeProblem: undefined };
    }
    case 'switched':
      return { ...state, value: action.draft, modeProblem: undefined };
    case 'mode-problem':
      return { ...state, modeProblem: action.problem };
    case 'edit-metadata':
      return { ...state, metadataText: action.text, dirty: true };
    case 'set-expiry':
      return { ...state, expiry: action.expiry, dirty: true };
    case 'revert':
      // A gone record's detail is what it was, not what is: reverting to it would show a record that is not there.
      return state.detail === undefined || state.phase === 'gone'
        ? state
        : fromDetail(state.target, state.detail, state.original);
    case 'saving':
      return { ...state, phase: 'saving', notice: undefined };
    case 'conflict':
      return { ...state, phase: 'ready', conflict: { current: action.current } };
    case 'close':
      return EMPTY_EDITOR;
  }
}

function fromDetail(
  target: OpenTarget | undefined,
  detail: RecordFields,
  bytes: Uint8Array,
  notice?: string,
  draft?: ValueDraft,
) {
  return {
    ...EMPTY_EDITOR,
    target,
    detail,
    original: bytes,
    value: draft ?? (detail.complete ? valueDraftFor(bytes) : headDraft(bytes)),
    metadataText: metadataToText(detail.metadata),
    phase: 'ready',
    notice: notice === undefined ? undefined : { tone: 'info', text: notice },
  } satisfies EditorState;
}

const error = (text: string): Notice => ({ tone: 'error', text });

type WriteArg = CallArg<'record.write'>;

/** The write that saves the editor, or why it cannot be saved yet. */
export function writeRequest(
  state: EditorState,
  expectedRevision: string | null,
): { ok: true; arg: WriteArg } | { ok: false; message: string } {
  if (state.target === undefined || state.detail === undefined) return { ok: false, message: 'No record is open' };
  if (!state.detail.complete) return { ok: false, message: 'Load the whole value before saving' };
  const bytes = currentBytes(state.value);
  if (!bytes.ok) return { ok: false, message: bytes.message };
  const metadata = parseMetadata(state.metadataText);
  if (!metadata.ok) return { ok: false, message: metadata.message };
  const expiry = expirySpecOf(state.expiry, state.detail.expiresAt);
  if (!expiry.ok) return { ok: false, message: expiry.message };
  const { database, table, key } = state.target;
  return {
    ok: true,
    arg: {
      database,
      table,
      key,
      value: bytesToBase64(bytes.bytes),
      metadata: metadata.metadata,
      expiry: expiry.spec,
      expectedRevision,
    },
  };
}

/** Just the three fields: the calls are strict about what they are given. */
export function toTarget({ database, table, key }: OpenTarget): OpenTarget {
  return { database, table, key };
}

export function sameTarget(a: OpenTarget | undefined, b: OpenTarget | undefined): boolean {
  return a?.database === b?.database && a?.table === b?.table && a?.key === b?.key;
}
