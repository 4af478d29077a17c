/**
 * A MySQL or MariaDB server in go-micro's layout (v5 `store/mysql`) behind the Backend seam: each call maps
 * its namespace to go-micro's database and table, checks once that the table has go-micro's shape (and how
 * its keys can be put in byte order), and reports a lost server by name. docs/backend-mysql.md says what is
 * kept, what is refused and what differs from go-micro. sql-tables/ does the checking and wiring, as for
 * Postgres.
 */
import { StoreInputError } from '../../store/types.js';
import type { Backend, BackendCapabilities, BackendEditing, BackendReading, PolledWatching } from '../backend.js';
import { whileWriting } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { CheckedTables } from '../sql-tables/checked-tables.js';
import { SQL_LOST_WRITE } from '../sql-tables/sql-errors.js';
import { tableEditing, tableReading } from '../sql-tables/table-calls.js';
import * as bulk from './my-bulk.js';
import { writeManyOn } from './my-bulk.js';
import { explained, inTransaction, openMysqlPool, type Pool } from './my-connection.js';
import { listDatabases } from './my-databases.js';
import { createTable, deleteKeys, writeIfUnchanged } from './my-editing.js';
import { type MyTable, myTableOf, qualified, type ShapedTable } from './my-names.js';
import { indexForPaging, pagingIndexPlan } from './my-paging-index.js';
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
  private readonly tables: CheckedTables<MyTable, ShapedTable>;

  constructor(
    private readonly target: ServerTarget,
    now: () => number = Date.now,
  ) {
    this.display = target.display;
    const pool = openMysqlPool(target);
    this.pool = pool;
    this.tables = new CheckedTables({
      explained: (work) => explained(target, work),
      nameOf: myTableOf,
      keyOf: qualified,
      check: (named) => shapedTable(pool, named),
      refusal: notGoMicro,
      now,
    });
    this.reading = tableReading(this.tables, pool, {
      ...read,
      databases: listDatabases,
      estimatedCount,
      pagingIndexPlan,
    });
    this.editing = whileWriting(
      {
        ...tableEditing(this.tables, pool, {
          ...bulk,
          createTable,
          writeIfUnchanged,
          deleteKeys,
          indexForPaging,
        }),
        // DDL commits by itself in MySQL, so tables are made on the pool (empty, IF NOT EXISTS); the rows wait.
        transaction: (work) =>
          this.tables.server(() =>
            inTransaction(pool, (db) =>
              work({
                createTable: (ns) => createTable(pool, myTableOf(ns)),
                writeMany: (ns, records, policy) =>
                  this.tables.on(ns, (t, at) => writeManyOn(db, t, records, policy, at)),
              }),
            ),
          ),
      },
      SQL_LOST_WRITE,
    );
    this.watching = {
      mode: 'polling',
      changeToken: (ns) => explained(this.target, () => changeToken(pool, myTableOf(ns))),
    };
  }

  async ping(): Promise<void> {
    await explained(this.target, () => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function notGoMicro(table: MyTable): StoreInputError {
  return new StoreInputError(
    `${qualified(table)} is missing or is not a go-micro table (it needs exactly \`key\` varchar primary key, value blob, expiry timestamp): choose a table from the list, or create it`,
  );
}
