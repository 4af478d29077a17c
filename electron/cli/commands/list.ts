import { openStore, parseCommand, parseCount, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

const options = {
  prefix: { type: 'string' },
  suffix: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  output: { type: 'string', short: 'o', default: 'text' },
} as const;

export const listCommand: Command = {
  name: 'list',
  summary: 'list keys',
  usage: `Usage: store-inspector list [--prefix P] [--suffix S] [--limit N] [--offset N] [--output text|json]

Prints keys one per line in byte order (--output json: a JSON array of strings).

${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, options, 0);
    if (values.output !== 'text' && values.output !== 'json') throw new UsageError('--output must be text or json');
    const store = await openStore(values, true);
    try {
      const keys = await store.list({
        ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
        ...(values.suffix !== undefined ? { suffix: values.suffix } : {}),
        limit: parseCount(values.limit, 'limit'),
        offset: parseCount(values.offset, 'offset'),
      });
      if (values.output === 'json') output.out(JSON.stringify(keys));
      else for (const key of keys) output.out(key);
      return 0;
    } finally {
      await store.close();
    }
  },
};
