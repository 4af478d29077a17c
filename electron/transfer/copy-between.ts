/**
 * Copies records from any store into any store that can write (`micro store sync`, done right;
 * docs/import-export.md, "Copy between stores"). The source is read batch by batch in key order
 * (reading.recordBatch), the target written through its editing part: inside one transaction where it has one
 * (Postgres, MySQL, SQLite: a failure or a cancel leaves nothing), else batch by batch (Redis, NATS: a failure
 * says how many batches were already written). What the target cannot keep (metadata on Redis and MySQL, a
 * record's own expiry on NATS) is refused before anything is written unless the user chose to drop it, and
 * what was dropped is counted: never a silent loss.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type BackendKind, RefusedError, refusalReason } from '../common/backend-refusals.js';
import { namespaceKey } from '../common/namespace-key.js';
import { partlyWritten } from '../common/partial-writes.js';
import type { BulkWriteReport, ConflictPolicy } from '../store/bulk-writes.js';
import type { DatabaseInfo } from '../store/namespace-counts.js';
import type { Namespace } from '../store/namespaces.js';
import type { RecordFilter } from '../store/record-filter.js';
import { type RecordInput, StoreInputError, type StoreRecord } from '../store/types.js';

/** What a copy reads: a Backend (electron/backends/backend.ts) fits; named here, as the layers keep it apart. */
export interface CopySource {
  readonly display: string;
  readonly capabilities: {
    readonly listsTables: boolean;
    readonly perRecordExpiry: boolean;
    readonly metadata: boolean;
  };
  readonly reading: {
    databases(): Promise<DatabaseInfo[]>;
    count(namespace: Namespace, filter: RecordFilter): Promise<number>;
    recordBatch(
      namespace: Namespace,
      filter: RecordFilter,
      after: string | undefined,
      limit: number,
    ): Promise<StoreRecord[]>;
  };
}

/** Table creation and many-record writes: a backend's editing part, or the same inside its transaction. */
export interface CopyWriting {
  createTable(namespace: Namespace): Promise<void>;
  writeMany(namespace: Namespace, records: RecordInput[], policy: ConflictPolicy): Promise<BulkWriteReport>;
}

/** What a copy writes into: a Backend fits (its `editing.transaction` where it has one). */
export interface CopyTarget extends CopySource {
  readonly kind: BackendKind;
  readonly reading: CopySource['reading'] & {
    recordsByKey(namespace: Namespace, keys: string[]): Promise<StoreRecord[]>;
  };
  readonly editing?: CopyWriting & {
    transaction?<T>(work: (tx: CopyWriting) => Promise<T>): Promise<T>;
    /** Why the server cannot take a record (BackendEditing.oversize): asked of every record before writing. */
    oversize?(namespace: Namespace, record: RecordInput): string | undefined;
  };
}

const BATCH = 1_000;

/** What to copy: one table (optionally filtered), every table of one database, or every table the source lists. */
export type CopyScope =
  | { kind: 'table'; namespace: Namespace; filter?: RecordFilter }
  | { kind: 'database'; database: string }
  | { kind: 'all' };

export interface CopyBetweenOptions {
  source: CopySource;
  target: CopyTarget;
  scope: CopyScope;
  /** Where tables land: the same names by default; a database for all, a database and table for one. */
  to?: { database?: string; table?: string };
  policy?: ConflictPolicy;
  /** Copy records carrying metadata the target cannot keep, without it (counted in the report). */
  dropMetadata?: boolean;
  /** Copy records carrying their own expiry the target cannot keep, without it (counted). */
  dropTtl?: boolean;
  /** Read everything, count what a copy would do, write nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** `total` is null where the source cannot count cheaply (Redis). */
  onProgress?(done: number, total: number | null): void;
  batchSize?: number;
}

/** Records of the source carrying what the target cannot keep. */
export interface CopyLosses {
  metadata: number;
  ttl: number;
}

