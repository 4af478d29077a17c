import type { RecordSummaryDto } from '../../../electron/api/contract/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { countRecords, positionOf } from './count-records.js';
import { estimateKeyAt, type KnownKey } from './key-estimate.js';
import { cursorArgs, cursorOf } from './page-cursor.js';
import { hidesExpired, queryKey, type RecordQuery, type SortOrder } from './record-query.js';
import {
  anchorAtEnd,
  appendRows,
  dropExpired,
  EMPTY_WINDOW,
  nextNeed,
  prependRows,
  type RecordWindow,
  trimAround,
  windowEnd,
} from './record-window.js';

export const PAGE_SIZE = 200;
/** Rows kept in memory at most; the far side is dropped as one scrolls. */
const MAX_ROWS = 3_000;
/** Farther than this from the loaded rows, paging there would take too long: jump instead. */
const JUMP_ROWS = 2_000;
/** Rows fetched ahead of the viewport, so scrolling rarely meets a placeholder. */
const PREFETCH_ROWS = 100;
const RELOAD_MAX = 1_000;
/** Rows read per request while walking to a far row in an order that cannot jump (any sort but the key). */
const WALK_PAGE_SIZE = 1_000;
/** How long one call of a value search may read before it answers what it found (records.page `budgetMs`). */
const SEARCH_SLICE_MS = 120;
/**
 * A count over a big table can take a few hundred milliseconds, and the server answers one request
 * at a time: counting every prefix as it is typed would hold up the next keystroke's rows. The
 * count waits until the query has stayed the same this long.
 */
const COUNT_SETTLE_MS = 300;
/**
 * While other processes write, the grid recounts after each change. A filter matching a great many
 * records costs up to seconds to count, so such counts are capped here and, above the cap, read in
 * full at most every EXACT_COUNT_MS; the last exact figure stands in between.
 */
const LIVE_COUNT_CAP = 100_000;
const EXACT_COUNT_MS = 5_000;
/** While a server still lists the table's keys, the rows in view are read again this often. */
const KEYS_LOADING_REREAD_MS = 1_000;

export interface RecordWindowSnapshot {
  window: RecordWindow;
  /** Matching records: the count, corrected by what the window has seen. */
  total: number;
  /** Rows are on their way. */
  loading: boolean;
  /** The count is on its way. */
  counting: boolean;
  /**
   * Redis, NATS KV: the table's keys are still being listed, so the rows are the first of those listed so far
   * (`listed` of about `estimated`), not yet the table's first in key order. Undefined once they are.
   */
  keysLoading: { listed: number; estimated: number } | undefined;
  error: unknown;
}

/** One request and how to apply its answer; `rows` tells the grid that rows are on their way. */
interface Step {
  rows: boolean;
  run: () => Promise<() => void>;
}

const opposite = (order: SortOrder): SortOrder => (order === 'asc' ? 'desc' : 'asc');

/**
 * Loads the records the grid is showing, a keyset page at a time, never with OFFSET.
 *
 * Scrolling near the loaded rows pages forward (`after` = the last key) or backward (the opposite
 * order after the first key). A far jump (dragging the scrollbar to the middle of a million rows)
 * cannot seek by position with a keyset cursor, so the loader estimates the key at that position
 * by interpolating between keys whose positions it knows (the first, the last, and the loaded
 * rows while their positions are exact) and reads from there. Row numbers are then estimates;
 * they become exact again once the window reaches either end. One request runs at a time, and an
 * answer for a query the user has moved on from is dropped.
 *
 * Sorted by anything but the key, there is no key to estimate: a far row near either end is read from
 * that end, and one in the middle is walked to, a large page at a time (docs/renderer.md, "Sorting").
 */
export class RecordWindowLoader {
  private query: RecordQuery | undefined;
  private generation = 0;
  private window: RecordWindow = EMPTY_WINDOW;
  private count: number | undefined;
  /** The count must be read (again); it waits until the rows in view are loaded. */
  private countStale = true;
  private queryChangedAt = Number.NEGATIVE_INFINITY;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the count was last read in full (performance.now()). */
  private exactCountAt = Number.NEGATIVE_INFINITY;
  /** A key to bring into view, and what to call with its position once the window starts there. */
  private seeking: { key: string; found: (index: number) => void } | undefined;
  private boundaries: { generation: number; keys: KnownKey[] } | undefined;
  private visible = { first: 0, last: 0 };
  private stale = false;
  private busy = false;
  private rowsInFlight = false;
  private error: unknown;
  private keysLoading: RecordWindowSnapshot['keysLoading'];
  private keysLoadingTimer: ReturnType<typeof setTimeout> | undefined;
  private snapshot: RecordWindowSnapshot = {
    window: EMPTY_WINDOW,
    total: 0,
    loading: true,
    counting: true,
    keysLoading: undefined,
    error: undefined,
  };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: ApiClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RecordWindowSnapshot => this.snapshot;

