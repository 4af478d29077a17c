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
import {
  type DropAdvice,
  type KeepChoice,
  keepChoice,
  noUnheldKeys,
  refuseOversize,
  refuseUnheld,
  refuseUnkept,
  tallyUnheldKeys,
  type UnheldKeys,
} from './target-refusals.js';

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
    /** Why the server cannot hold keys (BackendEditing.unheldKeys): asked of every key before writing. */
    unheldKeys?(namespace: Namespace, keys: readonly string[]): Promise<string[]>;
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
  /** The source table's live and expired records as `databases()` counted them; absent where it gave none. */
  listed?: { live: number; expired: number };
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
  const choice = keepChoiceOf(options);
  if (options.dryRun) {
    const checked = await checkPass(options, routes, filter, size, choice, true);
    refuseUnheld(checked.unheld, 'record(s)');
    return finish({ ...report, ...checked.tally, records: checked.records, existing: checked.existing }, started);
  }
  const editing = editingOf(target);
  const atomic = editing.transaction !== undefined;
  // A `fail` policy without a transaction must find every conflict first: none would undo one found halfway.
  const findExisting = !atomic && options.policy === 'fail';
  const sized = editing.oversize !== undefined || editing.unheldKeys !== undefined;
  if (findExisting || sized || choice.metadata === 'refused' || choice.expiry === 'refused') {
    const checked = await checkPass(options, routes, filter, size, choice, findExisting);
    if (checked.existing > 0) {
      throw new StoreInputError(
        `${checked.existing} key(s) already exist in ${target.display} and the conflict policy is fail: nothing was written`,
      );
    }
    const { metadata, ttl } = checked.tally.cannotKeep;
    refuseUnkept(choice.refusals, { metadata, expiry: ttl }, 'record(s)', DROP_ADVICE, checked.unheld);
  }
  report.atomic = atomic;
  let done = 0;
  const write = async (tx: CopyWriting) => {
    for (const route of routes) await tx.createTable(route.to);
    for (const route of routes) {
      for await (const batch of sourceBatches(source, route, filter, size, options.signal)) {
        const records = batch.map((record) => inputOf(record, choice, report));
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
  const froms: ListedTable[] = scope.kind === 'table' ? [scope.namespace] : await sourceTables(source, scope);
  if (scope.kind !== 'table' && to?.table && froms.length > 1) {
    throw new StoreInputError(
      `the source has ${froms.length} tables: copy them into a database (--to-database), or choose one table (-d/-t) to copy into --to-table`,
    );
  }
  const routes = froms.map(({ listed, ...from }) => ({
    from,
    to: { database: to?.database || from.database, table: to?.table || from.table },
    ...(listed === undefined ? {} : { listed }),
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

type ListedTable = Namespace & Pick<Route, 'listed'>;

/** The tables the scope names, with the counts the listing gave (a server's estimate is no count). */
async function sourceTables(source: CopySource, scope: CopyScope): Promise<ListedTable[]> {
  const databases = (await source.reading.databases()).filter(
    ({ database }) => scope.kind !== 'database' || database === scope.database,
  );
  if (scope.kind === 'database' && databases.length === 0) {
    throw new StoreInputError(`${source.display} has no database ${JSON.stringify(scope.database)}`);
  }
  return databases.flatMap(({ database, tables }) =>
    tables.map(({ table, count, expired, estimated }) => ({
      database,
      table,
      ...(estimated === true ? {} : { listed: { live: count, expired } }),
    })),
  );
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
    cannotKeep: noLosses(),
    dropped: noLosses(),
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
  // A table the listing counted (a whole one: no filter) is not counted again.
  for (const { from, listed } of routes) {
    total += listed?.live ?? (await source.reading.count(from, filter));
    // NATS and Redis drop expired records themselves; the others keep them until purged.
    if (source.capabilities.perRecordExpiry) {
      report.skippedExpired += listed?.expired ?? (await source.reading.count(from, { ...filter, expiry: 'expired' }));
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

/** What the source carries that the target cannot keep, and why, after the user's --drop-metadata and --drop-ttl. */
function keepChoiceOf({ source, target, dropMetadata, dropTtl }: CopyBetweenOptions): KeepChoice {
  const lost = (feature: 'metadata' | 'perRecordExpiry') =>
    !target.capabilities[feature] && source.capabilities[feature];
  const refusals = {
    ...(lost('metadata') ? { metadata: refusalReason(target.kind, 'metadata') ?? 'the target keeps no metadata' } : {}),
    ...(lost('perRecordExpiry')
      ? { perRecordExpiry: refusalReason(target.kind, 'perRecordExpiry') ?? 'the target keeps no per-record expiry' }
      : {}),
  };
  return keepChoice(refusals, { metadata: dropMetadata, expiry: dropTtl });
}

/** What the checking pass found: records read, keys the target has (when asked for), and what they carry. */
interface Checked {
  records: number;
  existing: number;
  tally: Pick<CopyReport, 'cannotKeep' | 'dropped'>;
  unheld: UnheldKeys;
}

/**
 * Reads the source once without writing: asks the target about each record it cannot take whole, counts the
 * records carrying what it cannot keep, and, with `findExisting`, the keys that exist (fetched, so only for a
 * dry run's report or a `fail` policy no transaction would undo).
 */
async function checkPass(
  options: CopyBetweenOptions,
  routes: Route[],
  filter: RecordFilter,
  size: number,
  choice: KeepChoice,
  findExisting: boolean,
): Promise<Checked> {
  const { source, target } = options;
  const present = findExisting ? await targetTables(target) : undefined;
  const checked: Checked = {
    records: 0,
    existing: 0,
    tally: { cannotKeep: noLosses(), dropped: noLosses() },
    unheld: noUnheldKeys(),
  };
  for (const route of routes) {
    const hasTable = present?.has(namespaceKey(route.to.database, route.to.table)) ?? false;
    for await (const batch of sourceBatches(source, route, filter, size, options.signal)) {
      const inputs = batch.map((record) => inputOf(record, choice, checked.tally));
      refuseOversize(target.editing, route.to, inputs, (input) => input);
      await tallyUnheldKeys(target.editing, route.to, keysOf(batch), checked.unheld);
      if (hasTable) checked.existing += (await target.reading.recordsByKey(route.to, keysOf(batch))).length;
      checked.records += batch.length;
    }
  }
  return checked;
}

function keysOf(records: readonly StoreRecord[]): string[] {
  return records.map((record) => record.key);
}

function noLosses(): CopyLosses {
  return { metadata: 0, ttl: 0 };
}

/** The target's tables, where it lists them (Redis does not: every key is checked). */
async function targetTables(target: CopyTarget): Promise<{ has(id: string): boolean }> {
  if (!target.capabilities.listsTables) return { has: () => true };
  const databases = await target.reading.databases();
  return new Set(databases.flatMap(({ database, tables }) => tables.map(({ table }) => namespaceKey(database, table))));
}

const DROP_ADVICE: DropAdvice = {
  metadata: '; --drop-metadata copies them without it',
  expiry: '; --drop-ttl copies them without it',
};

/**
 * The record as the target gets it: without what the user chose to drop. `tally` counts the records carrying
 * what the target cannot keep, and what was dropped of them.
 */
function inputOf(
  record: StoreRecord,
  choice: KeepChoice,
  tally: Pick<CopyReport, 'cannotKeep' | 'dropped'>,
): RecordInput {
  const input: RecordInput = { key: record.key, value: record.value, metadata: record.metadata, expiry: record.expiry };
  if (choice.metadata !== 'kept' && Object.keys(record.metadata).length > 0) {
    tally.cannotKeep.metadata++;
    if (choice.metadata === 'dropped') {
      input.metadata = {};
      tally.dropped.metadata++;
    }
  }
  if (choice.expiry !== 'kept' && record.expiry > 0) {
    tally.cannotKeep.ttl++;
    if (choice.expiry === 'dropped') {
      input.expiry = 0;
      tally.dropped.ttl++;
    }
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
