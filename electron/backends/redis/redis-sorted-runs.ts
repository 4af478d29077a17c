/**
 * A table's keys sorted as SCAN delivers them, so that no single sort of a million keys holds the thread for
 * a second or more when the listing ends (a page, an event, every other call of the app would wait behind
 * it). Each SCAN batch is sorted on arrival (a thousand keys) and merged with runs of similar length, as a
 * binary counter carries, the merges yielding to other work every MERGE_SLICE keys; at the end a few merges
 * remain. Keys are byte strings (redis-keys.ts): `<` is byte order. docs/backend-redis.md, "Key order".
 */
import { uniqueSorted } from '../unique-sorted.js';

export class SortedRuns {
  /** Sorted runs without duplicates, longest first. */
  private readonly stack: string[][] = [];
  private count = 0;

  /** Keys added so far, a key SCAN reported twice counted twice. */
  get listed(): number {
    return this.count;
  }

  async add(batch: string[]): Promise<void> {
    if (batch.length === 0) return;
    this.count += batch.length;
    let run = uniqueSorted(batch.sort());
    // Merge while the run below is no more than twice as long: every key is merged O(log n) times.
    for (
      let below = this.stack.at(-1);
      below !== undefined && below.length <= 2 * run.length;
      below = this.stack.at(-1)
    ) {
      this.stack.pop();
      run = await merge(below, run);
    }
    this.stack.push(run);
  }

  /** The runs so far, each sorted (for a page of what is listed so far). */
  runs(): readonly string[][] {
    return this.stack;
  }

  /** Every key once, sorted. */
  async sorted(): Promise<string[]> {
    let all: string[] = [];
    for (const run of this.stack) all = all.length === 0 ? run : await merge(all, run);
    return all;
  }
}

/** Keys merged between two yields: some milliseconds of work. */
const MERGE_SLICE = 50_000;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Two sorted runs as one, a key in both kept once. */
async function merge(a: readonly string[], b: readonly string[]): Promise<string[]> {
  const out: string[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  let slice = MERGE_SLICE;
  while (i < a.length && j < b.length) {
    if (--slice === 0) {
      slice = MERGE_SLICE;
      await yieldToOthers();
    }
    const x = a[i] as string;
    const y = b[j] as string;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++] as string;
  while (j < b.length) out[n++] = b[j++] as string;
  out.length = n;
  return out;
}