  setQuery(query: RecordQuery): void {
    if (this.query !== undefined && queryKey(this.query) === queryKey(query)) return;
    // The first query counts at once; later ones may be keystrokes, whose counts wait (COUNT_SETTLE_MS).
    this.queryChangedAt = this.query === undefined ? Number.NEGATIVE_INFINITY : performance.now();
    this.query = query;
    this.generation++;
    this.window = EMPTY_WINDOW;
    this.count = undefined;
    this.countStale = true;
    this.exactCountAt = Number.NEGATIVE_INFINITY;
    this.seeking = undefined;
    this.stale = false;
    this.error = undefined;
    this.keysLoading = undefined;
    clearTimeout(this.keysLoadingTimer);
    this.publish();
    void this.pump();
  }

  setVisible = (first: number, last: number): void => {
    if (first === this.visible.first && last === this.visible.last) return;
    this.visible = { first, last };
    this.error = undefined;
    void this.pump();
  };

  /** The store changed: read the rows in view again and recount, keeping the scroll position. */
  refresh = (): void => {
    this.stale = true;
    this.countStale = true;
    this.error = undefined;
    void this.pump();
  };

  /**
   * Moves the window to `key`, wherever it is among the matching records: its exact position is
   * counted (records.count before it), and reading starts just above it. Resolves with the position,
   * for the grid to scroll there.
   */
  seek = (key: string): Promise<number> =>
    new Promise((found) => {
      this.seeking = { key, found };
      this.error = undefined;
      void this.pump();
    });

  /**
   * Records whose time ran out leave the grid at once: nothing in the file changes when they do.
   * Returns how many left.
   */
  dropExpired(now: number): number {
    if (this.query === undefined || !hidesExpired(this.query.filter)) return 0;
    const { window, dropped } = dropExpired(this.window, now);
    if (dropped === 0) return 0;
    this.window = window;
    if (this.count !== undefined) this.count = Math.max(0, this.count - dropped);
    this.countStale = true;
    this.publish();
    void this.pump();
    return dropped;
  }

  private publish(): void {
    const window = this.window;
    const exact = window.before === undefined && window.atEnd;
    this.snapshot = {
      window,
      total: exact ? window.rows.length : Math.max(this.count ?? 0, windowEnd(window)),
      loading: this.rowsInFlight,
      counting: this.count === undefined,
      keysLoading: this.keysLoading,
      error: this.error,
    };
    for (const listener of this.listeners) listener();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let generation = this.generation;
    try {
      for (let step = this.nextStep(); step !== undefined; step = this.nextStep()) {
        this.rowsInFlight = step.rows;
        this.publish();
        generation = this.generation;
        const apply = await step.run();
        if (generation === this.generation) apply();
      }
    } catch (error) {
      // A failed read of a query the page has left (another table) says nothing of the one shown now.
      if (generation === this.generation) this.error = error;
    } finally {
      this.busy = false;
      this.rowsInFlight = false;
      this.publish();
    }
    // The query changed while an older read failed: the new one has not been read yet.
    if (generation !== this.generation) void this.pump();
  }

  private nextStep(): Step | undefined {
    const query = this.query;
    if (query === undefined || this.error !== undefined) return undefined;
    const first = Math.max(0, this.visible.first - PREFETCH_ROWS);
    const last = this.visible.last + PREFETCH_ROWS;
    const seeking = this.seeking;
    if (seeking !== undefined) {
      this.seeking = undefined;
      return { rows: true, run: () => this.seekTo(query, seeking.key, seeking.found) };
    }
    if (this.stale) {
      this.stale = false;
      return { rows: true, run: () => this.reload(query, first, last) };
    }
    const need = nextNeed(this.window, first, last, JUMP_ROWS, cursorOf(sortOf(query)));
    if (need.kind === 'forward') return { rows: true, run: () => this.forward(query, need.after) };
    if (need.kind === 'backward') return { rows: true, run: () => this.backward(query, need.before) };
    if (need.kind === 'jump' && !this.canJump(query, need.index)) return { rows: true, run: () => this.walk(query) };
    if (need.kind === 'jump') return { rows: true, run: () => this.jump(query, need.index) };
    if (this.countStale && this.countSettled()) {
      this.countStale = false;
      return { rows: false, run: () => this.recount(query) };
    }
    return undefined;
  }

