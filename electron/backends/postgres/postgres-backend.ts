/**
 * A Postgres server in go-micro's layout behind the Backend seam: each call maps its namespace to go-micro's
 * schema and table, checks once that the table has go-micro's shape, and reports a lost server by name
 * (sql-tables/ does that part, as for MySQL).
 */
import type { Pool } from 'pg';
import { StoreInputError } from '../../store/types.js';
import type { Backend, BackendCapabilities, BackendEditing, BackendReading, PolledWatching } from '../backend.js';
import { whileWriting } from '../backend-errors.js';
import type { ServerTarget } from '../connection-string.js';
import { CheckedTables } from '../sql-tables/checked-tables.js';
import { SQL_LOST_WRITE } from '../sql-tables/sql-errors.js';
import { tableEditing, tableReading } from '../sql-tables/table-calls.js';
import * as bulk from './pg-bulk.js';
import { PgChangeTokens } from './pg-change-token.js';
import { explained, openPgPool } from './pg-connection.js';
import { listDatabases } from './pg-databases.js';
import { createTable, deleteKeys, inTransaction, writeIfUnchanged } from './pg-editing.js';
import { estimatedCount } from './pg-estimate.js';
import { keySortsByBytes } from './pg-key-order.js';
import { type PgTable, pgTableOf, qualified } from './pg-names.js';
import { indexForPaging, pagingIndexPlan } from './pg-paging-index.js';
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
  private readonly tables: CheckedTables<PgTable, PgTable>;

  constructor(target: ServerTarget, now: () => number = Date.now) {
    this.display = target.display;
    const pool = openPgPool(target);
    this.pool = pool;
    this.tables = new CheckedTables({
      explained: (work) => explained(target, work),
      nameOf: pgTableOf,
      keyOf: qualified,
      check: async (named) =>
        (await hasGoMicroShape(pool, named))
          ? { ...named, keySortsByBytes: await keySortsByBytes(pool, named) }
          : undefined,
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
        transaction: (work) =>
          this.tables.server(() => inTransaction(pool, (client) => work(transactionWriting(client, now)))),
      },
      SQL_LOST_WRITE,
    );
    this.watching = {
      mode: 'polling',
      changeToken: (ns) => this.tables.on(ns, (t) => this.tokens.token(pool, t)),
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function notGoMicro(table: PgTable): StoreInputError {
  return new StoreInputError(
    `${qualified(table)} is missing or is not a go-micro table (it needs exactly key text primary key, value bytea, metadata jsonb, expiry timestamptz): choose a table from the list, or create it`,
  );
}
