/**
 * The grid's paging rules, the same for every backend and the API's schemas, so one grid works over any of
 * them.
 */

/** The most records one page may ask for. */
export const MAX_PAGE_SIZE = 1_000;
/** How many bytes of each value a page carries for the grid's preview column. */
export const PREVIEW_BYTES = 256;
