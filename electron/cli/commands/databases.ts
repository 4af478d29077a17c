import { CommandError, openStore, parseCommand, storePathOf } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

export const databasesCommand: Command = {
  name: 'databases',
  summary: 'list the databases',
  usage: `Usage: store-inspector databases\n\n${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, {}, 0);
    const store = await openStore(values, true);
    try {
      for (const database of await store.databases()) output.out(database.database);
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
      const wanted = store.options().database;
      const databases = await store.databases();
      const database = databases.find((candidate) => candidate.database === wanted);
      if (database === undefined) {
        const known = databases.map((candidate) => candidate.database).join(', ') || 'none yet';
        throw new CommandError(
          'not-found',
          `database ${JSON.stringify(wanted)} does not exist in ${storePathOf(values)} (its databases: ${known})`,
        );
      }
      for (const table of database.tables) output.out(`${table.table}\t${table.count}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
