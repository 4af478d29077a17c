/**
 * One KV bucket (a go-micro database) as the inspector holds it: the key encoding, the sorted snapshot of
 * its full keys, the tables found in them, and the watch that keeps both current and tells subscribers what
 * changed. The snapshot is taken from the bucket's last sequence on, so no change between listing the keys
 * and starting the watch is missed (docs/backend-nats.md).
 */
import { type KV, type KvWatchEntry, KvWatchInclude } from '@nats-io/kv';
import type { ChangeKind } from '../../store/change-feed.js';
import { decodeEnvelope } from './nats-envelope.js';
import {
  allBase32,
  base32Decode,
  decodeNatsKey,
  encodeNatsKey,
  isValidNatsKey,
  type KeyEncoding,
} from './nats-keys.js';
import { SortedKeys } from './nats-sorted-keys.js';
import { discoverTables, type TableGuesses, tableFromEnvelope, tableOf } from './nats-tables.js';

type EncodingSource = 'chosen' | 'detected' | 'default';

/** How a bucket's keys are written, and how we know. */
export interface EncodingChoice {
  encoding: KeyEncoding;
  source: EncodingSource;
}

interface KeyChange {
  full: string;
  kind: ChangeKind;
  revision: number;
  at: number;
}

/** How many keys decide whether a bucket's keys are base32. */
const ENCODING_SAMPLE = 50;

export class NatsBucket {
  readonly guesses: TableGuesses = { tables: new Set(), plainGroups: new Set() };
  /** Set when the watch ended (bucket deleted, store closed): the next use loads the bucket again. */
  stale = false;
  private readonly listeners = new Set<(change: KeyChange) => void>();
  /** New keys whose table is not known yet: resolved (one envelope per new prefix) before the next read. */
  private unclassified: string[] = [];
  /** Keys that did not decode as base32 and are kept raw, as go-micro keeps them. */
  private readonly rawKeys = new Set<string>();
  private stopWatch: (() => void) | undefined;

  private constructor(
    readonly name: string,
    readonly kv: KV,
    readonly encoding: EncodingChoice,
    readonly ttlMs: number,
    readonly description: string,
    readonly keys: SortedKeys,
  ) {}

  /** `listing` hears of the keys as the bucket's watch lists them, before the listing is complete. */
  static async load(
    name: string,
    kv: KV,
    chosen: KeyEncoding | undefined,
    listing?: (progress: BucketListing) => void,
    /** The same bucket on the connection that carries watches; `kv` otherwise. */
    watchKv: KV = kv,
  ): Promise<NatsBucket> {
    const status = await kv.status();
    const feed = await watchBucket(watchKv, status.values > 0, (keys) =>
      listing?.({ kv, keys, estimated: status.values, chosen }),
    );
    const raw = [...feed.initial];
    const encoding = await chooseEncoding(kv, raw, chosen);
    const decoded = raw.map((key) => decodeNatsKey(key, encoding.encoding));
    const bucket = new NatsBucket(name, kv, encoding, status.ttl, status.description ?? '', new SortedKeys(decoded));
    if (encoding.encoding === 'base32') {
      for (const [i, key] of raw.entries()) if (key === decoded[i]) bucket.rawKeys.add(key);
    }
    await discoverTables(bucket.keys.keys(), bucket.guesses, (full) => bucket.envelopeTable(full));
    bucket.stopWatch = feed.stop;
    feed.follow(
      (entry) => bucket.apply(entry),
      () => {
        bucket.stale = true;
      },
    );
    return bucket;
  }

  natsKey(full: string): string {
    return this.rawKeys.has(full) ? full : encodeNatsKey(full, this.encoding.encoding);
  }

  canHold(full: string): boolean {
    return this.encoding.encoding === 'base32' || this.rawKeys.has(full) || isValidNatsKey(full);
  }

  tables(): Set<string> {
    return this.guesses.tables;
  }

  /** Finds the tables of keys that arrived since the last read. */
  async settle(): Promise<void> {
    if (this.unclassified.length === 0) return;
    const pending = SortedKeys.sortedCopy(this.unclassified);
    this.unclassified = [];
    await discoverTables(pending, this.guesses, (full) => this.envelopeTable(full));
  }

  /** Our own write, applied at once so the next page shows it before the watch reports it. */
  noteWritten(full: string, table: string): void {
    if (table !== '') this.guesses.tables.add(table);
    this.keys.add(full);
  }

  noteDeleted(full: string): void {
    this.keys.remove(full);
  }

