import type { LostDraft } from '../editor/lost-draft.js';

/** A typed draft waiting for its alert dialog, with an id of its own to key that dialog on. */
export interface QueuedDraft {
  id: number;
  draft: LostDraft;
}

/** The typed drafts store switches put away, shown one alert dialog after the other. */
export interface LostDraftQueue {
  queue: QueuedDraft[];
  /** The next id: kind, key and store do not tell two drafts apart (two switches to one URL, two new records
   * without a key), and a dialog keyed on them would keep the first one's focus and "copied" line. */
  next: number;
}

export const NO_LOST_DRAFTS: LostDraftQueue = { queue: [], next: 1 };

export function queueLostDrafts(state: LostDraftQueue, drafts: readonly LostDraft[]): LostDraftQueue {
  if (drafts.length === 0) return state;
  const queued = drafts.map((draft, index) => ({ id: state.next + index, draft }));
  return { queue: [...state.queue, ...queued], next: state.next + drafts.length };
}

export function dismissLostDraft(state: LostDraftQueue): LostDraftQueue {
  return { ...state, queue: state.queue.slice(1) };
}
