import { BboltError } from './bbolt-errors.js';
import type { PageView } from './bbolt-pages.js';

/** One key/value of a leaf page. `flags` has BUCKET_LEAF_FLAG for a nested bucket. */
export interface LeafEntry {
  key: Buffer;
  value: Buffer;
  flags: number;
}

/** What a cursor needs from the snapshot: pages by id, and a way to name them in errors. */
export interface PageLoader {
  readonly file: string;
  /** Loads and validates a page reached from `parent` (an on-disk page id). */
  childPage(parent: number, id: number): PageView;
}

/** A bucket's tree: its root page id, or its inline page (root id 0). */
export interface BucketRoot {
  rootId: number;
  inline: PageView | null;
  /** The page that holds the bucket entry, for an inline root (errors name it). */
  holder: number;
}

interface Frame {
  page: PageView;
  id: number;
  index: number;
}

/** Branch trees are a few levels deep; a much deeper descent can only be damage. */
const MAX_DEPTH = 64;

/**
 * Walks one bucket's B+tree in key order, like bbolt's Cursor: a stack of (page, index) from the root to a
 * leaf; `last`/`seekBefore` and `prev` walk it backwards. Every page it enters is remembered, so a cycle of
 * page pointers is reported instead of looping, and every key it returns must come after the one before in
 * its direction, so pages reused under our feet are noticed.
 */
export class Cursor {
  private stack: Frame[] = [];
  private visited = new Set<number>();
  private lastKey: Buffer | null = null;
  /** Which way the cursor moves, so the key-order check knows what "next" must look like. */
  private backwards = false;

  constructor(
    private readonly loader: PageLoader,
    private readonly root: BucketRoot,
  ) {}

  first(): LeafEntry | null {
    this.reset();
    this.descend(this.rootFrame(), () => 0);
    return this.settle();
  }

  /** Positions on the first key >= `key`, descending only the branch path that can hold it. */
  seek(key: Uint8Array): LeafEntry | null {
    this.reset();
    this.descend(this.rootFrame(), (page) => branchIndexFor(page, key));
    const leaf = this.top();
    leaf.index = leaf.page.lowerBound(key);
    return this.settle();
  }

  next(): LeafEntry | null {
    const leaf = this.stack.at(-1);
    if (leaf === undefined) return null;
    leaf.index++;
    return this.settle();
  }

  /** Positions on the last key, to walk backwards with `prev`. */
  last(): LeafEntry | null {
    this.reset(true);
    this.descend(this.rootFrame(), (page) => page.count - 1);
    const leaf = this.top();
    leaf.index = leaf.page.count - 1;
    return this.settleBackwards();
  }

  /**
   * Positions on the last key strictly below `key`, descending only one branch path: the child a forward
   * seek would enter holds the keys from its branch key on, so everything before it is below `key` too.
   */
  seekBefore(key: Uint8Array): LeafEntry | null {
    this.reset(true);
    this.descend(this.rootFrame(), (page) => branchIndexFor(page, key));
    const leaf = this.top();
    leaf.index = leaf.page.lowerBound(key) - 1;
    return this.settleBackwards();
  }

  /** The key before the current one, after `last` or `seekBefore`. */
  prev(): LeafEntry | null {
    const leaf = this.stack.at(-1);
    if (leaf === undefined) return null;
    leaf.index--;
    return this.settleBackwards();
  }

  /** The page under the cursor (for an inline bucket, the page holding it): error messages name it. */
  currentPageId(): number {
    return this.top().id;
  }

  private reset(backwards = false): void {
    this.stack = [];
    this.visited.clear();
    this.lastKey = null;
    this.backwards = backwards;
  }

  private rootFrame(): Frame {
    const { inline, rootId, holder } = this.root;
    if (inline !== null) return { page: inline, id: holder, index: 0 };
    this.visited.add(rootId);
    return { page: this.loader.childPage(holder, rootId), id: rootId, index: 0 };
  }

  private top(): Frame {
    const frame = this.stack.at(-1);
    if (frame === undefined) throw new Error('cursor has no position');
    return frame;
  }

  /** Pushes `frame` and follows `pick` down branch pages until a leaf. */
  private descend(frame: Frame, pick: (page: PageView) => number): void {
    let current = frame;
    for (;;) {
      this.stack.push(current);
      if (current.page.isLeaf) return;
      if (this.stack.length > MAX_DEPTH) {
        throw new BboltError('cycle', this.loader.file, current.id, `the tree is deeper than ${MAX_DEPTH} levels`);
      }
      current.index = pick(current.page);
      current = this.enter(current, current.page.child(current.index));
    }
  }

  private enter(parent: Frame, id: number): Frame {
    if (this.visited.has(id)) {
      const detail = `points to page ${id}, which this walk already visited (a cycle of page pointers)`;
      throw new BboltError('cycle', this.loader.file, parent.id, detail);
    }
    this.visited.add(id);
    return { page: this.loader.childPage(parent.id, id), id, index: 0 };
  }

  /** Moves forward past exhausted leaves (and empty ones) and returns the entry under the cursor. */
  private settle(): LeafEntry | null {
    for (;;) {
      const leaf = this.top();
      if (leaf.index < leaf.page.count) return this.entryAt(leaf);
      if (!this.nextLeaf()) return null;
    }
  }

  /** Moves back past exhausted (and empty) leaves and returns the entry under the cursor. */
  private settleBackwards(): LeafEntry | null {
    for (;;) {
      const leaf = this.top();
      if (leaf.index >= 0 && leaf.index < leaf.page.count) return this.entryAt(leaf);
      if (!this.prevLeaf()) return null;
    }
  }

  private prevLeaf(): boolean {
    this.stack.pop();
    for (let parent = this.stack.at(-1); parent !== undefined; parent = this.stack.at(-1)) {
      parent.index--;
      if (parent.index >= 0 && parent.index < parent.page.count) {
        this.descend(this.enter(parent, parent.page.child(parent.index)), (page) => page.count - 1);
        const leaf = this.top();
        leaf.index = leaf.page.count - 1;
        return true;
      }
      this.stack.pop();
    }
    this.stack = [];
    return false;
  }

  private nextLeaf(): boolean {
    this.stack.pop();
    for (let parent = this.stack.at(-1); parent !== undefined; parent = this.stack.at(-1)) {
      parent.index++;
      if (parent.index < parent.page.count) {
        this.descend(this.enter(parent, parent.page.child(parent.index)), () => 0);
        return true;
      }
      this.stack.pop();
    }
    this.stack = [];
    return false;
  }

  private entryAt(leaf: Frame): LeafEntry {
    const key = leaf.page.key(leaf.index);
    if (this.lastKey !== null) {
      const order = Buffer.compare(this.lastKey, key);
      if (this.backwards ? order <= 0 : order >= 0) {
        throw new BboltError('out-of-order', this.loader.file, leaf.id, 'keys are not in ascending order across pages');
      }
    }
    this.lastKey = key;
    return { key, value: leaf.page.value(leaf.index), flags: leaf.page.flags(leaf.index) };
  }
}

/** bbolt's branch search: the element whose key equals `key`, else the last one below it (or the first). */
function branchIndexFor(page: PageView, key: Uint8Array): number {
  const index = page.lowerBound(key);
  if (index < page.count && Buffer.compare(page.key(index), key) === 0) return index;
  return index > 0 ? index - 1 : 0;
}