  subscribe(listener: (change: KeyChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tableOf(full: string): string {
    return tableOf(full, this.guesses.tables);
  }

  stop(): void {
    this.stopWatch?.();
  }

  private async envelopeTable(full: string): Promise<string | undefined> {
    const entry = await this.kv.get(this.natsKey(full));
    if (entry === null || entry.operation !== 'PUT') return undefined;
    const envelope = decodeEnvelope(entry.value);
    return envelope === undefined ? '' : tableFromEnvelope(full, envelope.key);
  }

  private apply(entry: KvWatchEntry): void {
    const full = decodeNatsKey(entry.key, this.encoding.encoding);
    let kind: ChangeKind;
    if (entry.operation === 'PUT') {
      kind = this.keys.add(full) ? 'create' : 'update';
      if (kind === 'create' && full.includes('_')) this.unclassified.push(full);
    } else {
      if (!this.keys.remove(full)) return;
      kind = 'delete';
    }
    const change = { full, kind, revision: entry.revision, at: entry.created.getTime() };
    for (const listener of this.listeners) listener(change);
  }
}

/**
 * A bucket whose keys are still being listed (docs/backend-nats.md, "The first page of a large bucket"): the
 * NATS keys heard so far, in stream order, and the stream's message count when the listing began.
 */
export interface BucketListing {
  kv: KV;
  keys: ReadonlySet<string>;
  estimated: number;
  chosen: KeyEncoding | undefined;
}

/** A bucket's watch: its keys as they are now, then every change after them, in stream order. */
interface BucketFeed {
  initial: Set<string>;
  /** Hands over the changes, those that came in meanwhile first. */
  follow(apply: (entry: KvWatchEntry) => void, ended: () => void): void;
  stop(): void;
}

/**
 * One watch (headers only) both lists the keys and follows them, so no change between
 * listing and watching is lost. Unlike kv.keys(), it does not take an idle heartbeat on a loaded machine for
 * the end of the listing: the listing ends at the entry the client marks as the first update.
 */
async function watchBucket(
  kv: KV,
  hasEntries: boolean,
  heard: (keys: ReadonlySet<string>) => void,
): Promise<BucketFeed> {
  // Every stored message in order, not the last per key: on nats-server 2.9 creating a last-per-subject
  // consumer over a million keys outlasted a 20 s API timeout, while replaying all (history 1: the same
  // messages, plus delete markers) starts at once and ends in the same state.
  const initial = new Set<string>();
  // Heard before the watch's consumer exists: creating it over a million keys can take seconds here.
  heard(initial);
  const watch = await kv.watch({ headers_only: true, include: KvWatchInclude.AllHistory });
  const backlog: KvWatchEntry[] = [];
  let listing = hasEntries;
  let apply: ((entry: KvWatchEntry) => void) | undefined;
  let ended: (() => void) | undefined;
  let done = false;
  let listed: () => void = () => undefined;
  const whenListed = new Promise<void>((resolve) => {
    listed = resolve;
  });
  if (!listing) listed();
  const pump = (async () => {
    for await (const entry of watch) {
      if (listing) {
        if (entry.operation === 'PUT') initial.add(entry.key);
        else initial.delete(entry.key);
        if (entry.isUpdate) {
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
    follow(handler, onEnd) {
      for (const entry of backlog.splice(0)) handler(entry);
      apply = handler;
      ended = onEnd;
      if (done) onEnd();
    },
    stop: () => watch.stop(),
  };
}

export async function chooseEncoding(
  kv: KV,
  raw: readonly string[],
  chosen: KeyEncoding | undefined,
): Promise<EncodingChoice> {
  if (chosen !== undefined) return { encoding: chosen, source: 'chosen' };
  if (raw.length === 0) return { encoding: 'plain', source: 'default' };
  if (!allBase32(raw.slice(0, ENCODING_SAMPLE))) return { encoding: 'plain', source: 'detected' };
  // A plain key may happen to spell base32 (`ABCDEFGH`): the envelope's key says which reading is right.
  const first = raw[0] as string;
  const entry = await kv.get(first);
  const envelope = entry === null ? undefined : decodeEnvelope(entry.value);
  const decoded = base32Decode(first) ?? first;
  const plainFits = envelope !== undefined && (first === envelope.key || first.endsWith(`_${envelope.key}`));
  const base32Fits = envelope === undefined || decoded === envelope.key || decoded.endsWith(`_${envelope.key}`);
  return { encoding: base32Fits || !plainFits ? 'base32' : 'plain', source: 'detected' };
}
