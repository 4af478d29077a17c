/**
 * The columns a page may be sorted by (docs/renderer.md, "Sorting"). `key` is byte order; the others
 * break ties by key, so every order is total and a keyset cursor never skips or repeats a record.
 */
export const SORT_COLUMNS = ['key', 'size', 'expiry', 'updated'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/**
 * A record without an expiry sorts as if it expired at this time: after every real expiry ascending,
 * before them descending. The largest SQLite integer, so no stored expiry reaches it.
 */
export const NEVER_EXPIRES = 9_223_372_036_854_775_807n;