  /** Whether the query has settled enough to count; if not, the pump runs again when it has. */
  private countSettled(): boolean {
    const wait = COUNT_SETTLE_MS - (performance.now() - this.queryChangedAt);
    if (wait <= 0) return true;
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => void this.pump(), wait);
    return false;
  }

  /** A jump lands on an estimated key: only in key order, or at either end where no estimate is needed. */
  private canJump(query: RecordQuery, index: number): boolean {
    const total = this.count ?? windowEnd(this.window);
    return sortOf(query) === 'key' || index < PAGE_SIZE || index + PAGE_SIZE >= total;
  }

  /** Towards a far row in a sorted order: the next large page on the side it lies. */
  private async walk(query: RecordQuery) {
    const window = this.window;
    const cursor = cursorOf(sortOf(query));
    const last = window.rows.at(-1);
    if (this.visible.first < window.start && window.rows[0] !== undefined && window.before !== undefined) {
      const page = await this.page(query, opposite(query.order), cursor(window.rows[0]), WALK_PAGE_SIZE + 1);
      return () => this.settle(prependRows(this.window, page.records, WALK_PAGE_SIZE, cursor));
    }
    const page = await this.page(query, query.order, last === undefined ? window.before : cursor(last), WALK_PAGE_SIZE);
    return () => this.settle(appendRows(this.window, page.records, page.next));
  }

  private async forward(query: RecordQuery, after: string | undefined) {
    const page = await this.page(query, query.order, after, PAGE_SIZE);
    return () => this.settle(appendRows(this.window, page.records, page.next));
  }

  private async backward(query: RecordQuery, before: string) {
    const page = await this.page(query, opposite(query.order), before, PAGE_SIZE + 1);
    return () => this.settle(prependRows(this.window, page.records, PAGE_SIZE, cursorOf(sortOf(query))));
  }

  private async jump(query: RecordQuery, index: number) {
    const total = this.count ?? windowEnd(this.window);
    if (index + PAGE_SIZE >= total) return this.jumpToEnd(query, total);
    // The cursor is exclusive: estimate the key just before the target row.
    const key = index < PAGE_SIZE ? undefined : estimateKeyAt(await this.knownKeys(query), index - 1);
    const page = await this.page(query, query.order, key, PAGE_SIZE);
    const start = key === undefined ? 0 : index;
    const estimated = key !== undefined;
    return () => this.settle({ start, rows: page.records, before: key, atEnd: page.next === null, estimated });
  }

  /** Near the end, the position is exact: read the last rows in the opposite order. */
  private async jumpToEnd(query: RecordQuery, total: number) {
    const page = await this.page(query, opposite(query.order), undefined, PAGE_SIZE + 1);
    return () => {
      const rows = page.records.slice(0, PAGE_SIZE).reverse();
      const beyond = page.records[PAGE_SIZE];
      const before = beyond === undefined ? undefined : cursorOf(sortOf(query))(beyond);
      const start = before === undefined ? 0 : Math.max(1, total - rows.length);
      this.settle({ start, rows, before, atEnd: true });
    };
  }

  private async reload(query: RecordQuery, first: number, last: number) {
    const cursor = cursorOf(sortOf(query));
    const base =
      this.window.rows.length > RELOAD_MAX ? trimAround(this.window, first, last, RELOAD_MAX, cursor) : this.window;
    const limit = Math.min(RELOAD_MAX, Math.max(PAGE_SIZE, base.rows.length));
    const page = await this.page(query, query.order, base.before, limit);
    return () => this.settle({ ...base, rows: page.records, atEnd: page.next === null });
  }

  private settle(window: RecordWindow): void {
    const cursor = cursorOf(this.query === undefined ? 'key' : sortOf(this.query));
    const trimmed = trimAround(window, this.visible.first, this.visible.last, MAX_ROWS, cursor);
    this.window = this.count === undefined ? trimmed : anchorAtEnd(trimmed, this.count);
  }

  /** The first and last keys (fetched once per query), and the loaded rows while their places are exact. */
  private async knownKeys(query: RecordQuery): Promise<KnownKey[]> {
    if (this.boundaries?.generation !== this.generation) {
      const generation = this.generation;
      const [head, tail] = await Promise.all([
        this.page(query, query.order, undefined, 1),
        this.page(query, opposite(query.order), undefined, 1),
      ]);
      const keys = boundaryKeys(head.records[0], tail.records[0], this.count ?? 0);
      this.boundaries = { generation, keys };
    }
    const window = this.window;
    const exact = window.before === undefined || window.atEnd;
    const loaded = exact && window.rows.length > 0 ? windowPoints(window) : [];
    return [...this.boundaries.keys, ...loaded];
  }

  /** Counting can take a while on a big table: it runs after the rows in view, never before them. */
  private async recount(query: RecordQuery) {
    const sinceExact = performance.now() - this.exactCountAt;
    const capped = (this.count ?? 0) >= LIVE_COUNT_CAP && sinceExact < EXACT_COUNT_MS;
    const count = await countRecords(this.client, query, capped ? LIVE_COUNT_CAP : undefined);
    return () => {
      if (capped && count >= LIVE_COUNT_CAP) {
        this.countLater(EXACT_COUNT_MS - sinceExact);
        return;
      }
      this.count = count;
      if (!capped) this.exactCountAt = performance.now();
      this.window = anchorAtEnd(this.window, count);
    };
  }

  /** Still above the cap: the last exact count stands until it is read in full again. */
  private countLater(ms: number): void {
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => {
      this.countStale = true;
      void this.pump();
    }, ms);
  }

  /** The window starts at `key`'s row: the row above it is the cursor, its position is counted. */
  private async seekTo(query: RecordQuery, key: string, found: (index: number) => void) {
    if (sortOf(query) !== 'key') return this.seekLoaded(key, found);
    const total = this.count ?? (await countRecords(this.client, query));
    const [index, above] = await Promise.all([
      positionOf(this.client, query, key, total),
      this.page(query, opposite(query.order), key, 1),
    ]);
    const before = above.records[0]?.key;
    return () => {
      this.settle({ start: before === undefined ? 0 : index, rows: [], before, atEnd: false });
      this.expectVisible(index);
      found(index);
    };
  }

  /**
   * The grid is about to scroll `index` into view (the seek's `found`), but its scroll event comes a frame
   * or more later, and until then the rows in view are the old ones. Without this the next read went back
   * for them (a far seek from the top read the first page again), and under load the grid could settle
   * there instead of at the row. Either side of it: the grid puts a row below the view at the bottom.
   */
  private expectVisible(index: number): void {
    const span = Math.max(0, this.visible.last - this.visible.first);
    this.visible = { first: Math.max(0, index - span), last: index + span };
  }

  /**
   * Sorted by anything but the key, a key's position cannot be counted (records.count counts by key):
   * a loaded key is scrolled to, any other leaves the window where it is.
   */
  private async seekLoaded(key: string, found: (index: number) => void) {
    const offset = this.window.rows.findIndex((row) => row.key === key);
    return () => found(offset < 0 ? this.visible.first : this.window.start + offset);
  }

  /**
   * A key-ordered value search is read in budgeted calls (records.page `budgetMs`): a search no index narrows
   * then holds the store's reader for about SEARCH_SLICE_MS at a time, so other reads interleave, and one the
   * page has left (the filter changed) stops at the next call instead of reading every value.
   */
  private async page(query: RecordQuery, order: SortOrder, cursor: string | undefined, limit: number) {
    const { database, table, filter } = query;
    const sort = sortOf(query);
    const budget = sort === 'key' && (filter.valueContains ?? '') !== '' ? { budgetMs: SEARCH_SLICE_MS } : {};
    const generation = this.generation;
    const records: RecordSummaryDto[] = [];
    let position = cursorArgs(sort, cursor);
    for (;;) {
      const arg = { database, table, filter, order, limit: limit - records.length, sort, ...position, ...budget };
      const page = await this.client.call('records.page', arg);
      records.push(...page.records);
      if (generation === this.generation) this.noteKeysLoading(page.keysLoading);
      if (page.partial !== true || page.next === null || generation !== this.generation) return { ...page, records };
      position = cursorArgs(sort, page.next);
    }
  }

  /**
   * A page of a table whose keys the server is still listing shows the first of those listed so far; it is
   * read again until the listing is complete and the rows are the table's first (docs/renderer.md).
   */
  private noteKeysLoading(keysLoading: RecordWindowSnapshot['keysLoading']): void {
    this.keysLoading = keysLoading;
    clearTimeout(this.keysLoadingTimer);
    if (keysLoading !== undefined) this.keysLoadingTimer = setTimeout(this.refresh, KEYS_LOADING_REREAD_MS);
  }
}

const sortOf = (query: RecordQuery) => query.sort ?? 'key';

function boundaryKeys(first: RecordSummaryDto | undefined, last: RecordSummaryDto | undefined, total: number) {
  const keys: KnownKey[] = [];
  if (first !== undefined) keys.push({ index: 0, key: first.key });
  if (last !== undefined) keys.push({ index: Math.max(0, total - 1), key: last.key });
  return keys;
}

function windowPoints(window: RecordWindow): KnownKey[] {
  const first = window.rows[0];
  const last = window.rows.at(-1);
  if (first === undefined || last === undefined) return [];
  return [
    { index: window.start, key: first.key },
    { index: windowEnd(window) - 1, key: last.key },
  ];
}
