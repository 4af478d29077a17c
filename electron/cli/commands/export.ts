import type { Writable } from 'node:stream';
import { type AtomicWriteOptions, storeFiles, writeFileAtomically } from '../../transfer/atomic-file.js';
import { exportRecords } from '../../transfer/export-records.js';
import { fromServer, namespaceOf, type Output, parseCommand, storeTargetOf, UsageError } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

const FORMATS = { json: 'array', ndjson: 'lines', dump: 'dump' } as const;

const options = {
  out: { type: 'string', short: 'o', default: '-' },
  format: { type: 'string', short: 'f', default: 'json' },
  prefix: { type: 'string' },
  suffix: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export records as Go JSON (array, lines) or the whole store as a dump',
  usage: `Usage: store-inspector export [--out FILE|-] [--format json|ndjson|dump] [--prefix P] [--suffix S] [--force]

Writes live records in key order, with expiry as the time left in nanoseconds, as Go's json.Marshal does.
json and ndjson export one table (-d/-t); dump exports every database and table, or only those -d/-t name.
--prefix and --suffix keep only the keys that match, in every format. --out - is standard output.
A file is written whole or not at all (a temporary file renamed at the end). An existing file is
replaced only with --force; the store itself (and its -wal/-shm files) never.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, options, 0);
    const format = FORMATS[values.format as keyof typeof FORMATS];
    if (format === undefined) throw new UsageError('--format must be json, ndjson or dump');
    const namespace = namespaceOf(values);
    const filter = {
      ...(values.prefix ? { prefix: values.prefix } : {}),
      ...(values.suffix ? { suffix: values.suffix } : {}),
    };
    const target = values.out === '-' ? undefined : values.out;
    // A dump keeps every database and table unless -d/-t name one; the filters apply to every format.
    const scope =
      format === 'dump'
        ? ({
            kind: 'dump',
            filter,
            ...(values.database ? { database: values.database } : {}),
            ...(values.table ? { table: values.table } : {}),
          } as const)
        : ({ kind: 'table', namespace, filter } as const);
    const store = storeTargetOf(values);
    const report =
      store.kind === 'path'
        ? await withDestination(
            target,
            output,
            format === 'array',
            { overwrite: values.force ?? false, protectedPaths: storeFiles(store.path) },
            (out, keepOpen) => exportRecords({ storePath: store.path, scope, format, out, keepOpen }),
          )
        : await fromServer(values, async (backend) =>
            withDestination(target, output, format === 'array', { overwrite: values.force ?? false }, (out, keepOpen) =>
              exportRecords({ reader: backend.reading, scope, format, out, keepOpen }),
            ),
          );
    output.err(
      `exported ${report.records} records (${report.bytes} bytes) to ${target ?? 'standard output'} in ${report.ms} ms`,
    );
    return 0;
  },
};

async function withDestination<T>(
  target: string | undefined,
  output: Output,
  endLine: boolean,
  options: AtomicWriteOptions,
  write: (out: Writable, keepOpen: boolean) => Promise<T>,
): Promise<T> {
  if (target === undefined) {
    const stdout = output.stream ?? process.stdout;
    const result = await write(stdout, true);
    // A terminal or the next command in a pipe expects a last newline; a file keeps Go's bytes exactly.
    if (endLine) stdout.write('\n');
    return result;
  }
  return writeFileAtomically(target, (out) => write(out, false), options);
}
