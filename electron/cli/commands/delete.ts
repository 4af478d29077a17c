import { NotFoundError } from '../../store/types.js';
import { openStore, parseCommand } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete a key',
  usage: `Usage: store-inspector delete KEY

A key that is not there is reported: "not found" on stderr, exit status 1 (as read does).

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(argv, {}, 1, 'one KEY');
    const key = positionals[0] ?? '';
    const store = await openStore(values, false);
    try {
      // deleteMany counts what it removed, in one transaction: no read-then-delete race.
      if ((await store.deleteKey(key)) === 0) throw new NotFoundError();
      output.err(`deleted ${JSON.stringify(key)}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
