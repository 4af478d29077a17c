/**
 * The figures of a table's picture (docs/analysis.md), added up record by record in one pass: totals, the
 * value-size histogram, the expiry buckets, one key-space level and the biggest records. One pass over the
 * records (or a sample of them) replaces one SQL scan per chart; what it holds is bounded: the biggest few,
 * twelve size buckets, six expiry buckets, and at most MAX_DISTINCT_PARTS parts of the level.
 */
import { compareKeys } from './key-order.js';

/** Value-size buckets' lower bounds in bytes: [0], [1, 16), [16, 64) … [4 MiB, ∞). */
export const SIZE_BOUNDS = [0, 1, 16, 64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304] as const;

/** Expiry buckets: expired (not yet purged), then life left up to each bound, then later, then never. */
export const EXPIRY_BOUNDS = [
  { name: 'minute', ms: 60_000 },
  { name: 'hour', ms: 3_600_000 },
  { name: 'day', ms: 86_400_000 },
] as const;

export type ExpiryBucketName = 'expired' | (typeof EXPIRY_BOUNDS)[number]['name'] | 'later' | 'never';

/** A level shows its biggest parts; the rest are summed into `others`. */
export const MAX_PARTS = 60;

/**
 * Past this many distinct parts the level stops being tallied here (the caller asks SQL's GROUP BY, which
 * spills to disk): a level of unique keys would otherwise hold one entry per record. A sample never gets here.
 */
export const MAX_DISTINCT_PARTS = 200_000;

/** One part of a key-space level: a branch (keys continuing past a delimiter) or the keys that end here. */
export interface KeyPart {
  /** The branch's prefix (ending in the delimiter); null for the records whose keys end at this level. */
  prefix: string | null;
  records: number;
  bytes: number;
}

export interface SizeBucket {
  /** Lower bound in bytes (inclusive). */
  from: number;
  /** Upper bound in bytes (exclusive); null for the last. */
  to: number | null;
  records: number;
  bytes: number;
}

export interface ExpiryBucket {
  bucket: ExpiryBucketName;
  records: number;
}

export interface BigRecord {
  key: string;
  size: number;
  expiresAt: number | null;
}

export interface KeyLevel {
  level: string;
  delimiter: string;
  parts: KeyPart[];
  /** What the parts past MAX_PARTS hold together; null when every part is listed. */
  others: Omit<KeyPart, 'prefix'> | null;
}

/** One record as the pass reads it: never its value, only the value's length. */
export interface TalliedRow {
  key: string;
  size: number;
  expires_at: number | null;
}

export function expiryNames(): ExpiryBucketName[] {
  return ['expired', ...EXPIRY_BOUNDS.map((bound) => bound.name), 'later', 'never'];
}

export function emptySizes(): SizeBucket[] {
  return SIZE_BOUNDS.map((from, index) => ({ from, to: SIZE_BOUNDS[index + 1] ?? null, records: 0, bytes: 0 }));
}

/** Biggest first; equal sizes by key (bytes), as `ORDER BY size DESC, key` would give them. */
function biggerFirst(a: BigRecord, b: BigRecord): number {
  return b.size - a.size || compareKeys(a.key, b.key);
}

export class AnalysisTally {
  records = 0;
  bytes = 0;
  readonly sizes = emptySizes();
  private readonly expiryCounts = expiryNames().map(() => 0);
  private readonly expiryBounds: number[];
  private readonly parts = new Map<string | null, { records: number; bytes: number }>();
  /** True once the level held more than MAX_DISTINCT_PARTS parts: the caller reads it another way. */
  partsOverflowed = false;
  private readonly biggest: BigRecord[] = [];

  /**
   * `level` undefined: no key of the filter can be below the level, so it has no parts. Expiry buckets
   * use the grid filter's own bounds (from now up to now + the bound, both inclusive).
   */
  constructor(
    private readonly now: number,
    private readonly level: string | undefined,
    private readonly delimiter: string,
    private readonly biggestLimit: number,
    private readonly maxParts = MAX_DISTINCT_PARTS,
  ) {
    this.expiryBounds = EXPIRY_BOUNDS.map((bound) => now + bound.ms);
  }

  add(row: TalliedRow): void {
    const { size } = row;
    this.records++;
    this.bytes += size;
    let bucket = SIZE_BOUNDS.length - 1;
    while (bucket > 0 && size < SIZE_BOUNDS[bucket]!) bucket--;
    const sizes = this.sizes[bucket]!;
    sizes.records++;
    sizes.bytes += size;
    this.expiryCounts[this.expiryBucket(row.expires_at)]!++;
    if (this.level !== undefined && !this.partsOverflowed) this.addPart(row.key, size, this.level);
    if (this.biggestLimit > 0) this.addBiggest(row);
  }

  private expiryBucket(expiresAt: number | null): number {
    if (expiresAt === null) return this.expiryCounts.length - 1;
    if (expiresAt < this.now) return 0;
    let index = 0;
    while (index < this.expiryBounds.length && expiresAt > this.expiryBounds[index]!) index++;
    return index + 1;
  }

  private addPart(key: string, size: number, level: string): void {
    if (!key.startsWith(level)) return;
    const at = key.indexOf(this.delimiter, level.length);
    const part = at < 0 ? null : key.slice(0, at + this.delimiter.length);
    const tally = this.parts.get(part);
    if (tally !== undefined) {
      tally.records++;
      tally.bytes += size;
    } else if (this.parts.size >= this.maxParts) {
      this.partsOverflowed = true;
      this.parts.clear();
    } else this.parts.set(part, { records: 1, bytes: size });
  }

  private addBiggest(row: TalliedRow): void {
    const big = this.biggest;
    const last = big.at(-1);
    if (big.length >= this.biggestLimit && last !== undefined && row.size < last.size) return;
    const record = { key: row.key, size: row.size, expiresAt: row.expires_at };
    if (big.length >= this.biggestLimit && last !== undefined && biggerFirst(record, last) >= 0) return;
    let at = big.length;
    while (at > 0 && biggerFirst(record, big[at - 1]!) < 0) at--;
    big.splice(at, 0, record);
    if (big.length > this.biggestLimit) big.pop();
  }

  expiry(): ExpiryBucket[] {
    return expiryNames().map((bucket, index) => ({ bucket, records: this.expiryCounts[index] ?? 0 }));
  }

  biggestRecords(): BigRecord[] {
    return this.biggest.slice();
  }

  /** The level's parts, most records first (ties: keys ending here first, then by bytes of the prefix). */
  keyLevel(): KeyLevel {
    const level = this.level ?? '';
    const all = [...this.parts].map(([prefix, tally]) => ({ prefix, ...tally }));
    all.sort(
      (a, b) =>
        b.records - a.records || (a.prefix === null ? -1 : b.prefix === null ? 1 : compareKeys(a.prefix, b.prefix)),
    );
    const parts = all.slice(0, MAX_PARTS);
    const rest = all.slice(MAX_PARTS);
    const others =
      rest.length === 0
        ? null
        : rest.reduce((sum, part) => ({ records: sum.records + part.records, bytes: sum.bytes + part.bytes }), {
            records: 0,
            bytes: 0,
          });
    return { level, delimiter: this.delimiter, parts, others };
  }
}
