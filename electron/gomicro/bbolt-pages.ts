import { BboltError } from './bbolt-errors.js';
import { PAGE_HEADER_SIZE, readU64 } from './bbolt-meta.js';

/** Page flags (internal/common/page.go): exactly one is set on a valid page. */
export const BRANCH_PAGE = 0x01;
export const LEAF_PAGE = 0x02;
export const META_PAGE = 0x04;
export const FREELIST_PAGE = 0x10;
/** Leaf element flag: the value is a bucket header, not user data. */
export const BUCKET_LEAF_FLAG = 0x01;
/** Branch elements {pos u32, ksize u32, pgid u64} and leaf elements {flags, pos, ksize, vsize u32}. */
export const ELEMENT_SIZE = 16;
/** A bucket value starts with {root pgid u64, sequence u64}; root 0 means an inline page follows. */
export const BUCKET_HEADER_SIZE = 16;

export interface PageHeader {
  id: number | null;
  flags: number;
  count: number;
  overflow: number;
}

export function readPageHeader(buf: Buffer, at: number): PageHeader {
  return {
    id: readU64(buf, at),
    flags: buf.readUInt16LE(at + 8),
    count: buf.readUInt16LE(at + 10),
    overflow: buf.readUInt32LE(at + 12),
  };
}

/** Where a page was found, for error messages and for checks that depend on the transaction. */
export interface PageContext {
  file: string;
  /** The page id for a page of its own; for an inline page, the page holding the bucket entry. */
  pageId: number;
  /** Set for an inline bucket page: a label such as `inline page of bucket "data"`. */
  inline?: string;
  highWater: number;
}

function fail(ctx: PageContext, detail: string): never {
  const where = ctx.inline ? `${ctx.inline}: ${detail}` : detail;
  throw new BboltError('bad-page', ctx.file, ctx.pageId, where);
}

function describeFlags(flags: number): string {
  if (flags === META_PAGE) return 'a meta page';
  if (flags === FREELIST_PAGE) return 'a freelist page';
  return `a page with unknown flags 0x${flags.toString(16)}`;
}

/**
 * A validated branch or leaf page. Validation is eager and complete (every element's bounds, key order,
 * child ids below the high-water mark) because a page can be reused by a concurrent writer at any moment:
 * a page that passes these checks is at least a well-formed page, and anything else is reported, not read.
 */
export class PageView {
  readonly isLeaf: boolean;
  readonly count: number;

  private constructor(
    private readonly buf: Buffer,
    private readonly base: number,
    header: PageHeader,
  ) {
    this.isLeaf = header.flags === LEAF_PAGE;
    this.count = header.count;
  }

  /** `buf[base]` is the page header; the page may use bytes up to `buf.length` (its span, with overflow). */
  static parse(buf: Buffer, base: number, ctx: PageContext): PageView {
    const header = readPageHeader(buf, base);
    if (!ctx.inline && header.id !== ctx.pageId) fail(ctx, `its header says it is page ${header.id ?? 'out of range'}`);
    if (header.flags !== LEAF_PAGE && header.flags !== BRANCH_PAGE) {
      fail(ctx, `expected a branch or leaf page, found ${describeFlags(header.flags)}`);
    }
    if (header.flags === BRANCH_PAGE && header.count === 0) fail(ctx, 'a branch page with no elements');
    if (ctx.inline && header.flags !== LEAF_PAGE) fail(ctx, 'an inline bucket page must be a leaf page');
    const end = base + PAGE_HEADER_SIZE + header.count * ELEMENT_SIZE;
    if (end > buf.length) fail(ctx, `${header.count} elements do not fit in the page`);
    const view = new PageView(buf, base, header);
    view.validateElements(ctx);
    return view;
  }

  private validateElements(ctx: PageContext): void {
    let previous: Buffer | null = null;
    for (let i = 0; i < this.count; i++) {
      const at = this.elementAt(i);
      const keyStart = at + this.buf.readUInt32LE(this.isLeaf ? at + 4 : at);
      const keyEnd = keyStart + this.buf.readUInt32LE(at + (this.isLeaf ? 8 : 4));
      const end = this.isLeaf ? keyEnd + this.buf.readUInt32LE(at + 12) : keyEnd;
      if (end > this.buf.length) fail(ctx, `element ${i} reaches past the end of the page`);
      const key = this.buf.subarray(keyStart, keyEnd);
      if (previous !== null && Buffer.compare(previous, key) >= 0) fail(ctx, `keys out of order at element ${i}`);
      previous = key;
      if (this.isLeaf) this.validateLeafFlags(i, ctx);
      else this.validateChild(i, ctx);
    }
  }

  private validateLeafFlags(i: number, ctx: PageContext): void {
    const flags = this.flags(i);
    if ((flags & ~BUCKET_LEAF_FLAG) !== 0) fail(ctx, `element ${i} has unknown flags 0x${flags.toString(16)}`);
  }

  private validateChild(i: number, ctx: PageContext): void {
    const child = readU64(this.buf, this.elementAt(i) + 8);
    if (child === null || child < 2 || child >= ctx.highWater) {
      const what = child !== null && child < 2 ? 'a meta page' : `beyond the high-water mark ${ctx.highWater}`;
      fail(ctx, `element ${i} points to page ${child ?? 'out of range'}, ${what}`);
    }
  }

  private elementAt(i: number): number {
    return this.base + PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
  }

  key(i: number): Buffer {
    const at = this.elementAt(i);
    const start = at + this.buf.readUInt32LE(this.isLeaf ? at + 4 : at);
    return this.buf.subarray(start, start + this.buf.readUInt32LE(at + (this.isLeaf ? 8 : 4)));
  }

  /** Branch pages: the child page of element `i` (validated at parse time). */
  child(i: number): number {
    return readU64(this.buf, this.elementAt(i) + 8) ?? 0;
  }

  /** Leaf pages: the value of element `i`. */
  value(i: number): Buffer {
    const at = this.elementAt(i);
    const start = at + this.buf.readUInt32LE(at + 4) + this.buf.readUInt32LE(at + 8);
    return this.buf.subarray(start, start + this.buf.readUInt32LE(at + 12));
  }

  /** Leaf pages: the element's flags (BUCKET_LEAF_FLAG for a nested bucket). */
  flags(i: number): number {
    return this.buf.readUInt32LE(this.elementAt(i));
  }

  /** The index of the first key >= `key` (count when there is none). */
  lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Buffer.compare(this.key(mid), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
