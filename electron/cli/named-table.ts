/**
 * A database or table named with -d/-t that does not exist is an error, not an empty answer: a typo must not
 * pass for an empty table. Only where the backend lists its tables (Redis cannot: a table is a key prefix).
 */
import type { Backend } from '../backends/backend.js';
import type { DatabaseInfo } from '../store/namespace-counts.js';
import { CommandError, type CommonValues } from './cli-context.js';
import type { CliStore } from './cli-store.js';

/** The database -d names, or the error saying it does not exist and which do. */
export function findDatabase(databases: DatabaseInfo[], wanted: string, backend: Backend): DatabaseInfo {
  const database = databases.find((candidate) => candidate.database === wanted);
  if (database !== undefined) return database;
  const known = databases.map((candidate) => candidate.database).join(', ') || 'none yet';
  throw new CommandError(
    'not-found',
    `database ${JSON.stringify(wanted)} does not exist in ${backend.display} (its databases: ${known})`,
  );
}

/**
 * Checks the table a command read nothing from, when -d or -t named it: an answer with records needs no
 * check (its table exists), so a large store pays for the listing only when the answer was empty.
 */
export async function checkNamedTable(store: CliStore, values: CommonValues): Promise<void> {
  if (!values.database && !values.table) return;
  if (!store.backend.capabilities.listsTables) return;
  const { database: wantedDatabase, table: wantedTable } = store.namespace;
  const database = findDatabase(await store.backend.reading.databases(), wantedDatabase, store.backend);
  if (database.tables.some(({ table }) => table === wantedTable)) return;
  const known = database.tables.map(({ table }) => table).join(', ') || 'none yet';
  throw new CommandError(
    'not-found',
    `table ${JSON.stringify(wantedTable)} does not exist in database ${JSON.stringify(wantedDatabase)} of ${store.backend.display} (its tables: ${known})`,
  );
}
