import { useMemo, useState } from 'react';
import { useDebouncedValue } from '../ui/use-debounced-value.js';
import { EMPTY_DRAFT, type FilterDraft, invalidFilterReason, isFiltering, toFilter } from './filter-draft.js';

/** Typing pauses this long before the grid asks again: one request per burst, not per key. */
const DEBOUNCE_MS = 120;

/** The filter inputs as typed, and the filter the grid uses once typing settles. */
export function useFilterDraft(initial: FilterDraft = EMPTY_DRAFT) {
  const [draft, setDraft] = useState(initial);
  const settled = useDebouncedValue(draft, DEBOUNCE_MS);
  const { filter, problems } = useMemo(() => toFilter(settled), [settled]);
  // Both sides: the draft as typed, and the settled draft the grid's filter (and so a bulk action) came from.
  const invalid = invalidFilterReason(draft) ?? invalidFilterReason(settled);
  return {
    draft,
    filter,
    problems,
    /** Why acting on everything matching is refused now: a field does not parse (undefined when all do). */
    invalid,
    active: isFiltering(draft),
    change: (patch: Partial<FilterDraft>) => setDraft((current) => ({ ...current, ...patch })),
    clear: () => setDraft(EMPTY_DRAFT),
    /** A whole view's filters at once (a link, a reopened store). */
    replace: (next: FilterDraft) => setDraft(next),
    /** The key tree's way in: a branch becomes the prefix. */
    setPrefix: (prefix: string) => setDraft((current) => ({ ...current, prefix })),
  };
}

export type FilterState = ReturnType<typeof useFilterDraft>;
