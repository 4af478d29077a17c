/**
 * A test-only bbolt WRITER: builds whole bbolt files in memory (meta pages with checksums, a freelist page,
 * branch, leaf and overflow pages, nested and inline buckets) so tests can make big files and precisely
 * broken ones. It shares no code with the reader on purpose (its own FNV-1a, its own layout constants), so
 * the two check each other; the real fixtures, written by Go's bbolt, check both.
 */

const MAGIC = 0xed0cdaed;
const HEADER = 16;
const ELEMENT = 16;
const FLAG_BRANCH = 0x01;
const FLAG_LEAF = 0x02;
const FLAG_META = 0x04;
const FLAG_FREELIST = 0x10;
const FLAG_BUCKET = 0x01;

export type Bytes = Uint8Array | string;

export interface BucketContent {
  entries?: Iterable<readonly [Bytes, Bytes]>;
  buckets?: Record<string, BucketContent>;
  /** Force the bucket inline (true) or into pages of its own (false); default: bbolt's rule (small, no sub-buckets). */
  inline?: boolean;
}

export interface WriterOptions {
  pageSize?: number;
  /** The newest transaction id; the other meta page gets txid - 1 with the same tree. Default 2. */
  txid?: number;
  /** Cap on elements per leaf page, to force many pages (and branch levels) out of few records. */
  maxLeafElements?: number;
  /** Cap on elements per branch page, to force deeper trees. */
  maxBranchElements?: number;
}

export interface PageRecord {
  id: number;
  kind: 'leaf' | 'branch';
  /** Pages after the first that this page's span covers. */
  overflow: number;
  count: number;
}

export interface WrittenFile {
  bytes: Buffer;
  pageSize: number;
  rootPgid: number;
  highWater: number;
  txid: number;
  /** Every branch and leaf page written, in allocation order. */
  pages: PageRecord[];
  /** Root page id of each bucket that has pages of its own, by path (`data`, `data/sub`); 0 for inline ones. */
  bucketRoots: Map<string, number>;
}

interface Item {
  key: Buffer;
  /** Kept as given: a million values as strings are far cheaper than a million Buffers. */
  value: Buffer | string;
  flags: number;
}

const sizeOf = (value: Buffer | string) => (typeof value === 'string' ? Buffer.byteLength(value) : value.length);

const bytesOf = (b: Bytes): Buffer => (typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b));

/** FNV-1a 64 over `bytes` (bbolt's meta checksum), written out independently of the reader's. */
export function fnv64a(bytes: Uint8Array): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash;
}

class Pages {
  readonly spans = new Map<number, Buffer>();
  readonly records: PageRecord[] = [];
  next = 3;
  constructor(readonly pageSize: number) {}

  /** Reserves a page span for `bytes` bytes and returns its first page id. */
  allocate(bytes: number): { id: number; buf: Buffer; overflow: number } {
    const pages = Math.max(1, Math.ceil(bytes / this.pageSize));
    const id = this.next;
    this.next += pages;
    const buf = Buffer.alloc(pages * this.pageSize);
    this.spans.set(id, buf);
    return { id, buf, overflow: pages - 1 };
  }
}

function writeHeader(buf: Buffer, at: number, id: number, flags: number, count: number, overflow: number): void {
  buf.writeBigUInt64LE(BigInt(id), at);
  buf.writeUInt16LE(flags, at + 8);
  buf.writeUInt16LE(count, at + 10);
  buf.writeUInt32LE(overflow, at + 12);
}

/** Leaf elements then their key/value bytes, at `at` in `buf` (a page or an inline bucket value). */
function writeLeafBody(buf: Buffer, at: number, items: Item[]): void {
  let data = at + HEADER + items.length * ELEMENT;
  items.forEach((item, i) => {
    const el = at + HEADER + i * ELEMENT;
    buf.writeUInt32LE(item.flags, el);
    buf.writeUInt32LE(data - el, el + 4);
    buf.writeUInt32LE(item.key.length, el + 8);
    const valueLength = sizeOf(item.value);
    buf.writeUInt32LE(valueLength, el + 12);
    item.key.copy(buf, data);
    if (typeof item.value === 'string') buf.write(item.value, data + item.key.length);
    else item.value.copy(buf, data + item.key.length);
    data += item.key.length + valueLength;
  });
}

function writeBranchBody(buf: Buffer, children: { key: Buffer; id: number }[]): void {
  let data = HEADER + children.length * ELEMENT;
  children.forEach((child, i) => {
    const el = HEADER + i * ELEMENT;
    buf.writeUInt32LE(data - el, el);
    buf.writeUInt32LE(child.key.length, el + 4);
    buf.writeBigUInt64LE(BigInt(child.id), el + 8);
    child.key.copy(buf, data);
    data += child.key.length;
  });
}

