/**
 * A table's keys in byte order, as one SCAN found them and our own writes and keyspace events have kept them
 * since (docs/backend-redis.md, "Key order"). Keys are byte strings (redis-keys.ts), so `<` is Go's order.
 */

export class KeySnapshot {
  /** `keys` must be sorted byte strings without duplicates. */
  constructor(
    private readonly keys: string[],
    readonly builtAt: number,
  ) {}

  get size(): number {
    return this.keys.length;
  }

  at(index: number): string | undefined {
    return this.keys[index];
  }

  /** The first index whose key is >= `key` (`inclusive`) or > `key`. */
  bound(key: string, inclusive: boolean): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const probe = this.keys[middle] ?? '';
      if (probe < key || (!inclusive && probe === key)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The index range [start, end) of the keys starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const upper = byteUpperBound(prefix);
    return [this.bound(prefix, true), upper === undefined ? this.keys.length : this.bound(upper, true)];
  }

  has(key: string): boolean {
    return this.keys[this.bound(key, true)] === key;
  }

  /** Adds a key written since the scan; false when it was already there. */
  insert(key: string): boolean {
    const index = this.bound(key, true);
    if (this.keys[index] === key) return false;
    this.keys.splice(index, 0, key);
    return true;
  }

  remove(key: string): boolean {
    const index = this.bound(key, true);
    if (this.keys[index] !== key) return false;
    this.keys.splice(index, 1);
    return true;
  }
}

/** The least byte string above every one starting with `prefix`; undefined when none is (all 0xFF). */
function byteUpperBound(prefix: string): string | undefined {
  let end = prefix.length;
  while (end > 0 && prefix.charCodeAt(end - 1) === 0xff) end--;
  if (end === 0) return undefined;
  return prefix.slice(0, end - 1) + String.fromCharCode(prefix.charCodeAt(end - 1) + 1);
}
