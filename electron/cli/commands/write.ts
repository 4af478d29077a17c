import { openStore, parseCommand, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';
import { parseGoDuration } from '../go-duration.js';

const options = { ttl: { type: 'string' }, metadata: { type: 'string', short: 'm' } } as const;

export const writeCommand: Command = {
  name: 'write',
  summary: 'write a record',
  usage: `Usage: store-inspector write KEY VALUE [--ttl DURATION] [--metadata JSON]

--ttl takes Go's duration syntax (90s, 1h30m, 500ms). --metadata takes a JSON object: '{"k":"v"}'.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(argv, options, 2);
    const ttl = values.ttl === undefined ? undefined : parseDurationFlag(values.ttl);
    const metadata = values.metadata === undefined ? undefined : parseMetadataFlag(values.metadata);
    const store = await openStore(values, false);
    try {
      await store.write(
        { key: positionals[0] ?? '', value: positionals[1] ?? '', ...(metadata ? { metadata } : {}) },
        ttl === undefined ? {} : { ttl },
      );
      output.err(`wrote ${JSON.stringify(positionals[0])}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

function parseDurationFlag(text: string): number {
  try {
    return parseGoDuration(text);
  } catch (error) {
    throw new UsageError(`--ttl: ${(error as Error).message}`);
  }
}

function parseMetadataFlag(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('--metadata must be a JSON object, like \'{"owner":"auth"}\'');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError('--metadata must be a JSON object, like \'{"owner":"auth"}\'');
  }
  return parsed as Record<string, unknown>;
}