export interface CopyReport {
  source: string;
  target: string;
  tables: number;
  /** Live records read from the source. */
  records: number;
  written: number;
  overwritten: number;
  skippedExisting: number;
  /** Expired records the source still held, left behind. */
  skippedExpired: number;
  /** Records that carried what the target cannot keep (refused unless dropped). */
  cannotKeep: CopyLosses;
  /** Of those, copied without it because the user chose so. */
  dropped: CopyLosses;
  /** Under a dry run: keys that exist in the target already. */
  existing: number;
  /** The whole copy committed in one transaction. */
  atomic: boolean;
  batches: number;
  dryRun: boolean;
  ms: number;
}

interface Route {
  from: Namespace;
  to: Namespace;
}

/** A table's batches in key order, with the filter the scope gives (expired records are never read). */
async function* sourceBatches(
  source: CopySource,
  route: Route,
  filter: RecordFilter,
  size: number,
  signal?: AbortSignal,
) {
  const read = (after: string | undefined) => {
    const batch = source.reading.recordBatch(route.from, filter, after, size);
    // A read still under way when the copy stops (a failure, a cancel) must not become an unhandled rejection.
    batch.catch(() => undefined);
    return batch;
  };
  // The event loop runs between batches, so a cancel gets in even when both stores answer in this thread.
  await nextTurn();
  signal?.throwIfAborted();
  let pending: Promise<StoreRecord[]> = read(undefined);
  for (;;) {
    const batch = await pending;
    const full = batch.length === size;
    // The next batch is read while the caller writes this one (a server or the store threads answer apart).
    if (full) pending = read(batch.at(-1)?.key);
    if (batch.length > 0) yield batch;
    if (!full) return;
    await nextTurn();
    signal?.throwIfAborted();
  }
}

export async function copyBetween(options: CopyBetweenOptions): Promise<CopyReport> {
  const started = performance.now();
  const { source, target } = options;
  const filter = liveFilter(options.scope);
  const routes = await routesOf(options);
  const report = emptyReport(options, routes.length);
  const size = options.batchSize ?? BATCH;
  const total = await countSource(source, routes, filter, report);
  const editing = options.dryRun ? undefined : editingOf(target);
  const atomic = editing?.transaction !== undefined;
  const losses = lossesOf(target, options);
  const sized = target.editing?.oversize !== undefined;
  if (options.dryRun || sized || losses.refuseMetadata || losses.refuseTtl || (!atomic && options.policy === 'fail')) {
    await checkPass(options, routes, filter, size, report, losses);
  }
  if (editing === undefined) return finish(report, started);
  refuseLosses(target, report.cannotKeep, losses);
  report.atomic = atomic;
  report.cannotKeep = { metadata: 0, ttl: 0 };
  let done = 0;
  const write = async (tx: CopyWriting) => {
    for (const route of routes) await tx.createTable(route.to);
    for (const route of routes) {
      for await (const batch of sourceBatches(source, route, filter, size, options.signal)) {
        const records = batch.map((record) => inputOf(record, losses, report));
        add(report, await tx.writeMany(route.to, records, options.policy ?? 'overwrite'));
        report.records += batch.length;
        report.batches++;
        done += batch.length;
        options.onProgress?.(done, total);
      }
    }
    // A cancel during the last batch still wins over the commit.
    options.signal?.throwIfAborted();
  };
  if (editing.transaction !== undefined) await editing.transaction(write);
  else await write(editing).catch((error: unknown) => Promise.reject(notedPartial(error, report)));
  return finish(report, started);
}

/** Expired records are never copied: a scope asking for them is refused, `all` means the live ones. */
function liveFilter(scope: CopyScope): RecordFilter {
  if (scope.kind !== 'table') return {};
  const filter = scope.filter ?? {};
  if (filter.expiry === 'expired') {
    throw new StoreInputError('expired records are not copied: choose live records (the expiry filter)');
  }
  if (filter.expiry !== 'all') return filter;
  const { expiry: _all, ...live } = filter;
  return live;
}

async function routesOf({ source, target, scope, to }: CopyBetweenOptions): Promise<Route[]> {
  const froms = scope.kind === 'table' ? [scope.namespace] : await sourceTables(source, scope);
  if (scope.kind !== 'table' && to?.table && froms.length > 1) {
    throw new StoreInputError(
      `the source has ${froms.length} tables: copy them into a database (--to-database), or choose one table (-d/-t) to copy into --to-table`,
    );
  }
  const routes = froms.map((from) => ({
    from,
    to: { database: to?.database || from.database, table: to?.table || from.table },
  }));
  const onto = routes.find(
    (route) => namespaceKey(route.from.database, route.from.table) === namespaceKey(route.to.database, route.to.table),
  );
  if (source.display === target.display && onto !== undefined) {
    throw new StoreInputError(
      `${onto.from.database}/${onto.from.table} would be copied onto itself: name another table or store to copy into`,
    );
  }
  return routes;
}

