import { strictUtf8, utf8Head } from '../ui/base64.js';
import type { Parsed } from './value-modes.js';
import {
  binaryViewOf,
  decodedViews,
  defaultMode,
  parseValue,
  renderValue,
  type ValueMode,
  whyModeUnavailable,
} from './value-modes.js';
import { type DocText, docOf, docString, EMPTY_DOC } from './value-views/doc-text.js';
import { SLICED_TEXT_BYTES, textDocInSlices } from './value-views/sliced-docs.js';

/** The value field: the bytes as last loaded or switched, and the text the user sees and edits. */
export interface ValueDraft {
  mode: ValueMode;
  /** Empty in the views that draw the bytes themselves (hex, image). */
  text: DocText;
  bytes: Uint8Array;
  edited: boolean;
  /** The decoded views these bytes allow (image, MessagePack, protobuf). */
  views: ValueMode[];
  /** Why the typed text cannot be saved; checked at each keystroke only up to CHECKED_CHARS. */
  problem: string | undefined;
}

/**
 * Past this size typed text is checked when saved, not at each keystroke: parsing megabytes of JSON
 * per keystroke would freeze the window (docs/editing.md, "Large values").
 */
export const CHECKED_CHARS = 1024 * 1024;

/**
 * The draft of a whole value just read. A large value is judged by its head: text is decoded and cut into lines
 * a slice per task (`pause` between), and shown as binary after all when a byte past the head is not UTF-8.
 */
export async function loadedValueDraft(bytes: Uint8Array, pause: () => Promise<void>): Promise<ValueDraft> {
  const mode = defaultMode(bytes);
  if (mode !== 'text') return valueDraftFor(bytes, mode);
  const doc = bytes.length > SLICED_TEXT_BYTES ? await textDocInSlices(bytes, pause) : textDoc(bytes);
  return doc === undefined ? valueDraftFor(bytes, binaryViewOf(bytes)) : draftOf(bytes, 'text', doc);
}

function textDoc(bytes: Uint8Array): DocText | undefined {
  const text = strictUtf8(bytes);
  return text === undefined ? undefined : docOf(text);
}

export function valueDraftFor(bytes: Uint8Array, mode: ValueMode = defaultMode(bytes)): ValueDraft {
  return draftOf(bytes, mode, docOf(renderValue(bytes, mode) ?? ''));
}

/** A draft showing `bytes` in `mode` as `text` (already rendered, possibly in chunks). */
export function draftOf(bytes: Uint8Array, mode: ValueMode, text: DocText): ValueDraft {
  return { mode, text, bytes, edited: false, views: decodedViews(bytes), problem: undefined };
}

export function editValue(draft: ValueDraft, text: DocText | string): ValueDraft {
  const doc = typeof text === 'string' ? docOf(text) : text;
  const problem = doc.length <= CHECKED_CHARS ? parseProblem(docString(doc), draft.mode) : undefined;
  return { ...draft, text: doc, edited: true, problem };
}

function parseProblem(text: string, mode: ValueMode): string | undefined {
  const parsed = parseValue(text, mode);
  return parsed.ok ? undefined : parsed.message;
}

/** The bytes the field holds now: what was loaded, or what the typed text stands for. */
export function currentBytes(draft: ValueDraft): Parsed {
  return draft.edited ? parseValue(docString(draft.text), draft.mode) : { ok: true, bytes: draft.bytes };
}

/** Shows the same bytes another way; refused while the typed text is invalid or the mode cannot show them. */
export function switchMode(draft: ValueDraft, mode: ValueMode): { draft: ValueDraft } | { problem: string } {
  const bytes = currentBytes(draft);
  if (!bytes.ok) return { problem: bytes.message };
  const text = renderValue(bytes.bytes, mode);
  if (text === undefined) return { problem: whyModeUnavailable(bytes.bytes, mode) };
  return { draft: draftOf(bytes.bytes, mode, docOf(text)) };
}

/** Why the field cannot be saved as it is, if it cannot. */
export function valueProblem(draft: ValueDraft): string | undefined {
  return draft.edited ? draft.problem : undefined;
}

/** How much of a large value's head the read-only field shows before "Load all". */
export const HEAD_SHOWN_BYTES = 256 * 1024;

/** A value too large to load whole: the start of its head, shown read-only, as text when it reads as text. */
export function headDraft(loaded: Uint8Array): ValueDraft {
  const head = loaded.subarray(0, HEAD_SHOWN_BYTES);
  const text = utf8Head(head, true);
  return text === undefined
    ? { mode: 'hex', text: EMPTY_DOC, bytes: head, edited: false, views: [], problem: undefined }
    : { mode: 'text', text: docOf(text), bytes: head, edited: false, views: [], problem: undefined };
}
