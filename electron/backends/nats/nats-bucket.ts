/**
 * One KV bucket (a go-micro database) as the inspector holds it: the key encoding, the sorted snapshot of
 * its full keys, the tables found in them, and the watch that keeps both current and tells subscribers what
 * changed. The snapshot and the watch come from one replay of the bucket's stream (nats-bucket-feed.ts), so
 * no change between listing the keys and watching them is missed (docs/backend-nats.md).
 */
import type { JetStreamClient, StreamInfo } from '@nats-io/jetstream';
import type { KV, KvStatus } from '@nats-io/kv';
import type { ChangeKind } from '../../store/change-feed.js';
import { type BucketFeed, openBucketFeed } from './nats-bucket-feed.js';
import { decodeEnvelope } from './nats-envelope.js';
import type { KeptKeyStore } from './nats-kept-keys.js';
import {
  allBase32,
  base32Decode,
  decodeNatsKey,
  encodeNatsKey,
  isValidNatsKey,
  type KeyEncoding,
} from './nats-keys.js';
import type { BucketEntry } from './nats-replay.js';
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

/** Where a bucket is read from. */
interface BucketSource {
  kv: KV;
  /** The bucket's status when the opener already read it (openExisting), so it is not asked twice. */
  status?: KvStatus;
  /** The same server on the connection that carries watches (nats-connection.ts). */
  watchJs: JetStreamClient;
  chosen: KeyEncoding | undefined;
  /** Hears of the keys as the bucket's stream lists them, before the listing is complete. */
  listing?: (progress: BucketListing) => void;
  /** Listings kept across opens (nats-kept-keys.ts), and the server (`host:port`) they are kept for. */
  kept?: { store: KeptKeyStore; where: string };
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
  /** The envelope reads of `settle` under way. */
  private settling: Promise<void> = Promise.resolve();
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

  static async load(name: string, source: BucketSource): Promise<NatsBucket> {
    const { kv, chosen, kept } = source;
    const status = source.status ?? (await kv.status());
    const earlier = await kept?.store.read(kept.where, name);
    const feed = await openBucketFeed(
      kv,
      source.watchJs,
      name,
      (keys, resumed) => source.listing?.({ kv, keys, estimated: status.values, chosen, resumed }),
      status.streamInfo,
      earlier,
    );
    const raw = feed.live;
    const encoding = await chooseEncoding(kv, raw, chosen);
    const decoded = raw.map((key) => decodeNatsKey(key, encoding.encoding));
    // Before SortedKeys sorts `decoded` in place.
    const undecoded = encoding.encoding === 'base32' ? raw.filter((key, i) => key === decoded[i]) : [];
    const bucket = new NatsBucket(name, kv, encoding, status.ttl, status.description ?? '', new SortedKeys(decoded));
    for (const key of undecoded) bucket.rawKeys.add(key);
    await discoverTables(bucket.keys.keys(), bucket.guesses, (full) => bucket.envelopeTable(full));
    // Before the changes are followed, so that the keys kept are those at feed.seq.
    if (kept !== undefined && (!feed.resumed || feed.seq !== earlier?.seq)) bucket.keep(kept, feed, status.streamInfo);
    bucket.stopWatch = feed.stop;
    feed.follow(
      (entry) => bucket.apply(entry),
      () => {
        bucket.stale = true;
      },
    );
    return bucket;
  }

  /** Keeps the listing of a large bucket for the next open, in key order so that its sort finds it sorted. */
  private keep(kept: NonNullable<BucketSource['kept']>, feed: BucketFeed, stream: StreamInfo): void {
    if (stream.state.messages < kept.store.fromMessages) return;
    const live = this.keys.keys().map((full) => this.natsKey(full));
    const listing = { created: stream.created, seq: feed.seq, live, markers: feed.markers };
    void kept.store.write(kept.where, this.name, listing);
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

  /**
   * Finds the tables of keys that arrived since the last read. A read that comes while another is still
   * reading their envelopes waits for it: answering at once would count a new table's keys in the default
   * table, and leave the new table out of the sidebar.
   */
  settle(): Promise<void> {
    if (this.unclassified.length === 0) return this.settling;
    const pending = SortedKeys.sortedCopy(this.unclassified);
    this.unclassified = [];
    const run = this.settling.then(() => discoverTables(pending, this.guesses, (full) => this.envelopeTable(full)));
    // Keys whose envelope could not be read are tried again by the next read.
    this.settling = run.catch(() => {
      this.unclassified.push(...pending);
    });
    return run;
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

  private apply(entry: BucketEntry): void {
    const full = decodeNatsKey(entry.key, this.encoding.encoding);
    let kind: ChangeKind;
    if (entry.operation === 'PUT') {
      kind = this.keys.add(full) ? 'create' : 'update';
      if (kind === 'create' && full.includes('_')) this.unclassified.push(full);
    } else {
      if (!this.keys.remove(full)) return;
      kind = 'delete';
    }
    const change = { full, kind, revision: entry.revision, at: entry.at };
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
  /** The keys start from a listing kept from an earlier open: only the changes since are still coming. */
  resumed?: boolean;
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