const leafSize = (items: Item[]) => HEADER + items.reduce((n, it) => n + ELEMENT + it.key.length + sizeOf(it.value), 0);

/** Greedy packing, as full as a page allows (bbolt splits nodes a little earlier; the reader must not care). */
function pack<T>(items: T[], sizeOf: (item: T) => number, pageSize: number, maxElements: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let used = HEADER;
  for (const item of items) {
    const size = sizeOf(item);
    if (group.length > 0 && (used + size > pageSize || group.length >= maxElements)) {
      groups.push(group);
      group = [];
      used = HEADER;
    }
    group.push(item);
    used += size;
  }
  if (group.length > 0 || groups.length === 0) groups.push(group);
  return groups;
}

function buildTree(pages: Pages, items: Item[], options: Required<WriterOptions>): number {
  const leafGroups = pack(
    items,
    (it) => ELEMENT + it.key.length + sizeOf(it.value),
    pages.pageSize,
    options.maxLeafElements,
  );
  let level = leafGroups.map((group) => {
    const { id, buf, overflow } = pages.allocate(leafSize(group));
    writeHeader(buf, 0, id, FLAG_LEAF, group.length, overflow);
    writeLeafBody(buf, 0, group);
    pages.records.push({ id, kind: 'leaf', overflow, count: group.length });
    return { key: group[0]?.key ?? Buffer.alloc(0), id };
  });
  while (level.length > 1) {
    const groups = pack(level, (c) => ELEMENT + c.key.length, pages.pageSize, options.maxBranchElements);
    level = groups.map((group) => {
      const size = HEADER + group.reduce((n, c) => n + ELEMENT + c.key.length, 0);
      const { id, buf, overflow } = pages.allocate(size);
      writeHeader(buf, 0, id, FLAG_BRANCH, group.length, overflow);
      writeBranchBody(buf, group);
      pages.records.push({ id, kind: 'branch', overflow, count: group.length });
      return { key: group[0]?.key ?? Buffer.alloc(0), id };
    });
  }
  return level[0]?.id ?? 0;
}

function isSorted(items: Item[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const [prev, cur] = [items[i - 1], items[i]];
    if (prev && cur && Buffer.compare(prev.key, cur.key) > 0) return false;
  }
  return true;
}

function sortedItems(content: BucketContent, children: Item[]): Item[] {
  const items: Item[] = [...children];
  for (const [key, value] of content.entries ?? []) {
    items.push({ key: bytesOf(key), value: typeof value === 'string' ? value : Buffer.from(value), flags: 0 });
  }
  if (!isSorted(items)) items.sort((a, b) => Buffer.compare(a.key, b.key));
  for (let i = 1; i < items.length; i++) {
    const [prev, cur] = [items[i - 1], items[i]];
    if (prev && cur && prev.key.equals(cur.key)) throw new Error(`duplicate key ${cur.key.toString()}`);
  }
  return items;
}

interface Built {
  pages: Pages;
  options: Required<WriterOptions>;
  roots: Map<string, number>;
}

/** The bucket's value in its parent: {root u64, sequence u64}, followed by its page when inline. */
function bucketValue(content: BucketContent, path: string, built: Built): Buffer {
  const children = Object.entries(content.buckets ?? {}).map(([name, child]) => ({
    key: bytesOf(name),
    value: bucketValue(child, `${path}/${name}`, built),
    flags: FLAG_BUCKET,
  }));
  const items = sortedItems(content, children);
  const small = children.length === 0 && leafSize(items) <= built.pages.pageSize / 4;
  if (content.inline ?? small) {
    const value = Buffer.alloc(16 + leafSize(items));
    writeHeader(value, 16, 0, FLAG_LEAF, items.length, 0);
    writeLeafBody(value, 16, items);
    built.roots.set(path.slice(1), 0);
    return value;
  }
  const root = buildTree(built.pages, items, built.options);
  built.roots.set(path.slice(1), root);
  const value = Buffer.alloc(16);
  value.writeBigUInt64LE(BigInt(root), 0);
  return value;
}

export interface MetaFields {
  magic: number;
  version: number;
  pageSize: number;
  rootPgid: number;
  freelist: number;
  highWater: number;
  txid: number;
}

