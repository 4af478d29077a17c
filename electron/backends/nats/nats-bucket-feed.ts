/**
 * A bucket's keys as they are now, then every change after them, from one replay of its stream
 * (nats-replay.ts), so no change between listing the keys and following them is missed. The replay starts
 * from the first message, or after the sequence of a listing kept from an earlier open (nats-kept-keys.ts)
 * when that listing still holds: same stream, and every key it holds still has a message.
 */
import type { JetStreamClient, StreamInfo } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { KeptKeys } from './nats-kept-keys.js';
import { type BucketEntry, replayBucket } from './nats-replay.js';

export interface BucketFeed {
  /** The live NATS keys at `seq`. */
  live: string[];
  /** Keys whose last entry at `seq` is a delete or purge marker. */
  markers: string[];
  /** The stream sequence the listing reached (0 for an empty stream). */
  seq: number;
  /** True when the listing was a kept one brought up to date, not a replay of the whole stream. */
  resumed: boolean;
  /** Hands over the changes after `seq`, those that came in meanwhile first. */
  follow(apply: (entry: BucketEntry) => void, ended: () => void): void;
  stop(): void;
}

/**
 * The bucket's feed, resumed from `kept` when it still holds. `heard` gets the live keys as they are listed
 * (the first page of a large bucket shows them before the listing ends), and whether they start from a kept
 * listing.
 */
export async function openBucketFeed(
  kv: KV,
  js: JetStreamClient,
  bucket: string,
  heard: (keys: ReadonlySet<string>, resumed: boolean) => void,
  /** The bucket's stream as the open found it. */
  stream: StreamInfo,
  kept: KeptKeys | undefined,
): Promise<BucketFeed> {
  if (kept !== undefined && kept.created === stream.created && kept.seq <= stream.state.last_seq) {
    const resumed = await replayedFeed(js, bucket, heard, kept);
    if (await stillExact(kv, resumed)) return resumed;
    resumed.stop();
  }
  return replayedFeed(js, bucket, heard, undefined);
}

/**
 * Whether a resumed listing is the bucket's: the stream has nothing past it, and as many subjects as the
 * listing has keys (live or marked). A key that went without a marker (a stream purge, a TTL) would leave
 * the listing with more; with writes still arriving the counts cannot be compared, and the whole stream is
 * replayed instead.
 */
async function stillExact(kv: KV, feed: BucketFeed): Promise<boolean> {
  const state = (await kv.status()).streamInfo.state;
  return state.last_seq === feed.seq && state.num_subjects === feed.live.length + feed.markers.length;
}

/**
 * One replay of the bucket's stream (headers only) both lists the keys and follows them. Unlike kv.keys(),
 * it does not take an idle heartbeat on a loaded machine for the end of the listing: the listing ends at the
 * last message the stream held when it began. Every stored message in order, not the last per key: on
 * nats-server 2.9 creating a last-per-subject consumer over a million keys outlasted a 20 s API timeout,
 * while replaying all (history 1: the same messages, plus delete markers) starts at once and ends in the
 * same state.
 */
async function replayedFeed(
  js: JetStreamClient,
  bucket: string,
  heard: (keys: ReadonlySet<string>, resumed: boolean) => void,
  kept: KeptKeys | undefined,
): Promise<BucketFeed> {
  const keys: ListedKeys = kept === undefined ? new ReplayedKeys() : new KeptKeysUpdated(kept);
  let seq = kept?.seq ?? 0;
  // Heard before the consumer exists, so that a page can tell a listing that has not started yet.
  heard(keys.view, kept !== undefined);
  const backlog: BucketEntry[] = [];
  let listing = true;
  let pending = 0;
  let seen = 0;
  let apply: ((entry: BucketEntry) => void) | undefined;
  let ended: (() => void) | undefined;
  let done = false;
  let listed: () => void = () => undefined;
  const whenListed = new Promise<void>((resolve) => {
    listed = resolve;
  });
  const endListing = () => {
    listing = false;
    listed();
  };
  const replay = await replayBucket(js, bucket, seq + 1, {
    start(count) {
      pending = count;
      if (count === 0) endListing();
    },
    entry(entry) {
      if (listing) {
        seq = entry.revision;
        keys.note(entry.key, entry.operation === 'PUT');
        // Caught up, or past what the stream held when the replay began (a busy bucket may never catch up).
        if (entry.pending === 0 || ++seen >= pending) endListing();
      } else if (apply !== undefined) apply(entry);
      else backlog.push(entry);
    },
  });
  const pump = replay.ended.finally(() => {
    done = true;
    ended?.();
  });
  await Promise.race([
    whenListed,
    pump.then(() => Promise.reject(new Error('the bucket watch ended before its keys were listed'))),
  ]);
  pump.catch(() => undefined);
  return {
    live: keys.live(),
    markers: keys.markers(),
    seq,
    resumed: kept !== undefined,
    follow(handler, onEnd) {
      for (const entry of backlog.splice(0)) handler(entry);
      apply = handler;
      ended = onEnd;
      if (done) onEnd();
    },
    stop: replay.stop,
  };
}

/** Keys as a listing hears them: put (live) or deleted (a marker). */
interface ListedKeys {
  /** The live keys so far, for a page shown before the listing ends. */
  readonly view: ReadonlySet<string>;
  note(key: string, put: boolean): void;
  live(): string[];
  markers(): string[];
}

/** A replay of the whole stream: every key is heard. */
class ReplayedKeys implements ListedKeys {
  readonly view = new Set<string>();
  private readonly marked = new Set<string>();

  note(key: string, put: boolean): void {
    (put ? this.view : this.marked).add(key);
    (put ? this.marked : this.view).delete(key);
  }

  live(): string[] {
    return [...this.view];
  }

  markers(): string[] {
    return [...this.marked];
  }
}

/**
 * A kept listing and the changes since: only the changed keys go in a map, since a set of a million keys
 * cost a second or two to build on a loaded machine, and the kept keys are already in order.
 */
class KeptKeysUpdated implements ListedKeys {
  /** A reopen waits for the update (a page does not read a kept listing before it): nothing to show. */
  readonly view: ReadonlySet<string> = new Set();
  /** The last word on each key changed since: true for a put. */
  private readonly latest = new Map<string, boolean>();

  constructor(private readonly kept: KeptKeys) {}

  note(key: string, put: boolean): void {
    this.latest.set(key, put);
  }

  live(): string[] {
    return this.merged(this.kept.live, true);
  }

  markers(): string[] {
    return this.merged(this.kept.markers, false);
  }

  private merged(kept: readonly string[], put: boolean): string[] {
    const keys = this.latest.size === 0 ? [...kept] : kept.filter((key) => !this.latest.has(key));
    for (const [key, last] of this.latest) if (last === put) keys.push(key);
    return keys;
  }
}
