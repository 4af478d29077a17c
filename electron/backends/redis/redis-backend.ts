/**
 * A Redis server in go-micro's layout (plugins `store/redis`) behind the Backend seam. A namespace's table is
 * the key prefix; its database is ignored, as go-micro ignores it (the Redis database is the URL's number).
 * Pages come in key order from a per-table snapshot of SCAN (redis-snapshots.ts); live changes arrive by
 * keyspace notifications when the server publishes them, else by polling what is on screen.
 * docs/backend-redis.md describes all of it.
 */
import type { Redis } from 'ioredis';
import type { Change } from '../../store/change-feed.js';
import type { Namespace } from '../../store/namespaces.js';
import type { RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import type {
  Backend,
  BackendCapabilities,
  BackendEditing,
  BackendReading,
  EventWatching,
  PolledWatching,
} from '../backend.js';
import { whileWriting } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { checkServer, databaseNumber, explained, openRedisClient, openSubscriber } from './redis-connection.js';
import * as edit from './redis-editing.js';
import { REDIS_LOST_WRITE } from './redis-errors.js';
import { type ScanProgress, scanTableKeys } from './redis-key-scan.js';
import { KeySnapshot } from './redis-key-snapshot.js';
import { byteString, redisKeyOfBytes } from './redis-keys.js';
import { changeOf, isGone, type KeyEvent, KeyspaceSubscriber, notificationSupport } from './redis-live.js';
import * as read from './redis-reading.js';
import { DIGEST, runScript } from './redis-scripts.js';
import { SnapshotCache } from './redis-snapshots.js';
import { suggestTables, type TableSuggestion } from './redis-table-suggestions.js';

/**
 * A listing projected (from the share of the keyspace walked so far) to take less than this is waited for:
 * a page out of key order that turns into the right one a moment later is worse than the short wait. The
 * projection alone decides, from SCAN's first answer on: a fixed wait before it (20 ms until December 2026)
 * only held the page while the listing ran, at 1M keys on a loaded machine often past its first step.
 */
const LONG_LISTING_MS = 300;
/** A table projected to hold fewer keys than this is always listed whole before its first page. */
const MANY_KEYS = 10_000;
/** A page of fewer keys than asked waits this long for more before it shows them. */
const SHORT_PAGE_AFTER_MS = 1_000;

/** go-micro's DefaultDatabase and DefaultTable: what a service writes to when it names neither. */
export const DEFAULT_DATABASE = 'micro';
export const DEFAULT_TABLE = 'micro';

export async function openRedisBackend(target: ServerTarget): Promise<RedisBackend> {
  const db = databaseNumber(target);
  const client = await openRedisClient(target);
  try {
    // One round trip for both, ioredis's ready check among them: a cold first page waits for the store to open.
    const [support] = await Promise.all([notificationSupport(client), checkServer(client, target)]);
    const subscriber =
      support.channels === null
        ? undefined
        : { connection: await openSubscriber(client), channels: support.channels, db };
    return new RedisBackend(target, client, subscriber, support.why);
  } catch (error) {
    client.disconnect();
    throw error;
  }
}

interface SubscriberSetup {
  connection: Redis;
  channels: 'keyspace' | 'keyevent';
  db: number;
}

export class RedisBackend implements Backend {
  readonly kind = 'redis';
  readonly capabilities: BackendCapabilities;
  readonly display: string;
  readonly reading: BackendReading;
  readonly editing: BackendEditing;
  readonly watching: EventWatching | PolledWatching;
  private readonly snapshots: SnapshotCache;
  private readonly subscriber: KeyspaceSubscriber | undefined;
  private readonly listeners = new Map<string, Set<(change: Change) => void>>();
  /** The keys of the last page served per table: what a polled change token covers. */
  private readonly onScreen = new Map<string, string[]>();
  private readonly lastSize = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly target: ServerTarget,
    private readonly client: Redis,
    subscriber: SubscriberSetup | undefined,
    /** Why changes are polled rather than pushed, with how an operator turns events on. */
    readonly liveNote: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.display = target.display;
    this.subscriber =
      subscriber === undefined
        ? undefined
        : new KeyspaceSubscriber(
            subscriber.connection,
            subscriber.db,
            subscriber.channels,
            (event) => this.heard(event),
            () => this.snapshots.markStale(),
          );
    this.snapshots = new SnapshotCache(
      (table, progress) => explained(target, () => scanTableKeys(client, table, '', progress)),
      now,
      async (table) => {
        await this.subscriber?.watch(table);
      },
    );
    this.capabilities = {
      reading: true,
      editing: true,
      perRecordExpiry: true,
      metadata: false,
      liveChanges: this.subscriber === undefined ? 'polling' : 'events',
      // Only a full SCAN counts a table's keys (DBSIZE counts the whole database).
      cheapCount: false,
      // From the snapshot, not from the server.
      orderedPaging: true,
      listsTables: false,
    };
    this.reading = this.makeReading();
    this.editing = whileWriting(this.makeEditing(), REDIS_LOST_WRITE);
    this.watching = this.subscriber === undefined ? this.makePolling() : this.makeEvents();
  }

  async close(): Promise<void> {
    await this.subscriber?.close();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Prefixes many keys share in a SCAN sample: the tables the user may mean (Redis cannot list them). */
  suggestTables(sampleSize?: number): Promise<TableSuggestion[]> {
    return explained(this.target, () => suggestTables(this.client, sampleSize));
  }

  private async view(namespace: Namespace): Promise<read.TableView> {
    const table = namespace.table;
    return { client: this.client, table, snapshot: await this.snapshots.get(table), now: this.now() };
  }

  /**
   * A first page of a table whose first key listing is still running (a large table, opened cold): after a
   * short wait, what is listed so far, marked `keysLoading`. A table listed within the wait pages as usual.
   */
  private async whileListing(table: string, query: PageQuery): Promise<RecordPage | undefined> {
    if (query.after !== undefined) return undefined;
    const started = this.now();
    for (let progress = await this.listingAfterWait(table); progress !== undefined; ) {
      const candidates = read.listedCandidates(progress, query);
      if (candidates === undefined) return undefined;
      // A short page while keys are still coming would look like the whole table: show one only when it is
      // full, or when the listing has run a while (a rare prefix, a small table in a large database).
      if (candidates.length > query.limit || this.now() - started >= SHORT_PAGE_AFTER_MS) {
        const listed = progress;
        return listed.holding(() =>
          read.readListingPage({ client: this.client, table, now: this.now() }, listed, candidates, query),
        );
      }
      progress = (await this.nextListingStep(table, progress)) ? progress : undefined;
    }
    return undefined;
  }

  /**
   * The table's first listing when it is still running, has had SCAN's first answer (an empty page says
   * nothing) and is projected to run LONG_LISTING_MS or more; undefined when the table's snapshot is there
   * (or failed: the usual path tries again and reports it). Wakes at each SCAN step instead of polling.
   */
  private async listingAfterWait(table: string): Promise<ScanProgress | undefined> {
    if (this.snapshots.peek(table) !== undefined) return undefined;
    // Starts the listing; how it ends is told by nextListingStep (and a failure by the usual path).
    this.snapshots.get(table).catch(() => undefined);
    const started = this.now();
    for (;;) {
      const progress = this.snapshots.listing(table);
      if (progress === undefined) return undefined;
      // Only a listing projected to take long is worth a page of what it has so far.
      const projected = progress.share > 0 ? (this.now() - started) / progress.share : Number.POSITIVE_INFINITY;
      // A table projected to hold few keys is waited for, however long the database takes to walk.
      const many = progress.share > 0 && progress.runs.listed / progress.share >= MANY_KEYS;
      if (many && projected >= LONG_LISTING_MS) return progress;
      if (!(await this.nextListingStep(table, progress))) return undefined;
    }
  }

  /** Waits for the listing's next SCAN step; false when the listing is over (snapshot built, or SCAN failed). */
  private async nextListingStep(table: string, progress: ScanProgress): Promise<boolean> {
    const ended = this.snapshots.get(table).then(
      () => false,
      () => false,
    );
    const stepped = await Promise.race([ended, progress.nextStep().then(() => true)]);
    return stepped && this.snapshots.listing(table) === progress;
  }

  private on<T>(work: () => Promise<T>): Promise<T> {
    return explained(this.target, work);
  }

  private makeReading(): BackendReading {
    const client = this.client;
    return {
      databases: () => this.on(() => this.databases()),
      page: (ns, query) =>
        this.on(async () => {
          const page = (await this.whileListing(ns.table, query)) ?? (await read.readPage(await this.view(ns), query));
          this.onScreen.set(
            ns.table,
            page.records.map((row) => row.key),
          );
          return page;
        }),
      count: (ns, filter, options) => this.on(async () => read.countMatching(await this.view(ns), filter, options)),
      inspect: (ns, key, maxBytes) => this.on(() => read.inspectRecord(client, ns.table, key, maxBytes)),
      readValue: (ns, key, offset, length) => this.on(() => read.readValueSlice(client, ns.table, key, offset, length)),
      suggestTables: (sampleSize) => this.suggestTables(sampleSize),
      recordBatch: (ns, filter, after, limit) =>
        this.on(async () => read.recordBatch(await this.view(ns), filter, after, limit)),
      recordsByKey: (ns, keys) => this.on(() => read.recordsByKey(client, ns.table, keys)),
    };
  }

  /**
   * The default table and every table opened, with counts from their snapshots; a table whose first listing
   * is still running after a short wait counts what SCAN projects (Redis counts are shown as estimates, `~`),
   * so opening a store never waits for a whole SCAN of its default table.
   */
  private async databases() {
    const tables = new Set([DEFAULT_TABLE, ...this.snapshots.tables()]);
    const infos = [];
    for (const table of [...tables].sort()) {
      const progress = await this.listingAfterWait(table);
      const count =
        progress === undefined
          ? (await this.snapshots.get(table)).size
          : Math.max(progress.runs.listed, Math.round(progress.runs.listed / Math.max(progress.share, 1e-9)));
      infos.push({ table, count, expired: 0 });
    }
    return [{ database: DEFAULT_DATABASE, tables: infos }];
  }

  private makeEditing(): BackendEditing {
    const client = this.client;
    const wrote = (table: string) => (key: string) => this.snapshots.apply(table, byteString(key), true);
    return {
      // Tables exist by prefix: the first record written makes one; nothing to create.
      createTable: async () => undefined,
      writeIfUnchanged: (ns, record, revision) =>
        this.on(async () => {
          const written = await edit.writeIfUnchanged(client, ns.table, record, revision);
          wrote(ns.table)(record.key);
          return written;
        }),
      writeMany: (ns, records, policy = 'overwrite') =>
        this.on(() => edit.writeMany(client, ns.table, records, policy, wrote(ns.table))),
      deleteMany: (ns, keys) => this.on(() => this.deleteByteKeys(ns.table, keys.map(byteString))),
      deleteMatching: (ns, filter) => this.on(() => this.deleteMatching(ns.table, filter)),
      setExpiry: (ns, keys, change) => this.on(() => edit.setExpiry(client, ns.table, keys, change)),
      rename: (ns, from, to) =>
        this.on(async () => {
          await edit.rename(client, ns.table, from, to);
          this.snapshots.apply(ns.table, byteString(from), false);
          wrote(ns.table)(to);
        }),
      duplicate: (ns, from, to) =>
        this.on(async () => {
          await edit.duplicate(client, ns.table, from, to);
          wrote(ns.table)(to);
        }),
    };
  }

  private async deleteByteKeys(table: string, byteKeys: string[]): Promise<number> {
    const deleted = await edit.deleteKeys(this.client, table, byteKeys);
    for (const key of byteKeys) this.snapshots.apply(table, key, false);
    return deleted;
  }

  /** Matches against a fresh SCAN, not the snapshot: a delete must not miss a key written meanwhile. */
  private async deleteMatching(table: string, filter: RecordFilter): Promise<number> {
    const keys = await scanTableKeys(this.client, table, filter.prefix ?? '');
    const fresh = new KeySnapshot(keys, this.now());
    const matching = await read.matchingKeyList(
      { client: this.client, table, snapshot: fresh, now: this.now() },
      filter,
    );
    return this.deleteByteKeys(table, matching);
  }

  private heard(event: KeyEvent): void {
    const known = this.snapshots.peek(event.table)?.has(event.byteKey) ?? false;
    this.snapshots.apply(event.table, event.byteKey, !isGone(event.event));
    const listeners = this.listeners.get(event.table);
    if (listeners === undefined || listeners.size === 0) return;
    const change = changeOf(event, DEFAULT_DATABASE, ++this.seq, this.now(), known);
    for (const listener of listeners) listener(change);
  }

  private makeEvents(): EventWatching {
    return {
      mode: 'events',
      subscribe: (ns, onChange, onReady) => {
        let listeners = this.listeners.get(ns.table);
        if (listeners === undefined) {
          listeners = new Set();
          this.listeners.set(ns.table, listeners);
        }
        listeners.add(onChange);
        this.subscriber?.watch(ns.table).then(
          () => onReady?.(),
          () => this.snapshots.markStale(ns.table),
        );
        return () => listeners.delete(onChange);
      },
    };
  }

  /**
   * The token moves when a record on the last page served changes (a digest the server computes from their
   * values and expiries) or when the database's size moves (a key added or removed somewhere): then the
   * snapshot is renewed too, before the token is answered when it is cheap (so the re-read shows the new key),
   * else in the background. It moves too when a table's first key listing ends (the counts and the page,
   * shown from the keys listed so far, are then read again).
   */
  private makePolling(): PolledWatching {
    return {
      mode: 'polling',
      changeToken: (ns) =>
        this.on(async () => {
          const keys = (this.onScreen.get(ns.table) ?? []).map((key) => redisKeyOfBytes(ns.table, byteString(key)));
          const [size, digest] = await Promise.all([
            this.client.dbsize(),
            keys.length === 0 ? '' : runScript(this.client, DIGEST, keys, []),
          ]);
          if (this.lastSize.get(ns.table) !== size) {
            if (this.lastSize.has(ns.table)) await this.snapshots.renewIfCheap(ns.table);
            this.lastSize.set(ns.table, size);
          }
          return `${size}:${String(digest)}:${this.snapshots.firstListings}`;
        }),
    };
  }
}
