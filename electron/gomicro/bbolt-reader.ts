import { type BucketRoot, Cursor, type LeafEntry, type PageLoader } from './bbolt-cursor.js';
import { BboltError } from './bbolt-errors.js';
import { loadMeta, type Meta, PAGE_HEADER_SIZE, readU64 } from './bbolt-meta.js';
import { BUCKET_HEADER_SIZE, BUCKET_LEAF_FLAG, PageView, readPageHeader } from './bbolt-pages.js';
import { type ByteSource, bufferSource, openFileSource } from './byte-source.js';

export type { BucketRoot, LeafEntry } from './bbolt-cursor.js';
export { Cursor } from './bbolt-cursor.js';

/**
 * One transaction's view of the file: the tree reachable from one meta page. bbolt is copy-on-write, so
 * as long as that transaction's pages are not reused the tree is consistent, whatever a writer does.
 */
export class Snapshot implements PageLoader {
  readonly file: string;
  private readonly fileSize: number;

  constructor(
    private readonly source: ByteSource,
    readonly meta: Meta,
  ) {
    this.file = source.name;
    this.fileSize = source.size();
  }

  /** The root bucket, whose keys name the top-level buckets. */
  rootBucket(): BucketRoot {
    return { rootId: this.meta.rootPgid, inline: null, holder: this.meta.rootPgid };
  }

  cursor(bucket: BucketRoot): Cursor {
    return new Cursor(this, bucket);
  }

  /** The value stored at exactly `key`, or null. */
  get(bucket: BucketRoot, key: Uint8Array): LeafEntry | null {
    const entry = this.cursor(bucket).seek(key);
    return entry !== null && Buffer.compare(entry.key, key) === 0 ? entry : null;
  }

  /** Follows bucket names from the root bucket; null when one of them does not exist. */
  bucket(path: readonly (string | Uint8Array)[]): BucketRoot | null {
    let current = this.rootBucket();
    for (const name of path) {
      const key = typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
      const found = this.nestedBucket(current, key);
      if (found === null) return null;
      current = found;
    }
    return current;
  }

  private nestedBucket(parent: BucketRoot, name: Uint8Array): BucketRoot | null {
    const cursor = this.cursor(parent);
    const entry = cursor.seek(name);
    if (entry === null || Buffer.compare(entry.key, name) !== 0) return null;
    const label = `bucket "${Buffer.from(name).toString('utf8')}"`;
    const holder = cursor.currentPageId();
    if ((entry.flags & BUCKET_LEAF_FLAG) === 0) {
      throw new BboltError('bad-bucket', this.file, holder, `${label} is a plain key, not a bucket`);
    }
    return this.openBucket(entry.value, label, holder);
  }

  private openBucket(value: Buffer, label: string, holder: number): BucketRoot {
    if (value.length < BUCKET_HEADER_SIZE) {
      throw new BboltError('bad-bucket', this.file, holder, `${label} has a ${value.length}-byte header`);
    }
    const rootId = readU64(value, 0);
    if (rootId !== 0) return { rootId: rootId ?? -1, inline: null, holder };
    if (value.length < BUCKET_HEADER_SIZE + PAGE_HEADER_SIZE) {
      throw new BboltError('bad-bucket', this.file, holder, `${label} is inline but holds no page`);
    }
    const ctx = { file: this.file, pageId: holder, inline: `inline page of ${label}`, highWater: this.meta.highWater };
    return { rootId: 0, inline: PageView.parse(value, BUCKET_HEADER_SIZE, ctx), holder };
  }

  childPage(parent: number, id: number): PageView {
    const { pageSize, highWater } = this.meta;
    const filePages = Math.floor(this.fileSize / pageSize);
    if (id < 2 || id >= highWater) {
      throw new BboltError('bad-page', this.file, parent, `points to page ${id}, outside 2..${highWater - 1}`);
    }
    if (id >= filePages) throw this.pastEnd(parent, id, filePages);
    const first = this.source.read(id * pageSize, pageSize);
    const { overflow } = readPageHeader(first, 0);
    if (overflow === 0) return PageView.parse(first, 0, { file: this.file, pageId: id, highWater });
    const last = id + overflow;
    if (last >= highWater) {
      throw new BboltError('bad-page', this.file, id, `its ${overflow} overflow pages pass the high-water mark`);
    }
    if (last >= filePages) throw this.pastEnd(id, last, filePages);
    const span = this.source.read(id * pageSize, (overflow + 1) * pageSize);
    return PageView.parse(span, 0, { file: this.file, pageId: id, highWater });
  }

  private pastEnd(from: number, id: number, filePages: number): BboltError {
    const detail = `needs page ${id}, past the end of the file (${this.fileSize} bytes, ${filePages} pages): truncated?`;
    return new BboltError('truncated', this.file, from, detail);
  }
}

export interface ViewOptions {
  /** How many times to start over from a fresh meta page when the file changed during a read. Default 4. */
  attempts?: number;
}

/**
 * A bbolt file opened for reading only: no lock, no write, no mmap. Every `view` opens the file, picks the
 * newest valid meta page and runs `fn` on that transaction's tree. A writer may commit meanwhile and, two
 * transactions later, reuse pages of our tree; so when `fn` fails, or the txid moved by more than one
 * (a reuse could then have happened), the read starts over from a fresh meta, a bounded number of times.
 * `fn` must therefore be free of side effects and consume everything it needs before returning.
 */
export class BboltFile {
  private constructor(
    readonly name: string,
    private readonly open: () => ByteSource,
  ) {}

  static atPath(path: string): BboltFile {
    return new BboltFile(path, () => openFileSource(path));
  }

  static fromBytes(data: Uint8Array, name = 'memory'): BboltFile {
    return new BboltFile(name, () => bufferSource(data, name));
  }

  /** Over any source; `open` is called once per view. */
  static fromSource(name: string, open: () => ByteSource): BboltFile {
    return new BboltFile(name, open);
  }

  view<T>(fn: (snapshot: Snapshot) => T, options: ViewOptions = {}): T {
    const attempts = Math.max(1, options.attempts ?? 4);
    const source = this.open();
    try {
      return this.attempt(source, fn, attempts);
    } finally {
      source.close();
    }
  }

  private attempt<T>(source: ByteSource, fn: (snapshot: Snapshot) => T, attemptsLeft: number): T {
    const snapshot = new Snapshot(source, loadMeta(source));
    let result: T;
    try {
      result = fn(snapshot);
    } catch (error) {
      if (attemptsLeft <= 1 || !this.changedSince(source, snapshot, 0)) throw error;
      return this.attempt(source, fn, attemptsLeft - 1);
    }
    if (attemptsLeft > 1 && this.changedSince(source, snapshot, 1)) return this.attempt(source, fn, attemptsLeft - 1);
    return result;
  }

  /** True when the newest transaction is more than `slack` txids past the one we read. */
  private changedSince(source: ByteSource, snapshot: Snapshot, slack: number): boolean {
    try {
      return loadMeta(source).txid - snapshot.meta.txid > slack;
    } catch {
      return false;
    }
  }
}
