/**
 * A Postgres server in go-micro's layout behind the Backend seam: each call maps its namespace to go-micro's
 * schema and table, checks once that the table has go-micro's shape, and reports a lost server by name.
 */
import type { Pool } from 'pg';
import type { Namespace } from '../../store/namespaces.js';
import { StoreInputError } from '../../store/types.js';
import type { Backend, BackendCapabilities, BackendEditing, BackendReading, PolledWatching } from '../backend.js';
import type { ServerTarget } from '../connection-string.js';
import * as bulk from './pg-bulk.js';
import { PgChangeTokens } from './pg-change-token.js';
import { explained, openPgPool } from './pg-connection.js';
import { listDatabases } from './pg-databases.js';
import { createTable, deleteKeys, inTransaction, writeIfUnchanged } from './pg-editing.js';
import { estimatedCount } from './pg-estimate.js';
import { keySortsByBytes } from './pg-key-order.js';
import { type PgTable, pgTableOf, qualified } from './pg-names.js';
import * as read from './pg-reading.js';
import { hasGoMicroShape } from './pg-shape.js';
import { PG_SORTABLE } from './pg-sorted-page.js';
import { transactionWriting } from './pg-transaction.js';

const CAPABILITIES: BackendCapabilities = {
  reading: true,
  editing: true,
  perRecordExpiry: true,
  metadata: true,
  // A cluster-wide snapshot check per poll, a table scan only after a write (pg-change-token.ts).
  liveChanges: 'polling',
  // count(*) scans: about 130-250 ms at 1M rows on a loaded machine; estimatedCount is the cheap figure.
  cheapCount: false,
  orderedPaging: true,
  listsTables: true,
  // No write time in go-micro's table, so no updated sort.
  sortable: PG_SORTABLE,
};

export class PostgresBackend implements Backend {
  readonly kind = 'postgres';
  readonly capabilities = CAPABILITIES;
  readonly display: string;
  readonly reading: BackendReading;
  readonly editing: BackendEditing;
  readonly watching: PolledWatching;
  private readonly pool: Pool;
  private readonly tokens = new PgChangeTokens();
  /** Tables found in go-micro's shape, with how their key sorts. */
  private readonly shaped = new Map<string, PgTable>();

  constructor(
    private readonly target: ServerTarget,
    private readonly now: () => number = Date.now,
  ) {
    this.display = target.display;
    this.pool = openPgPool(target);
    this.reading = this.makeReading();
    this.editing = this.makeEditing();
    this.watching = {
      mode: 'polling',
      changeToken: (ns) => this.on(ns, (t) => this.tokens.token(this.pool, t)),
    };
  }

  /**
   * On the seam as `reading.estimatedCount`: the planner's row count, expired rows included, read from the catalog without
   * touching the table; null when the table was never analysed. For a sidebar or a grid footer, as "about N".
   */
  estimatedCount(namespace: Namespace): Promise<number | null> {
    return this.on(namespace, (t) => estimatedCount(this.pool, t));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `work` on the namespace's go-micro table, refusing a table of another shape. */
  private on<T>(namespace: Namespace, work: (table: PgTable, now: number) => Promise<T>): Promise<T> {
    return explained(this.target, async () => {
      const named = pgTableOf(namespace);
      const table = this.shaped.get(qualified(named)) ?? (await this.checkShape(named));
      return work(table, this.now());
    });
  }

  private async checkShape(named: PgTable): Promise<PgTable> {
    if (!(await hasGoMicroShape(this.pool, named))) throw notGoMicro(named);
    const table = { ...named, keySortsByBytes: await keySortsByBytes(this.pool, named) };
    this.shaped.set(qualified(named), table);
    return table;
  }

  private makeReading(): BackendReading {
    const pool = this.pool;
    return {
      databases: () => explained(this.target, () => listDatabases(pool, this.now())),
      page: (ns, query) => this.on(ns, (t, now) => read.readPage(pool, t, query, now)),
      count: (ns, filter, options) => this.on(ns, (t, now) => read.countMatching(pool, t, filter, now, options)),
      inspect: (ns, key, maxBytes) => this.on(ns, (t, now) => read.inspectRecord(pool, t, key, maxBytes, now)),
      readValue: (ns, key, offset, length) => this.on(ns, (t) => read.readValueSlice(pool, t, key, offset, length)),
      estimatedCount: (ns) => this.estimatedCount(ns),
      recordBatch: (ns, filter, after, limit) =>
        this.on(ns, (t, now) => read.recordBatch(pool, t, filter, after, limit, now)),
      recordsByKey: (ns, keys) => this.on(ns, (t, now) => read.recordsByKey(pool, t, keys, now)),
    };
  }

  private makeEditing(): BackendEditing {
    const pool = this.pool;
    return {
      createTable: (ns) => explained(this.target, () => createTable(pool, pgTableOf(ns))),
      writeIfUnchanged: (ns, record, revision) =>
        this.on(ns, (t, now) => writeIfUnchanged(pool, t, record, revision, now)),
      writeMany: (ns, records, policy = 'overwrite') =>
        this.on(ns, (t, now) => bulk.writeMany(pool, t, records, policy, now)),
      deleteMany: (ns, keys) => this.on(ns, (t) => deleteKeys(pool, t, keys)),
      deleteMatching: (ns, filter) => this.on(ns, (t, now) => bulk.deleteMatching(pool, t, filter, now)),
      setExpiry: (ns, keys, change) => this.on(ns, (t, now) => bulk.setExpiry(pool, t, keys, change, now)),
      rename: (ns, from, to) => this.on(ns, (t, now) => bulk.rename(pool, t, from, to, now)),
      duplicate: (ns, from, to) => this.on(ns, (t, now) => bulk.duplicate(pool, t, from, to, now)),
      transaction: (work) =>
        explained(this.target, () => inTransaction(pool, (client) => work(transactionWriting(client, this.now)))),
    };
  }
}

function notGoMicro(table: PgTable): StoreInputError {
  return new StoreInputError(
    `${qualified(table)} is missing or is not a go-micro table (it needs exactly key text primary key, value bytea, metadata jsonb, expiry timestamptz): choose a table from the list, or create it`,
  );
}
