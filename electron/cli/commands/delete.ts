import { openStore, parseCommand } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete a key',
  usage: `Usage: store-inspector delete KEY

Deleting a missing key succeeds, as in go-micro.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(argv, {}, 1);
    const store = await openStore(values, false);
    try {
      await store.delete(positionals[0] ?? '');
      output.err(`deleted ${JSON.stringify(positionals[0])}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