async function sourceTables(source: CopySource, scope: CopyScope): Promise<Namespace[]> {
  const databases = (await source.reading.databases()).filter(
    ({ database }) => scope.kind !== 'database' || database === scope.database,
  );
  if (scope.kind === 'database' && databases.length === 0) {
    throw new StoreInputError(`${source.display} has no database ${JSON.stringify(scope.database)}`);
  }
  return databases.flatMap(({ database, tables }) => tables.map(({ table }) => ({ database, table })));
}

function emptyReport(options: CopyBetweenOptions, tables: number): CopyReport {
  return {
    source: options.source.display,
    target: options.target.display,
    tables,
    records: 0,
    written: 0,
    overwritten: 0,
    skippedExisting: 0,
    skippedExpired: 0,
    cannotKeep: { metadata: 0, ttl: 0 },
    dropped: { metadata: 0, ttl: 0 },
    existing: 0,
    atomic: false,
    batches: 0,
    dryRun: options.dryRun ?? false,
    ms: 0,
  };
}

/**
 * The source's live records (the progress total) and the expired ones it still holds (left behind), where
 * it can count them: a store that lists its tables counts them on the server; Redis would need a full SCAN.
 */
async function countSource(source: CopySource, routes: Route[], filter: RecordFilter, report: CopyReport) {
  if (!source.capabilities.listsTables) return null;
  let total = 0;
  for (const { from } of routes) {
    total += await source.reading.count(from, filter);
    // NATS and Redis drop expired records themselves; the others keep them until purged.
    if (source.capabilities.perRecordExpiry) {
      report.skippedExpired += await source.reading.count(from, { ...filter, expiry: 'expired' });
    }
  }
  return total;
}

function editingOf(target: CopyTarget): NonNullable<CopyTarget['editing']> {
  if (target.editing === undefined) {
    const reason = refusalReason(target.kind, 'editing') ?? `${target.display} is open read-only`;
    throw new RefusedError('editing', reason);
  }
  return target.editing;
}

interface Losses {
  /** The target cannot keep it and the user did not choose to drop it: a record carrying it refuses the copy. */
  refuseMetadata: boolean;
  refuseTtl: boolean;
  dropMetadata: boolean;
  dropTtl: boolean;
}

function lossesOf(target: CopyTarget, options: CopyBetweenOptions): Losses {
  const noMetadata = !target.capabilities.metadata && options.source.capabilities.metadata;
  const noTtl = !target.capabilities.perRecordExpiry && options.source.capabilities.perRecordExpiry;
  return {
    refuseMetadata: noMetadata && !options.dropMetadata,
    refuseTtl: noTtl && !options.dropTtl,
    dropMetadata: noMetadata && (options.dropMetadata ?? false),
    dropTtl: noTtl && (options.dropTtl ?? false),
  };
}

/**
 * Reads the source once without writing: counts the records carrying what the target cannot keep, and (for a
 * dry run, or a `fail` policy where no transaction would undo a conflict found halfway) the keys that exist.
 */
