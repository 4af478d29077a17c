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
  initial: Set<string>;
  /** Keys whose last entry at `seq` is a delete or purge marker. */
  markers: Set<string>;
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
  return state.last_seq === feed.seq && state.num_subjects === feed.initial.size + feed.markers.size;
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
  const initial = new Set(kept?.live);
  const markers = new Set(kept?.markers);
  let seq = kept?.seq ?? 0;
  // Heard before the consumer exists, so that a page can tell a listing that has not started yet.
  heard(initial, kept !== undefined);
  const replay = await replayBucket(js, bucket, seq + 1);
  const backlog: BucketEntry[] = [];
  let listing = replay.pending > 0;
  let seen = 0;
  let apply: ((entry: BucketEntry) => void) | undefined;
  let ended: (() => void) | undefined;
  let done = false;
  let listed: () => void = () => undefined;
  const whenListed = new Promise<void>((resolve) => {
    listed = resolve;
  });
  if (!listing) listed();
  const pump = (async () => {
    for await (const entry of replay.entries) {
      if (listing) {
        seq = entry.revision;
        if (entry.operation === 'PUT') {
          initial.add(entry.key);
          markers.delete(entry.key);
        } else {
          initial.delete(entry.key);
          markers.add(entry.key);
        }
        // Caught up, or past what the stream held when the replay began (a busy bucket may never catch up).
        if (entry.pending === 0 || ++seen >= replay.pending) {
          listing = false;
          listed();
        }
      } else if (apply !== undefined) apply(entry);
      else backlog.push(entry);
    }
  })().finally(() => {
    done = true;
    ended?.();
  });
  await Promise.race([
    whenListed,
    pump.then(() => Promise.reject(new Error('the bucket watch ended before its keys were listed'))),
  ]);
  pump.catch(() => undefined);
  return {
    initial,
    markers,
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
