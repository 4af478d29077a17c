import { encodeGoRecord } from '../../records-json/record-encoder.js';
import type { StoreRecord } from '../../store/types.js';
import { type Output, openStore, parseCommand, parseCount, UsageError } from '../cli-context.js';
import type { CliStore } from '../cli-store.js';
import { COMMON_HELP, type Command } from '../command.js';
import { goDurationString } from '../go-duration.js';
import { type KeyOrder, type KeyWindow, keysInOrder, ORDER_HELP, parseOrder } from '../key-order-flag.js';
import { checkNamedTable } from '../named-table.js';

const options = {
  prefix: { type: 'boolean', short: 'p' },
  suffix: { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  order: { type: 'string' },
  output: { type: 'string', short: 'o', default: 'text' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

/** How much of a value that is not UTF-8 text `-v` shows, in hex (as `micro store read -v` does). */
const VERBOSE_HEX_BYTES = 20;

export const readCommand: Command = {
  name: 'read',
  summary: 'print the value of a key (or of every key matching it)',
  usage: `Usage: store-inspector read KEY [-p|--prefix] [--suffix] [--limit N] [--offset N] [--order asc|desc] [--output text|json] [-v]

Prints each value's bytes exactly as stored, followed by a newline (as micro store read does).
-p/--prefix and --suffix match KEY as a prefix or suffix ('' with --prefix: all).
--output json prints Go's record JSON (an array of records; values in base64).
-v prints the key, the value (hex if it is not UTF-8 text) and the time left as a Go duration (1h29m16s).
${ORDER_HELP}

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(argv, options, 1, 'one KEY');
    if (values.output !== 'text' && values.output !== 'json') throw new UsageError('--output must be text or json');
    const order = parseOrder(values.order);
    const window = { limit: parseCount(values.limit, 'limit'), offset: parseCount(values.offset, 'offset') };
    const match = { key: positionals[0] ?? '', prefix: values.prefix ?? false, suffix: values.suffix ?? false };
    const store = await openStore(values, true);
    try {
      const records = await readRecords(store, match, window, order);
      if (records.length === 0) await checkNamedTable(store, values);
      if (values.output === 'json') output.out(`[${records.map((record) => encodeGoRecord(record)).join(',')}]`);
      else for (const record of records) printRecord(record, values.verbose ?? false, output);
      return 0;
    } finally {
      await store.close();
    }
  },
};

interface KeyMatch {
  key: string;
  prefix: boolean;
  suffix: boolean;
}

async function readRecords(
  store: CliStore,
  match: KeyMatch,
  window: KeyWindow,
  order: KeyOrder,
): Promise<StoreRecord[]> {
  // One exact key has no order to choose.
  if (order === 'asc' || (!match.prefix && !match.suffix)) {
    return store.read(match.key, { prefix: match.prefix, suffix: match.suffix, ...window });
  }
  const filter = { ...(match.prefix ? { prefix: match.key } : {}), ...(match.suffix ? { suffix: match.key } : {}) };
  const keys = await keysInOrder(store.backend, store.namespace, filter, 'desc', window);
  const byKey = new Map(
    (await store.backend.reading.recordsByKey(store.namespace, keys)).map((record) => [record.key, record]),
  );
  return keys.flatMap((key) => byKey.get(key) ?? []);
}

function printRecord(record: StoreRecord, verbose: boolean, output: Output): void {
  if (!verbose) {
    output.bytes(record.value);
    output.bytes(NEWLINE);
    return;
  }
  const expiry = record.expiry === 0 ? 'never' : goDurationString(record.expiry);
  output.out(`${record.key}\t${verboseValue(record.value)}\t(expires: ${expiry})`);
}

const NEWLINE = new Uint8Array([0x0a]);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function verboseValue(value: Uint8Array): string {
  try {
    return utf8.decode(value);
  } catch {
    const hex = Buffer.from(value.subarray(0, VERBOSE_HEX_BYTES)).toString('hex');
    return `0x${hex}${value.length > VERBOSE_HEX_BYTES ? `… (${value.length} bytes)` : ''}`;
  }
}
