/**
 * A NATS JetStream server in go-micro's KV layout (v5 `store/nats-js-kv`) behind the Backend seam: a
 * database is a bucket, a table a key prefix, each record go-micro's JSON envelope. Keys may be base32
 * (go-micro's EncodeKeys): detected from the bucket, or chosen with `?keys=base32|plain` in the URL.
 * docs/backend-nats.md describes the layout and what we do differently.
 */
import { join } from 'node:path';
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import type { Namespace } from '../../store/namespaces.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import { NotFoundError, StoreInputError } from '../../store/types.js';
import type { Backend, BackendCapabilities, BackendEditing, BackendReading, EventWatching } from '../backend.js';
import { whileWriting } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import type { ServerOptions } from '../server-backends.js';
import { type EncodingChoice, NatsBucket } from './nats-bucket.js';
import { NatsBuckets } from './nats-buckets.js';
import { NATS_LOST_WRITE, NatsConnection } from './nats-connection.js';
import * as edit from './nats-editing.js';
import { KeptKeyStore } from './nats-kept-keys.js';
import { fullKey, type KeyEncoding, plainKeyRefusal } from './nats-keys.js';
import { listedTables, readListingPage } from './nats-listing-page.js';
import * as read from './nats-reading.js';
import { spanCount, tableSpans } from './nats-tables.js';
import { subscribeTable } from './nats-watch.js';

const CAPABILITIES: BackendCapabilities = {
  reading: true,
  editing: true,
  // KV keeps no expiry per key, only a bucket-wide TTL (bucketInfo).
  perRecordExpiry: false,
  metadata: true,
  liveChanges: 'events',
  // Counted from the key snapshot the watch keeps, without reading records.
  cheapCount: true,
  orderedPaging: true,
  listsTables: true,
};

/** How long a first page waits for a bucket's key listing before it shows what is listed so far. */
const LISTING_WAIT_MS = 20;
/** A page of fewer records than asked waits this long for more before it shows them. */
const SHORT_PAGE_AFTER_MS = 1_000;

/** What the page shows about a bucket beside its tables. */
export interface NatsBucketInfo {
  keyEncoding: EncodingChoice;
  /** The bucket's TTL in ms (0: none): every key is removed this long after its last write. */
  ttlMs: number;
  description: string;
}

/** The folder, in the app's data folder, where large buckets' key listings are kept across opens. */
const KEPT_LISTINGS = 'nats-key-listings';

export async function openNatsBackend(target: ServerTarget, options: ServerOptions = {}): Promise<NatsBackend> {
  const chosen = keyEncodingParam(target.params.get('keys'));
  const kept = options.dataFolder === undefined ? undefined : new KeptKeyStore(join(options.dataFolder, KEPT_LISTINGS));
  const connection = await NatsConnection.open(target);
  return new NatsBackend(target, connection, chosen, kept);
}

function keyEncodingParam(value: string | null): KeyEncoding | undefined {
  if (value === null) return undefined;
  if (value === 'base32' || value === 'plain') return value;
  throw new StoreInputError(
    `keys=${value} is not a key encoding: use keys=base32 (go-micro's EncodeKeys) or keys=plain`,
  );
}

async function tablesOfBucket(bucket: NatsBucket): Promise<DatabaseInfo['tables']> {
  await bucket.settle();
  const keys = bucket.keys.keys();
  return ['', ...[...bucket.tables()].sort()].map((table) => ({
    table,
    count: spanCount(tableSpans(keys, table, bucket.tables())),
    expired: 0,
  }));
}

export class NatsBackend implements Backend {
  readonly kind = 'nats';
  readonly capabilities = CAPABILITIES;
  readonly display: string;
  readonly reading: BackendReading;
  readonly editing: BackendEditing;
  readonly watching: EventWatching;
  private readonly buckets: NatsBuckets;

  constructor(
    target: ServerTarget,
    private readonly connection: NatsConnection,
    private readonly chosen: KeyEncoding | undefined,
    keptListings?: KeptKeyStore,
  ) {
    this.display = target.display;
    this.buckets = new NatsBuckets(connection, chosen, keptListings);
    this.reading = this.makeReading();
    this.editing = whileWriting(this.makeEditing(), NATS_LOST_WRITE);
    this.watching = {
      mode: 'events',
      subscribe: (ns, onChange, onReady) => subscribeTable(this.buckets, ns, onChange, onReady),
    };
  }

  /** The key encoding, TTL and description of the bucket behind a go-micro database. */
  bucketInfo(database: string): Promise<NatsBucketInfo> {
    return this.connection.run(async () => {
      const bucket = await this.buckets.get(database);
      return { keyEncoding: bucket.encoding, ttlMs: bucket.ttlMs, description: bucket.description };
    });
  }

  async close(): Promise<void> {
    this.buckets.close();
    await this.connection.close();
  }

  /** Runs `work` on the namespace's bucket; `create` makes a missing bucket as go-micro's Write does. */
  private on<T>(namespace: Namespace, work: (bucket: NatsBucket, table: string) => Promise<T>, create = false) {
    return this.connection.run(async () => work(await this.buckets.get(namespace.database, create), namespace.table));
  }