async function checkPass(
  options: CopyBetweenOptions,
  routes: Route[],
  filter: RecordFilter,
  size: number,
  report: CopyReport,
  losses: Losses,
): Promise<void> {
  const { source, target } = options;
  const present = await targetTables(target);
  const sized = target.editing?.oversize !== undefined;
  // inputOf counts what it drops; the writing pass counts that, this one only looks.
  const scratch: CopyReport = { ...report, dropped: { metadata: 0, ttl: 0 } };
  let existing = 0;
  for (const route of routes) {
    const hasTable = present.has(namespaceKey(route.to.database, route.to.table));
    for await (const batch of sourceBatches(source, route, filter, size, options.signal)) {
      for (const record of batch) {
        if (sized) refuseOversize(target, route.to, inputOf(record, losses, scratch));
        if (!target.capabilities.metadata && Object.keys(record.metadata).length > 0) report.cannotKeep.metadata++;
        if (!target.capabilities.perRecordExpiry && record.expiry > 0) report.cannotKeep.ttl++;
      }
      if (hasTable) {
        existing += (
          await target.reading.recordsByKey(
            route.to,
            batch.map((record) => record.key),
          )
        ).length;
      }
      if (options.dryRun) report.records += batch.length;
    }
  }
  report.existing = existing;
  if (options.dryRun) {
    if (losses.dropMetadata) report.dropped.metadata = report.cannotKeep.metadata;
    if (losses.dropTtl) report.dropped.ttl = report.cannotKeep.ttl;
    return;
  }
  if ((options.policy ?? 'overwrite') === 'fail' && existing > 0) {
    throw new StoreInputError(
      `${existing} key(s) already exist in ${target.display} and the conflict policy is fail: nothing was written`,
    );
  }
}

/** A record the target cannot take whole refuses the copy before anything is written (BackendEditing.oversize). */
function refuseOversize(target: CopyTarget, to: Namespace, record: RecordInput): void {
  const why = target.editing?.oversize?.(to, record);
  if (why !== undefined) throw new StoreInputError(why);
}

/** The target's tables, where it lists them (Redis does not: every key is checked). */
async function targetTables(target: CopyTarget): Promise<{ has(id: string): boolean }> {
  if (!target.capabilities.listsTables) return { has: () => true };
  const databases = await target.reading.databases();
  return new Set(databases.flatMap(({ database, tables }) => tables.map(({ table }) => namespaceKey(database, table))));
}

function refuseLosses(target: CopyTarget, cannotKeep: CopyLosses, losses: Losses): void {
  const metadata = refusalReason(target.kind, 'metadata');
  if (losses.refuseMetadata && cannotKeep.metadata > 0) {
    throw new RefusedError(
      'metadata',
      `${metadata ?? 'the target keeps no metadata'} (${cannotKeep.metadata} record(s) carry some; --drop-metadata copies them without it)`,
    );
  }
  const ttl = refusalReason(target.kind, 'perRecordExpiry');
  if (losses.refuseTtl && cannotKeep.ttl > 0) {
    throw new RefusedError(
      'perRecordExpiry',
      `${ttl ?? 'the target keeps no per-record expiry'} (${cannotKeep.ttl} record(s) carry their own expiry; --drop-ttl copies them without it)`,
    );
  }
}

/** The record as the target gets it: without what the user chose to drop, counted. */
function inputOf(record: StoreRecord, losses: Losses, report: CopyReport): RecordInput {
  const input: RecordInput = { key: record.key, value: record.value, metadata: record.metadata, expiry: record.expiry };
  if (losses.dropMetadata && Object.keys(record.metadata).length > 0) {
    input.metadata = {};
    report.dropped.metadata++;
  }
  if (losses.dropTtl && record.expiry > 0) {
    input.expiry = 0;
    report.dropped.ttl++;
  }
  return input;
}

function add(report: CopyReport, written: BulkWriteReport): void {
  report.written += written.written;
  report.overwritten += written.overwritten;
  report.skippedExisting += written.skipped;
}

/**
 * A target without a transaction keeps the batches written before a failure, and the records of the failing
 * batch written before it (partial-writes.ts): the error says how many records stayed, each whole.
 */
function notedPartial(error: unknown, report: CopyReport): unknown {
  if (!(error instanceof Error)) return error;
  const kept = report.written + report.overwritten + partlyWritten(error);
  // A cancel's or a backend's own words ("nothing was written", "N of M records were written whole before
  // it") speak of one call: the copy's count of what stayed replaces them.
  const said = error.message
    .replace(/: nothing was written$/, '')
    .replace(/; \d+ of \d+ records were written whole before it, none in part$/, '');
  error.message =
    kept === 0
      ? `${said} (not atomic: nothing was written)`
      : `${said} (not atomic: ${kept} record(s) were written whole before it stopped, none in part)`;
  return error;
}

function finish(report: CopyReport, started: number): CopyReport {
  return { ...report, ms: Math.round(performance.now() - started) };
}
