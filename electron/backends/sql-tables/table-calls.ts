/**
 * The Backend seam's reading and editing calls for a SQL server holding go-micro tables: every call is the
 * same on Postgres and MySQL (check the table, then run one module's function on the pool at now), so the
 * two backends differ only in the functions they hand in: their modules' own exports, by the same names.
 */

import type { BulkWriteReport, ConflictPolicy } from '../../store/bulk-writes.js';
import type { ExpiryChange } from '../../store/inspector-store.js';
import type { DatabaseInfo } from '../../store/namespace-counts.js';
import type { RecordDetail } from '../../store/record-detail.js';
import type { CountOptions, RecordFilter } from '../../store/record-filter.js';
import type { PageQuery, RecordPage } from '../../store/record-page.js';
import type { RecordInput, StoreRecord } from '../../store/types.js';
import type { BackendEditing, BackendReading, PagingIndexPlan } from '../backend.js';
import type { CheckedTables } from './checked-tables.js';

export interface TableReads<Db, Table> {
  databases(db: Db, now: number): Promise<DatabaseInfo[]>;
  readPage(db: Db, table: Table, query: PageQuery, now: number): Promise<RecordPage>;
  countMatching(db: Db, table: Table, filter: RecordFilter, now: number, options?: CountOptions): Promise<number>;
  inspectRecord(db: Db, table: Table, key: string, maxBytes: number, now: number): Promise<RecordDetail>;
  readValueSlice(db: Db, table: Table, key: string, offset: number, length: number): Promise<Uint8Array>;
  recordBatch(
    db: Db,
    table: Table,
    filter: RecordFilter,
    after: string | undefined,
    limit: number,
    now: number,
  ): Promise<StoreRecord[]>;
  recordsByKey(db: Db, table: Table, keys: string[], now: number): Promise<StoreRecord[]>;
  estimatedCount(db: Db, table: Table): Promise<number | null>;
  pagingIndexPlan(db: Db, table: Table): Promise<PagingIndexPlan>;
}

export interface TableWrites<Db, Named, Table> {
  createTable(db: Db, named: Named): Promise<void>;
  writeIfUnchanged(db: Db, table: Table, record: RecordInput, revision: string | null, now: number): Promise<string>;
  writeMany(
    db: Db,
    table: Table,
    records: RecordInput[],
    policy: ConflictPolicy,
    now: number,
  ): Promise<BulkWriteReport>;
  deleteKeys(db: Db, table: Table, keys: string[]): Promise<number>;
  deleteMatching(db: Db, table: Table, filter: RecordFilter, now: number): Promise<number>;
  setExpiry(db: Db, table: Table, keys: string[], change: ExpiryChange, now: number): Promise<number>;
  rename(db: Db, table: Table, from: string, to: string, now: number): Promise<void>;
  duplicate(db: Db, table: Table, from: string, to: string, now: number): Promise<void>;
  /** Adds the paging index when the table lacks one; false when one already pages it. */
  indexForPaging(db: Db, table: Table): Promise<boolean>;
}

export function tableReading<Db, Named, Table>(
  tables: CheckedTables<Named, Table>,
  db: Db,
  reads: TableReads<Db, Table>,
): BackendReading {
  return {
    databases: () => tables.server((now) => reads.databases(db, now)),
    page: (ns, query) => tables.on(ns, (t, now) => reads.readPage(db, t, query, now)),
    count: (ns, filter, options) => tables.on(ns, (t, now) => reads.countMatching(db, t, filter, now, options)),
    inspect: (ns, key, maxBytes) => tables.on(ns, (t, now) => reads.inspectRecord(db, t, key, maxBytes, now)),
    readValue: (ns, key, offset, length) => tables.on(ns, (t) => reads.readValueSlice(db, t, key, offset, length)),
    recordBatch: (ns, filter, after, limit) =>
      tables.on(ns, (t, now) => reads.recordBatch(db, t, filter, after, limit, now)),
    recordsByKey: (ns, keys) => tables.on(ns, (t, now) => reads.recordsByKey(db, t, keys, now)),
    estimatedCount: (ns) => tables.on(ns, (t) => reads.estimatedCount(db, t)),
    pagingIndex: (ns) => tables.on(ns, (t) => reads.pagingIndexPlan(db, t)),
  };
}

/** Everything but `transaction`, which each server keeps its own way. */
export function tableEditing<Db, Named, Table>(
  tables: CheckedTables<Named, Table>,
  db: Db,
  writes: TableWrites<Db, Named, Table>,
): Omit<BackendEditing, 'transaction'> {
  return {
    createTable: (ns) => tables.server(() => writes.createTable(db, tables.named(ns))),
    writeIfUnchanged: (ns, record, revision) =>
      tables.on(ns, (t, now) => writes.writeIfUnchanged(db, t, record, revision, now)),
    writeMany: (ns, records, policy = 'overwrite') =>
      tables.on(ns, (t, now) => writes.writeMany(db, t, records, policy, now)),
    deleteMany: (ns, keys) => tables.on(ns, (t) => writes.deleteKeys(db, t, keys)),
    deleteMatching: (ns, filter) => tables.on(ns, (t, now) => writes.deleteMatching(db, t, filter, now)),
    setExpiry: (ns, keys, change) => tables.on(ns, (t, now) => writes.setExpiry(db, t, keys, change, now)),
    rename: (ns, from, to) => tables.on(ns, (t, now) => writes.rename(db, t, from, to, now)),
    duplicate: (ns, from, to) => tables.on(ns, (t, now) => writes.duplicate(db, t, from, to, now)),
    indexForPaging: async (ns) => {
      const added = await tables.on(ns, (t) => writes.indexForPaging(db, t));
      // The table now pages by its new index: learn its key order again.
      if (added) tables.forget(ns);
      return added;
    },
  };
}
