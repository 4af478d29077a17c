import { importTargetOf } from '../../api/import-target.js';
import { importRecords } from '../../transfer/import-records.js';
import { importIntoBackend } from '../../transfer/import-to-backend.js';
import { fromServer, parseCommand, storeTargetOf, UsageError, writableStorePathOf } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

const FORMATS = { auto: 'auto', json: 'array', ndjson: 'lines', dump: 'dump' } as const;
const POLICIES = ['overwrite', 'skip', 'fail'] as const;

const options = {
  format: { type: 'string', short: 'f', default: 'auto' },
  'on-conflict': { type: 'string', default: 'overwrite' },
  'dry-run': { type: 'boolean' },
} as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'import a records file (Go JSON: array, lines or store dump), all or nothing',
  usage: `Usage: store-inspector import FILE [--format auto|json|ndjson|dump] [--on-conflict overwrite|skip|fail] [--dry-run]

Reads records as Go writes []*store.Record (json), one record per line (ndjson), or a store dump.
An array or lines file goes to -d/-t (default micro/micro); a dump restores its own databases and tables.
Every record is written, or none: a bad record or a "fail" conflict writes nothing.
--dry-run checks the whole file and reports what an import would do, writing nothing.

${COMMON_HELP}`,
  async run(argv, output) {
    const { values, positionals } = parseCommand(argv, options, 1);
    const format = FORMATS[values.format as keyof typeof FORMATS];
    if (format === undefined) throw new UsageError('--format must be auto, json, ndjson or dump');
    const policy = POLICIES.find((candidate) => candidate === values['on-conflict']);
    if (policy === undefined) throw new UsageError('--on-conflict must be overwrite, skip or fail');
    const file = positionals[0] ?? '';
    const task = {
      path: file,
      format,
      namespace: { database: values.database || 'micro', table: values.table || 'micro' },
      policy,
      dryRun: values['dry-run'] ?? false,
    };
    const report =
      storeTargetOf(values).kind === 'path'
        ? await importRecords({ ...task, storePath: writableStorePathOf(values, 'import records') })
        : await fromServer(values, (backend) => importIntoBackend({ ...task, target: importTargetOf(backend) }));
    const rate = report.ms > 0 ? Math.round((report.records / report.ms) * 1000) : report.records;
    const did = report.dryRun
      ? `dry run: ${report.records} records read, ${report.existing} keys exist, nothing written`
      : `imported ${report.written} new, ${report.overwritten} overwritten, ${report.skippedExisting} skipped (existing)`;
    output.out(
      `${did}, ${report.skippedExpired} skipped (already expired); ${report.tables} table(s), ${report.format} format, ${report.ms} ms (${rate} records/s)`,
    );
    return 0;
  },
};
