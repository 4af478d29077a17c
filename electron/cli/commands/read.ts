import { encodeGoRecord } from '../../records-json/index.js';
import type { StoreRecord } from '../../store/index.js';
import { openStore, parseCommand, parseCount, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

const options = {
  prefix: { type: 'boolean' },
  suffix: { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  output: { type: 'string', short: 'o', default: 'text' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const readCommand: Command = {
  name: 'read',
  summary: 'print the value of a key (or of every key matching it)',
  usage: `Usage: store-inspector read KEY [--prefix] [--suffix] [--limit N] [--offset N] [--output text|json] [-v]

Prints values one per line. --prefix/--suffix match KEY as a prefix or suffix ('' with --prefix: all).
--output json prints Go's record JSON (an array of records). -v adds the key and expiry.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(argv, options, 1);
    if (values.output !== 'text' && values.output !== 'json') throw new UsageError('--output must be text or json');
    const store = await openStore(values, true);
    try {
      const records = await store.read(positionals[0] ?? '', {
        prefix: values.prefix ?? false,
        suffix: values.suffix ?? false,
        limit: parseCount(values.limit, 'limit'),
        offset: parseCount(values.offset, 'offset'),
      });
      if (values.output === 'json') output.out(`[${records.map((record) => encodeGoRecord(record)).join(',')}]`);
      else for (const record of records) output.out(formatText(record, values.verbose ?? false));
      return 0;
    } finally {
      await store.close();
    }
  },
};

function formatText(record: StoreRecord, verbose: boolean): string {
  const value = Buffer.from(record.value).toString('utf8');
  if (!verbose) return value;
  const expiry = record.expiry === 0 ? 'never' : `${(record.expiry / 1000).toFixed(3)}s`;
  return `${record.key}\t${value}\t(expires: ${expiry})`;
}
