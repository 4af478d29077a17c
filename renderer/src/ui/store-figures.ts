import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import type { Namespace } from './namespace.js';

/** Expired records still in the file (not yet purged), over every table. */
export function expiredCount(databases: DatabaseInfoDto[] | undefined): number {
  let total = 0;
  for (const database of databases ?? []) for (const table of database.tables) total += table.expired;
  return total;
}

/** Live records over every table: the status bar's figure, from the same answer as each table's. */
export function liveCount(databases: DatabaseInfoDto[] | undefined): number | undefined {
  if (databases === undefined) return undefined;
  let total = 0;
  for (const database of databases) for (const table of database.tables) total += table.count;
  return total;
}

/** A database's live records over its tables; undefined when the database is not listed. */
export function databaseCount(databases: DatabaseInfoDto[] | undefined, name: string): number | undefined {
  const database = databases?.find((entry) => entry.database === name);
  return database?.tables.reduce((sum, entry) => sum + entry.count, 0);
}

/** A table's live records, as the store counts them; undefined when the table is not listed. */
export function tableCount(databases: DatabaseInfoDto[] | undefined, namespace: Namespace): number | undefined {
  const database = databases?.find((entry) => entry.database === namespace.database);
  return database?.tables.find((entry) => entry.table === namespace.table)?.count;
}
