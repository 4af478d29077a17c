import { openStore, parseCommand, parseCount, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';
import { keysInOrder, ORDER_HELP, parseOrder } from '../key-order-flag.js';
import { checkNamedTable } from '../named-table.js';

const options = {
  prefix: { type: 'string' },
  suffix: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  order: { type: 'string' },
  output: { type: 'string', short: 'o', default: 'text' },
} as const;

export const listCommand: Command = {
  name: 'list',
  summary: 'list keys',
  usage: `Usage: store-inspector list [--prefix P] [--suffix S] [--limit N] [--offset N] [--order asc|desc] [--output text|json]

Prints keys one per line in byte order (--output json: a JSON array of strings).
${ORDER_HELP}

${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, options, 0);
    if (values.output !== 'text' && values.output !== 'json') throw new UsageError('--output must be text or json');
    const order = parseOrder(values.order);
    const window = { limit: parseCount(values.limit, 'limit'), offset: parseCount(values.offset, 'offset') };
    const filter = {
      ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
      ...(values.suffix !== undefined ? { suffix: values.suffix } : {}),
    };
    const store = await openStore(values, true);
    try {
      const keys =
        order === 'asc'
          ? await store.list({ ...filter, ...window })
          : await keysInOrder(store.backend, store.namespace, filter, 'desc', window);
      if (keys.length === 0) await checkNamedTable(store, values);
      if (values.output === 'json') output.out(JSON.stringify(keys));
      else for (const key of keys) output.out(key);
      return 0;
    } finally {
      await store.close();
    }
  },
};
