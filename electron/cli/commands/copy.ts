import { openBackend } from '../../api/open-backend.js';
import type { Backend } from '../../backends/backend.js';
import { type ConnectionTarget, PASSWORD_VARIABLE, parseConnectionString } from '../../backends/connection-string.js';
import { type CopyReport, type CopyScope, copyBetween } from '../../transfer/copy-between.js';
import { type Output, parseCommand, UsageError } from '../cli-context.js';

/** The --to store's password, apart from --from's: one store's secret is never sent to the other. */
const TARGET_PASSWORD_VARIABLE = 'STORE_INSPECTOR_TARGET_PASSWORD';

const POLICIES = ['overwrite', 'skip', 'fail'] as const;

const options = {
  from: { type: 'string' },
  to: { type: 'string' },
  'to-database': { type: 'string' },
  'to-table': { type: 'string' },
  policy: { type: 'string', default: 'overwrite' },
  'drop-metadata': { type: 'boolean' },
  'drop-ttl': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const copyCommand = {
  name: 'copy',
  summary: 'copy records between any two stores (files or servers), all or nothing where the target allows',
  usage: `Usage: store-inspector copy --from FILE|URL [-d DB [-t TABLE]] --to FILE|URL
         [--to-database DB] [--to-table TABLE] [--policy overwrite|skip|fail]
         [--drop-metadata] [--drop-ttl] [--dry-run] [--json]

Copies live records from one store into another: SQLite files, go-micro file stores (as a source), and
postgres://, redis://, nats://, mysql:// servers. Without -d every table of the source is copied; -d alone
copies that database's tables, -d and -t one table. They land under the same names, or under --to-database
(and --to-table, for one table).
Into Postgres, MySQL and SQLite the copy is one transaction: a failure or Ctrl-C leaves nothing written.
Into Redis and NATS it goes batch by batch, and a failure says how many batches were written.
Records carrying what the target cannot keep (metadata into Redis or MySQL, a record's own TTL into NATS)
refuse the copy, counted, before anything is written; --drop-metadata / --drop-ttl copy them without it.
--dry-run reads everything and reports what a copy would do. Expired records are never copied.
Passwords: in the URLs, or STORE_INSPECTOR_PASSWORD for --from and STORE_INSPECTOR_TARGET_PASSWORD for --to.
Progress goes to standard error on a terminal; the report to standard output (--json: as JSON).

Flags:
  --from FILE|URL, --to FILE|URL   the two stores (--store FILE|URL is not used here)
  -d, --database NAME, -t, --table NAME   what to copy from --from
  --read-only         open --to without writing: the copy is refused (a --dry-run still reports)
  -h, --help          this help`,
  async run(argv: string[], output: Output): Promise<number> {
    const { values } = parseCommand(argv, options, 0);
    if (values.store !== undefined) throw new UsageError('copy names its stores with --from and --to, not --store');
    if (!values.from || !values.to) throw new UsageError('give both --from and --to');
    const policy = POLICIES.find((candidate) => candidate === values.policy);
    if (policy === undefined) throw new UsageError('--policy must be overwrite, skip or fail');
    if (values.table && !values.database) throw new UsageError('-t needs -d: name the database of the table');
    const scope: CopyScope =
      values.database === undefined
        ? { kind: 'all' }
        : values.table === undefined
          ? { kind: 'database', database: values.database }
          : { kind: 'table', namespace: { database: values.database, table: values.table } };
    const { fromTarget, toTarget } = copyTargets(values.from, values.to);
    const controller = new AbortController();
    const stop = () => controller.abort(new Error('cancelled (interrupted): nothing more is read'));
    process.once('SIGINT', stop);
    const progress = terminalProgress();
    try {
      const report = await withBackends(
        () => openBackend(fromTarget, { readOnly: true, threads: 'main' }),
        () => openBackend(toTarget, { readOnly: values['read-only'] === true, threads: 'main' }),
        (source, target) =>
          copyBetween({
            source,
            target,
            scope,
            to: {
              ...(values['to-database'] ? { database: values['to-database'] } : {}),
              ...(values['to-table'] ? { table: values['to-table'] } : {}),
            },
            policy,
            dropMetadata: values['drop-metadata'] === true,
            dropTtl: values['drop-ttl'] === true,
            dryRun: values['dry-run'] === true,
            signal: controller.signal,
            onProgress: progress.update,
          }),
      );
      progress.end();
      output.out(values.json ? JSON.stringify(report) : describeReport(report));
      return 0;
    } finally {
      progress.end();
      process.off('SIGINT', stop);
    }
  },
};

/** Each store with its own password: the URL's, else STORE_INSPECTOR_PASSWORD (--from) or _TARGET_ (--to). */
export function copyTargets(
  from: string,
  to: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { fromTarget: ConnectionTarget; toTarget: ConnectionTarget } {
  return {
    fromTarget: parseConnectionString(from, env),
    toTarget: parseConnectionString(to, { ...env, [PASSWORD_VARIABLE]: env[TARGET_PASSWORD_VARIABLE] }),
  };
}

async function withBackends<T>(
  openSource: () => Promise<{ backend: Backend }>,
  openTarget: () => Promise<{ backend: Backend }>,
  work: (source: Backend, target: Backend) => Promise<T>,
): Promise<T> {
  const { backend: source } = await openSource();
  try {
    const { backend: target } = await openTarget();
    try {
      return await work(source, target);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** One line rewritten in place on a terminal; nothing when standard error is a file or a pipe. */
function terminalProgress() {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update: (done: number, total: number | null) => {
      const now = performance.now();
      if (!tty || now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\rcopied ${done}${total === null ? '' : ` of ${total}`} records`);
    },
    end: () => {
      if (shown) process.stderr.write('\n');
      shown = false;
    },
  };
}

function describeReport(report: CopyReport): string {
  if (report.dryRun) {
    const kept = `cannot keep: ${report.cannotKeep.metadata} with metadata, ${report.cannotKeep.ttl} with their own TTL`;
    return `dry run: ${report.records} records in ${report.tables} table(s) would be copied from ${report.source} to ${report.target}, ${report.existing} keys exist there; ${kept}; ${report.skippedExpired} expired left behind; nothing written`;
  }
  const rate = report.ms > 0 ? Math.round((report.records / report.ms) * 1000) : report.records;
  const how = report.atomic ? 'in one transaction' : `batch by batch (${report.batches} batches)`;
  const dropped =
    report.dropped.metadata + report.dropped.ttl > 0
      ? `; dropped: metadata of ${report.dropped.metadata}, TTL of ${report.dropped.ttl} record(s)`
      : '';
  return `copied ${report.records} records from ${report.source} to ${report.target} ${how}: ${report.written} new, ${report.overwritten} overwritten, ${report.skippedExisting} skipped (existing), ${report.skippedExpired} skipped (expired)${dropped}; ${report.tables} table(s), ${report.ms} ms (${rate} records/s)`;
}
