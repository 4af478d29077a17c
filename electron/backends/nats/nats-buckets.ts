/**
 * The buckets of one NATS server, each loaded once (key snapshot, tables, watch) and loaded again after its
 * watch ended. A bucket is created the way go-micro's Write creates it: file storage, one value per key, and
 * go-micro's description.
 */
import type { KV, Kvm, KvStatus } from '@nats-io/kv';
import { NotFoundError, StoreInputError } from '../../store/types.js';
import { type BucketListing, NatsBucket } from './nats-bucket.js';
import type { NatsConnection } from './nats-connection.js';
import type { KeptKeyStore } from './nats-kept-keys.js';
import type { KeyEncoding } from './nats-keys.js';

/** go-micro's `description` for the buckets it creates (store/nats-js-kv/nats.go). */
const GO_MICRO_DESCRIPTION = 'KeyValue storage administered by go-micro store plugin';

const BUCKET_NAME = /^[-\w]+$/;

const LISTING_POLL_MS = 5;
/**
 * A listing projected (keys listed against the stream's message count) to take less than this is waited
 * for: a page out of key order that turns into the right one a moment later is worse than the short wait.
 */
const LONG_LISTING_MS = 300;
/** Below this many messages in its stream, a bucket's listing is always waited for. */
const MANY_KEYS = 10_000;

export class NatsBuckets {
  private readonly loaded = new Map<string, Promise<NatsBucket>>();
  /** Buckets whose loading has finished, to be handed out without a wait. */
  private readonly ready = new Map<string, NatsBucket>();
  /** Buckets whose first key listing is running. */
  private readonly listings = new Map<string, BucketListing>();

  constructor(
    private readonly connection: NatsConnection,
    private readonly chosen: KeyEncoding | undefined,
    /** Large buckets' key listings kept across opens; none kept without it. */
    private readonly kept?: KeptKeyStore,
  ) {}

  async names(): Promise<string[]> {
    const names: string[] = [];
    for await (const status of this.connection.kvm.list() as AsyncIterable<KvStatus>) names.push(status.bucket);
    return names.sort();
  }

  /** The bucket named by a go-micro database; a missing one is refused unless `create` is set. */
  async get(database: string, create = false): Promise<NatsBucket> {
    const cached = this.loaded.get(database);
    if (cached !== undefined) {
      const bucket = await cached.catch(() => undefined);
      if (bucket !== undefined && !bucket.stale) return bucket;
      this.loaded.delete(database);
    }
    this.ready.delete(database);
    const loading = this.load(database, create);
    this.loaded.set(database, loading);
    loading.then(
      (bucket) => {
        if (this.loaded.get(database) === loading) this.ready.set(database, bucket);
      },
      () => this.loaded.delete(database),
    );
    return loading;
  }

  /**
   * The bucket, or, when its first key listing is still running after `waitMs` and is projected to run
   * LONG_LISTING_MS or more, that listing (a page of a large bucket shows what is listed so far rather than
   * wait for the rest).
   */
  async getOrListing(
    database: string,
    waitMs: number,
    /** After this long, the listing however far it is (even with no keys yet). */
    giveUpMs = Number.POSITIVE_INFINITY,
  ): Promise<NatsBucket | BucketListing> {
    // A loaded bucket at once: the poll below would add its first interval (5 ms or more) to every page.
    const ready = this.ready.get(database);
    if (ready !== undefined && !ready.stale) return ready;
    const loading = this.get(database);
    let done = false;
    // A failure is reported by `loading` itself, below.
    loading.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    const started = performance.now();
    // Wait a little, and at least for the first keys listed (an empty page says nothing), unless loaded.
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, LISTING_POLL_MS));
      const listing = this.listings.get(database);
      const elapsed = performance.now() - started;
      // A bucket of few messages lists quickly once its watch starts, however slow the start, and a kept
      // listing is brought up to date quickly: wait for either.
      if (listing === undefined || listing.estimated < MANY_KEYS || listing.resumed === true) continue;
      if (elapsed >= giveUpMs) return listing;
      if (listing.keys.size === 0 || elapsed < waitMs) continue;
      // Only a listing projected to take long is worth a page of what it has so far.
      if ((elapsed * Math.max(listing.estimated, 1)) / listing.keys.size >= LONG_LISTING_MS) return listing;
    }
    return loading;
  }

  close(): void {
    for (const loading of this.loaded.values()) loading.then((bucket) => bucket.stop()).catch(() => undefined);
    this.loaded.clear();
    this.ready.clear();
  }

  private async load(database: string, create: boolean): Promise<NatsBucket> {
    if (!BUCKET_NAME.test(database)) {
      throw new StoreInputError(
        `database ${JSON.stringify(database)} cannot be a NATS KV bucket name (only letters, digits, - and _)`,
      );
    }
    const kvm = this.connection.kvm;
    try {
      const opened = create
        ? { kv: await kvm.create(database, { description: GO_MICRO_DESCRIPTION, history: 1 }) }
        : await openExisting(kvm, database);
      // The watch runs on the connection of its own (nats-connection.ts).
      return await NatsBucket.load(database, {
        ...opened,
        watchJs: this.connection.watchJs,
        chosen: this.chosen,
        listing: (listing) => this.listings.set(database, listing),
        ...(this.kept === undefined ? {} : { kept: { store: this.kept, where: this.connection.where } }),
      });
    } catch (error) {
      if (error instanceof Error && /stream not found/i.test(error.message)) {
        // Missing, not malformed: the dialog says "No such database", not "Wrong shape".
        throw new NotFoundError(
          `database ${JSON.stringify(database)} does not exist: there is no KV bucket of that name`,
        );
      }
      throw error;
    } finally {
      this.listings.delete(database);
    }
  }
}

/**
 * An existing bucket, its entries read by direct get where its stream allows it (`allow_direct`, which
 * nats-server 2.9+ sets on every bucket the clients create). `kvm.open` alone reads every entry through
 * `STREAM.MSG.GET`, whose answer is JSON with the value and headers in base64: a page of 100 entries took
 * 1.5x the direct gets that `kvm.create` sets up and go-micro's Go client uses (docs/backend-nats.md).
 */
async function openExisting(kvm: Kvm, database: string): Promise<{ kv: KV; status: KvStatus }> {
  const bound = await kvm.open(database);
  const status = await bound.status();
  const kv = status.streamInfo.config.allow_direct === true ? await kvm.open(database, { allow_direct: true }) : bound;
  return { kv, status };
}
