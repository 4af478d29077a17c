/**
 * A MySQL or MariaDB server in go-micro's layout (v5 `store/mysql`) behind the Backend seam: each call maps
 * its namespace to go-micro's database and table, checks once that the table has go-micro's shape (and how
 * its keys can be put in byte order), and reports a lost server by name. docs/backend-mysql.md says what is
 * kept, what is refused and what differs from go-micro.
 */
import type { Namespace } from '../../store/namespaces.js';
import { StoreInputError } from '../../store/types.js';
import type { Backend, BackendCapabilities, BackendEditing, BackendReading, PolledWatching } from '../backend.js';
import type { ServerTarget } from '../connection-string.js';
import * as bulk from './my-bulk.js';
import { explained, inTransaction, openMysqlPool, type Pool } from './my-connection.js';
import { listDatabases } from './my-databases.js';
import { createTable, deleteKeys, writeIfUnchanged } from './my-editing.js';
import { byteOrderIndexStatement, type MyTable, myTableOf, qualified, type ShapedTable } from './my-names.js';
import * as read from './my-reading.js';
import { shapedTable } from './my-shape.js';
import { changeToken, estimatedCount } from './my-watching.js';

const CAPABILITIES: BackendCapabilities = {
  reading: true,
  editing: true,
  perRecordExpiry: true,
  // go-micro's MySQL table has no metadata column: a write carrying some is refused.
  metadata: false,
  liveChanges: 'polling',
  // COUNT(*) reads the whole table: about 1 s at 1M rows here (docs/backend-mysql.md).
  cheapCount: false,
  orderedPaging: true,
  listsTables: true,
};

export async function openMysqlBackend(target: ServerTarget): Promise<MysqlBackend> {
  const backend = new MysqlBackend(target);
  try {
    await backend.ping();
    return backend;
  } catch (error) {
    await backend.close();
    throw error;
  }
}

export class MysqlBackend implements Backend {
  readonly kind = 'mysql';
  readonly capabilities = CAPABILITIES;
  readonly display: string;
  readonly reading: BackendReading;
  readonly editing: BackendEditing;
  readonly watching: PolledWatching;
  private readonly pool: Pool;
  /** Tables found in go-micro's shape, with how their keys sort. */
  private readonly shaped = new Map<string, ShapedTable>();

  constructor(
    private readonly target: ServerTarget,
    private readonly now: () => number = Date.now,
  ) {
    this.display = target.display;
    this.pool = openMysqlPool(target);
    this.reading = this.makeReading();
    this.editing = this.makeEditing();
    this.watching = {
      mode: 'polling',
      changeToken: (ns) => explained(this.target, () => changeToken(this.pool, myTableOf(ns))),
    };
  }

  async ping(): Promise<void> {
    await explained(this.target, () => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** InnoDB's estimate of a table's rows, expired included: for a count shown before the exact one arrives. */
  estimatedCount(namespace: Namespace): Promise<number> {
    return this.on(namespace, (table) => estimatedCount(this.pool, table));
  }

  /**
   * Adds a byte-order index to a table whose key collation is a language one (docs/backend-mysql.md, "Key
   * order"): a virtual column go-micro's statements never name. Changes the service's schema, so only when
   * the user asks.
   */
  async addByteOrderIndex(namespace: Namespace): Promise<void> {
    await this.on(namespace, async (table) => {
      if (table.keyOrder !== 'sorted') return;
      await this.pool.query(byteOrderIndexStatement(table));
      this.shaped.delete(qualified(table));
    });
  }

  /** Runs `work` on the namespace's go-micro table, refusing a table of another shape. */
  private on<T>(namespace: Namespace, work: (table: ShapedTable, now: number) => Promise<T>): Promise<T> {
    return explained(this.target, async () => {
      const named = myTableOf(namespace);
      const table = this.shaped.get(qualified(named)) ?? (await this.checkShape(named));
      return work(table, this.now());
    });
  }

  private async checkShape(named: MyTable): Promise<ShapedTable> {
    const table = await shapedTable(this.pool, named);
    if (table === undefined) throw notGoMicro(named);
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
      createTable: (ns) => explained(this.target, () => createTable(pool, myTableOf(ns))),
      writeIfUnchanged: (ns, record, revision) =>
        this.on(ns, (t, now) => writeIfUnchanged(pool, t, record, revision, now)),
      writeMany: (ns, records, policy = 'overwrite') =>
        this.on(ns, (t, now) => bulk.writeMany(pool, t, records, policy, now)),
      deleteMany: (ns, keys) => this.on(ns, (t) => deleteKeys(pool, t, keys)),
      deleteMatching: (ns, filter) => this.on(ns, (t, now) => bulk.deleteMatching(pool, t, filter, now)),
      setExpiry: (ns, keys, change) => this.on(ns, (t, now) => bulk.setExpiry(pool, t, keys, change, now)),
      rename: (ns, from, to) => this.on(ns, (t, now) => bulk.rename(pool, t, from, to, now)),
      duplicate: (ns, from, to) => this.on(ns, (t, now) => bulk.duplicate(pool, t, from, to, now)),
      // DDL commits by itself in MySQL, so tables are made on the pool (empty, IF NOT EXISTS); the rows wait.
      transaction: (work) =>
        explained(this.target, () =>
          inTransaction(pool, (db) =>
            work({
              createTable: (ns) => createTable(pool, myTableOf(ns)),
              writeMany: (ns, records, policy) =>
                this.on(ns, (t, now) => bulk.writeManyOn(db, t, records, policy, now)),
            }),
          ),
        ),
    };
  }
}

function notGoMicro(table: MyTable): StoreInputError {
  return new StoreInputError(
    `${qualified(table)} is missing or is not a go-micro table (it needs exactly \`key\` varchar primary key, value blob, expiry timestamp): choose a table from the list, or create it`,
  );
}
