/**
 * Which records are selected: some keys, or every record the filter matches (Ctrl+A: far more
 * than the grid ever holds). `focus` is the row the keyboard is on; `anchor` where Shift extends from.
 */
export interface Selection {
  all: boolean;
  keys: ReadonlySet<string>;
  focus: number;
  anchor: number;
}

export const EMPTY_SELECTION: Selection = { all: false, keys: new Set(), focus: 0, anchor: 0 };

export function selectOnly(index: number, key: string | undefined): Selection {
  return { all: false, keys: new Set(key === undefined ? [] : [key]), focus: index, anchor: index };
}

export function toggleKey(selection: Selection, index: number, key: string): Selection {
  const keys = new Set(selection.keys);
  if (keys.has(key)) keys.delete(key);
  else keys.add(key);
  return { all: false, keys, focus: index, anchor: index };
}

/** Selects from the anchor to `index`; `keysBetween` are the loaded records in that range. */
export function extendTo(selection: Selection, index: number, keysBetween: string[]): Selection {
  return { ...selection, all: false, keys: new Set(keysBetween), focus: index };
}

export function selectAll(selection: Selection): Selection {
  return { ...selection, all: true, keys: new Set() };
}

export function moveFocus(selection: Selection, index: number): Selection {
  return { ...selection, focus: index };
}

export function isSelected(selection: Selection, key: string): boolean {
  return selection.all || selection.keys.has(key);
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.all ? total : selection.keys.size;
}