/** Writes meta page `slot` of `bytes`; the checksum is computed unless `checksum` is given. */
export function writeMeta(bytes: Buffer, pageSize: number, slot: number, meta: MetaFields, checksum?: bigint): void {
  const at = slot * pageSize;
  writeHeader(bytes, at, slot, FLAG_META, 0, 0);
  const m = at + HEADER;
  bytes.writeUInt32LE(meta.magic, m);
  bytes.writeUInt32LE(meta.version, m + 4);
  bytes.writeUInt32LE(meta.pageSize, m + 8);
  bytes.writeUInt32LE(0, m + 12);
  bytes.writeBigUInt64LE(BigInt(meta.rootPgid), m + 16);
  bytes.writeBigUInt64LE(0n, m + 24);
  bytes.writeBigUInt64LE(BigInt(meta.freelist), m + 32);
  bytes.writeBigUInt64LE(BigInt(meta.highWater), m + 40);
  bytes.writeBigUInt64LE(BigInt(meta.txid), m + 48);
  bytes.writeBigUInt64LE(checksum ?? fnv64a(bytes.subarray(m, m + 56)), m + 56);
}

/** Reads back the meta fields of `slot` (to patch one field and rewrite it). */
export function readMeta(bytes: Buffer, pageSize: number, slot: number): MetaFields {
  const m = slot * pageSize + HEADER;
  const u64 = (at: number) => Number(bytes.readBigUInt64LE(m + at));
  return {
    magic: bytes.readUInt32LE(m),
    version: bytes.readUInt32LE(m + 4),
    pageSize: bytes.readUInt32LE(m + 8),
    rootPgid: u64(16),
    freelist: u64(32),
    highWater: u64(40),
    txid: u64(48),
  };
}

/** A whole bbolt file holding `root`'s buckets. */
export function writeBbolt(root: Record<string, BucketContent>, options: WriterOptions = {}): WrittenFile {
  const opts: Required<WriterOptions> = {
    pageSize: options.pageSize ?? 4096,
    txid: options.txid ?? 2,
    maxLeafElements: options.maxLeafElements ?? 0xffff,
    maxBranchElements: options.maxBranchElements ?? 0xffff,
  };
  const built: Built = { pages: new Pages(opts.pageSize), options: opts, roots: new Map() };
  const topLevel = Object.entries(root).map(([name, content]) => ({
    key: bytesOf(name),
    value: bucketValue(content, `/${name}`, built),
    flags: FLAG_BUCKET,
  }));
  const rootPgid = buildTree(built.pages, sortedItems({}, topLevel), opts);
  return assemble(built.pages, rootPgid, opts, built.roots);
}

function assemble(pages: Pages, rootPgid: number, opts: Required<WriterOptions>, roots: Map<string, number>) {
  const { pageSize, txid } = opts;
  const highWater = pages.next;
  const bytes = Buffer.alloc(highWater * pageSize);
  for (const [id, span] of pages.spans) span.copy(bytes, id * pageSize);
  writeHeader(bytes, 2 * pageSize, 2, FLAG_FREELIST, 0, 0);
  const meta = { magic: MAGIC, version: 2, pageSize, rootPgid, freelist: 2, highWater, txid };
  writeMeta(bytes, pageSize, txid % 2, meta);
  writeMeta(bytes, pageSize, (txid + 1) % 2, { ...meta, txid: txid - 1 });
  return { bytes, pageSize, rootPgid, highWater, txid, pages: pages.records, bucketRoots: roots };
}

/** Points element `index` of branch page `pageId` at `child` (to build cycles and dangling pointers). */
export function setBranchChild(file: WrittenFile, pageId: number, index: number, child: number): void {
  const el = pageId * file.pageSize + HEADER + index * ELEMENT;
  file.bytes.writeBigUInt64LE(BigInt(child), el + 8);
}

export interface GoMicroRecordSpec {
  key: string;
  value: Bytes | null;
  /** Leave out for a go-micro v2.5-v2.8 record, which had no Metadata field. */
  metadata?: Record<string, unknown>;
  /** RFC 3339; default Go's zero time (never expires). */
  expiresAt?: string;
}

/** The bbolt value go-micro's file store writes for a record (Go's encoding/json field order). */
export function goMicroValue(record: GoMicroRecordSpec): string {
  const value = record.value === null ? null : bytesOf(record.value).toString('base64');
  const fields: Record<string, unknown> = { Key: record.key, Value: value };
  if (record.metadata !== undefined) fields.Metadata = record.metadata;
  fields.ExpiresAt = record.expiresAt ?? '0001-01-01T00:00:00Z';
  return JSON.stringify(fields);
}

/** A go-micro table file: a `data` bucket holding `records`. */
export function writeGoMicroTable(records: GoMicroRecordSpec[], options: WriterOptions = {}): WrittenFile {
  const entries = records.map((r) => [r.key, goMicroValue(r)] as const);
  return writeBbolt({ data: { entries } }, options);
}
