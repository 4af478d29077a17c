import { openStore, parseCommand, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';
import { parseDurationOption } from '../go-duration.js';
import { readValue } from '../value-input.js';

const options = {
  ttl: { type: 'string' },
  expiry: { type: 'string', short: 'e' },
  metadata: { type: 'string', short: 'm' },
  'value-file': { type: 'string' },
  base64: { type: 'boolean' },
} as const;

export const writeCommand: Command = {
  name: 'write',
  summary: 'write a record',
  usage: `Usage: store-inspector write KEY VALUE... [--ttl DURATION] [--metadata JSON]
       store-inspector write KEY --value-file FILE|- [--base64] [--ttl DURATION] [--metadata JSON]

The words after KEY are joined by single spaces into the value (as micro store write does).
--value-file takes the value's bytes from a file as they are (- reads standard input).
--base64 decodes the value (the words or the file) from standard base64 first: any bytes from a shell.
--ttl (or -e/--expiry, as in micro store) takes Go's duration syntax (90s, 1h30m, 500ms); not negative.
--metadata takes a JSON object: '{"k":"v"}'.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(
      argv,
      options,
      { min: 1, max: Number.POSITIVE_INFINITY },
      'a KEY and its VALUE (KEY VALUE..., or KEY --value-file FILE)',
    );
    const [key = '', ...words] = positionals;
    const ttl = ttlOf(values);
    const metadata = values.metadata === undefined ? undefined : parseMetadataFlag(values.metadata);
    const value = await readValue({
      words,
      file: values['value-file'],
      base64: values.base64 ?? false,
      stdin: output.stdin ?? process.stdin,
    });
    const store = await openStore(values, false);
    try {
      await store.write({ key, value, ...(metadata ? { metadata } : {}) }, ttl);
      output.err(`wrote ${JSON.stringify(key)}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** --ttl, or its micro-store spelling --expiry/-e: one of them, a duration that is not negative. */
function ttlOf(values: { ttl?: string | undefined; expiry?: string | undefined }): number | undefined {
  if (values.ttl !== undefined && values.expiry !== undefined) {
    throw new UsageError('give --ttl or --expiry (the same flag), not both');
  }
  const text = values.ttl ?? values.expiry;
  if (text === undefined) return undefined;
  const flag = values.ttl !== undefined ? '--ttl' : '--expiry';
  let ttl: number;
  try {
    ttl = parseDurationOption(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
  if (ttl < 0) throw new UsageError(`${flag} must not be negative (got ${text}); to remove a record use delete`);
  return ttl;
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