  /**
   * A page; the first page of a bucket whose keys are still being listed (a large bucket, opened cold) shows
   * what is listed so far after a short wait, marked `keysLoading`.
   */
  private async page(namespace: Namespace, query: PageQuery): Promise<RecordPage> {
    const started = performance.now();
    while (query.after === undefined) {
      const found = await this.buckets.getOrListing(namespace.database, LISTING_WAIT_MS);
      if (found instanceof NatsBucket) break;
      const partial = await readListingPage(found, namespace.table, query);
      if (partial === undefined) break;
      // A short page while keys are still coming would look like the whole table: show one only when it is
      // full, or when the listing has run a while (a rare prefix, a small table in a large bucket).
      if (partial.records.length >= query.limit || performance.now() - started >= SHORT_PAGE_AFTER_MS) return partial;
    }
    return read.readPage(await this.buckets.get(namespace.database), namespace.table, query);
  }

  /**
   * Every bucket with its tables and counts. A bucket whose first listing is projected to run long (a
   * million keys: a minute here) is not waited for, since the app lists databases as it opens the store: its
   * tables and counts come from the keys listed so far (`listedTables`), scaled to the stream's size.
   */
  private async listDatabases(): Promise<DatabaseInfo[]> {
    const databases: DatabaseInfo[] = [];
    for (const name of await this.buckets.names()) {
      // A bucket removed since the names were listed (another client's) is no longer there to show.
      const found = await this.buckets
        .getOrListing(name, LISTING_WAIT_MS, SHORT_PAGE_AFTER_MS)
        .catch((error: unknown) => {
          if (error instanceof StoreInputError || error instanceof NotFoundError) return undefined;
          throw error;
        });
      if (found === undefined) continue;
      const counted = found instanceof NatsBucket ? await tablesOfBucket(found) : await listedTables(found);
      const tables = counted.filter((t) => t.table !== '');
      databases.push({
        database: name,
        tables: counted.filter((t) => t.table !== '' || t.count > 0 || tables.length === 0),
      });
    }
    return databases;
  }

  private makeReading(): BackendReading {
    return {
      databases: () => this.connection.run(() => this.listDatabases()),
      page: (ns, query) => this.connection.run(() => this.page(ns, query)),
      count: (ns, filter, options) => this.on(ns, (b, t) => read.countMatching(b, t, filter, options)),
      inspect: (ns, key, maxBytes) => this.on(ns, (b, t) => read.inspectRecord(b, t, key, maxBytes)),
      readValue: (ns, key, offset, length) => this.on(ns, (b, t) => read.readValueSlice(b, t, key, offset, length)),
      bucketInfo: (database) => this.bucketInfo(database),
      recordBatch: (ns, filter, after, limit) => this.on(ns, (b, t) => read.recordBatch(b, t, filter, after, limit)),
      recordsByKey: (ns, keys) => this.on(ns, (b, t) => read.recordsByKey(b, t, keys)),
    };
  }

  /** A missing bucket would be created with the chosen encoding, else plain (chooseEncoding). */
  private async unheldKeys(namespace: Namespace, keys: readonly string[]): Promise<string[]> {
    const bucket = await this.buckets.get(namespace.database).catch((error: unknown) => {
      if (error instanceof StoreInputError || error instanceof NotFoundError) return undefined;
      throw error;
    });
    const plain = (bucket?.encoding.encoding ?? this.chosen ?? 'plain') === 'plain';
    if (!plain) return [];
    return keys.flatMap((key) => {
      const full = fullKey(namespace.table, key);
      return bucket?.canHold(full) ? [] : (plainKeyRefusal(full) ?? []);
    });
  }

  private makeEditing(): BackendEditing {
    return {
      createTable: (ns) =>
        this.on(
          ns,
          async (b, t) => {
            if (t !== '') b.guesses.tables.add(t);
          },
          true,
        ),
      writeIfUnchanged: (ns, record, revision) =>
        this.on(ns, (b, t) => edit.writeIfUnchanged(b, t, record, revision, this.connection.maxPayload), true),
      writeMany: (ns, records, policy = 'overwrite') =>
        this.on(ns, (b, t) => edit.writeMany(b, t, records, policy, this.connection.maxPayload), true),
      oversize: (_ns, record) => edit.oversize(record, this.connection.maxPayload),
      unheldKeys: (ns, keys) => this.connection.run(() => this.unheldKeys(ns, keys)),
      deleteMany: (ns, keys) => this.on(ns, (b, t) => edit.deleteKeys(b, t, keys)),
      deleteMatching: (ns, filter) => this.on(ns, (b, t) => edit.deleteMatching(b, t, filter)),
      rename: (ns, from, to) => this.on(ns, (b, t) => edit.rename(b, t, from, to)),
      duplicate: (ns, from, to) => this.on(ns, (b, t) => edit.duplicate(b, t, from, to)),
    };
  }
}
