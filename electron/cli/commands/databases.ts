import type { Backend } from '../../backends/backend.js';
import { CommandError, openStore, parseCommand } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';
import { findDatabase } from '../named-table.js';

export const databasesCommand: Command = {
  name: 'databases',
  summary: 'list the databases',
  usage: `Usage: store-inspector databases\n\n${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, {}, 0);
    const store = await openStore(values, true);
    try {
      refuseUnlisted(store.backend);
      for (const database of await store.backend.reading.databases()) output.out(database.database);
      return 0;
    } finally {
      await store.close();
    }
  },
};

export const tablesCommand: Command = {
  name: 'tables',
  summary: 'list the tables of a database, with their record counts',
  usage: `Usage: store-inspector tables [-d DATABASE]\n\nPrints each table and its live record count, tab-separated; a database that does not exist is an error.\n\n${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, {}, 0);
    const store = await openStore(values, true);
    try {
      refuseUnlisted(store.backend);
      const database = findDatabase(await store.backend.reading.databases(), store.namespace.database, store.backend);
      for (const table of database.tables) output.out(`${table.table}\t${table.count}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** Redis cannot list its tables (a table is only a key prefix): the user names one instead. */
function refuseUnlisted(backend: Backend): void {
  if (backend.capabilities.listsTables) return;
  throw new CommandError(
    'unsupported',
    `${backend.display} cannot list its databases or tables: name the table with -t`,
  );
}
