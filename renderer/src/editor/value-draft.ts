import { utf8Head } from '../shared/base64.js';
import { bytesToHex, type Parsed } from '../shared/hex-view.js';
import { defaultMode, parseValue, renderValue, type ValueMode, whyModeUnavailable } from './value-modes.js';

/** The value field: the bytes as last loaded or switched, and the text the user sees and edits. */
export interface ValueDraft {
  mode: ValueMode;
  text: string;
  bytes: Uint8Array;
  edited: boolean;
}

export function valueDraftFor(bytes: Uint8Array, mode: ValueMode = defaultMode(bytes)): ValueDraft {
  return { mode, text: renderValue(bytes, mode) ?? '', bytes, edited: false };
}

export function editValue(draft: ValueDraft, text: string): ValueDraft {
  return { ...draft, text, edited: true };
}

/** The bytes the field holds now: what was loaded, or what the typed text stands for. */
export function currentBytes(draft: ValueDraft): Parsed {
  return draft.edited ? parseValue(draft.text, draft.mode) : { ok: true, bytes: draft.bytes };
}

/** Shows the same bytes another way; refused while the typed text is invalid or the mode cannot show them. */
export function switchMode(draft: ValueDraft, mode: ValueMode): { draft: ValueDraft } | { problem: string } {
  const bytes = currentBytes(draft);
  if (!bytes.ok) return { problem: bytes.message };
  const text = renderValue(bytes.bytes, mode);
  if (text === undefined) return { problem: whyModeUnavailable(bytes.bytes, mode) };
  return { draft: { mode, text, bytes: bytes.bytes, edited: false } };
}

/** Why the field cannot be saved as it is, if it cannot. */
export function valueProblem(draft: ValueDraft): string | undefined {
  if (!draft.edited) return undefined;
  const parsed = parseValue(draft.text, draft.mode);
  return parsed.ok ? undefined : parsed.message;
}

/**
 * How much of a large value's head the read-only field shows: laying out a megabyte of unbroken
 * text in a textarea alone takes a few hundred milliseconds.
 */
export const HEAD_SHOWN_BYTES = 256 * 1024;

/** A value too large to load whole: the start of its head, shown read-only, as text when it reads as text. */
export function headDraft(loaded: Uint8Array): ValueDraft {
  const head = loaded.subarray(0, HEAD_SHOWN_BYTES);
  const text = utf8Head(head, true);
  return text === undefined
    ? { mode: 'hex', text: bytesToHex(head), bytes: head, edited: false }
    : { mode: 'text', text, bytes: head, edited: false };
}
