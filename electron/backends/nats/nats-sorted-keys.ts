/**
 * A bucket's full keys in byte order. KV lists keys in no order, so the grid's keyset paging walks this
 * snapshot, which the bucket's watch keeps current: a few changes are spliced in, many are merged by one
 * sort of a mostly sorted array (V8's TimSort makes that nearly linear).
 */
import { compareKeys } from '../../store/key-order.js';
import { uniqueSorted } from '../unique-sorted.js';

const SPLICE_AT_MOST = 64;

export class SortedKeys {
  private sorted: string[];
  /** Present, and not in `sorted` yet. */
  private readonly added = new Set<string>();
  /** In `sorted`, and no longer present. */
  private readonly removed = new Set<string>();

  /**
   * Takes the array (sorting it in place). No set of a million keys is built: membership is a binary search,
   * which a change costs once, where hashing every key cost a second at a million keys on a loaded machine.
   */
  constructor(keys: string[] = []) {
    // Decoding can make two NATS keys one key.
    this.sorted = uniqueSorted(keys.sort(compareKeys));
  }

  static sortedCopy(keys: readonly string[]): string[] {
    return [...new Set(keys)].sort(compareKeys);
  }

  get size(): number {
    return this.sorted.length + this.added.size - this.removed.size;
  }

  has(key: string): boolean {
    if (this.added.has(key)) return true;
    if (this.removed.has(key)) return false;
    const at = lowerBound(this.sorted, key);
    return this.sorted[at] === key;
  }

  /** True when the key was not there before. */
  add(key: string): boolean {
    if (this.has(key)) return false;
    if (!this.removed.delete(key)) this.added.add(key);
    return true;
  }

  /** True when the key was there. */
  remove(key: string): boolean {
    if (!this.has(key)) return false;
    if (!this.added.delete(key)) this.removed.add(key);
    return true;
  }

  /**
   * The keys now. An array once handed out is never changed: a read still walking it by index across awaits
   * (a metadata filter fetches a batch at a time) would otherwise skip or repeat keys when another read
   * brings in the changes meanwhile. The changes go into a copy (a few ms at a million keys).
   */
  keys(): readonly string[] {
    if (this.added.size + this.removed.size > 0) this.settle();
    return this.sorted;
  }

  private settle(): void {
    if (this.added.size + this.removed.size <= SPLICE_AT_MOST) {
      const next = this.sorted.slice();
      for (const key of this.removed) next.splice(lowerBound(next, key), 1);
      for (const key of this.added) next.splice(lowerBound(next, key), 0, key);
      this.sorted = next;
    } else {
      const kept = this.sorted.filter((key) => !this.removed.has(key));
      kept.push(...[...this.added].sort(compareKeys));
      this.sorted = kept.sort(compareKeys);
    }
    this.added.clear();
    this.removed.clear();
  }
}

/** The first index whose key is not below `key`. */
export function lowerBound(keys: readonly string[], key: string, from = 0, to = keys.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose key is above `key`. */
export function upperBound(keys: readonly string[], key: string, from = 0, to = keys.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid] as string, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
