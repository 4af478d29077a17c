/**
 * The first `size` distinct keys of a stream of keys in no order, kept sorted as they come, without sorting
 * them all: a key listing still running (Redis SCAN, a NATS KV watch) may hold a million keys, of which a
 * page wants a hundred (docs/backends.md, "Key order on key-value servers").
 */
export class FirstKeys {
  private readonly kept: string[] = [];

  constructor(
    private readonly size: number,
    private readonly order: 'asc' | 'desc',
    /** Negative when a sorts before b: byte order, however the keys are held. */
    private readonly compare: (a: string, b: string) => number,
  ) {}

  offer(key: string): void {
    const kept = this.kept;
    const last = kept.at(-1);
    if (kept.length >= this.size && last !== undefined && !this.before(key, last)) return;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.before(kept[middle] as string, key)) low = middle + 1;
      else high = middle;
    }
    // A listing may report a key twice (SCAN during a rehash).
    if (kept[low] === key) return;
    kept.splice(low, 0, key);
    if (kept.length > this.size) kept.pop();
  }

  /** The keys kept, in ascending order whichever order chose them. */
  ascending(): string[] {
    return this.order === 'asc' ? [...this.kept] : [...this.kept].reverse();
  }

  private before(a: string, b: string): boolean {
    const compared = this.compare(a, b);
    return this.order === 'asc' ? compared < 0 : compared > 0;
  }
}
