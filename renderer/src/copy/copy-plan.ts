/**
 * What the Copy to another store dialog asks and shows, as plain functions (docs/import-export.md, "Copy
 * between stores"): the scopes the window can copy, the store.copyTo argument the form makes, and the words of
 * its report, its refusal and its cancel. The wording of what a store cannot keep is the one of
 * electron/common/backend-refusals.ts, never the page's own.
 */
import type { CallArg, CallResult } from '../../../electron/api/contract/calls.js';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import { refusalReason } from '../../../electron/common/backend-refusals.js';
import type { ConflictPolicy } from '../transfer/import-phase.js';
import { plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';

export type CopyArg = CallArg<'store.copyTo'>;
export type CopyReport = CallResult<'store.copyTo'>;
export type CopyChoice = 'table' | 'filter' | 'database' | 'all';

/** The open store as the window shows it when Copy is chosen: the source. */
export interface CopySource {
  /** The store's name as shown (a path, or a URL with its password masked). */
  display: string;
  namespace: Namespace;
  filter: Filter;
  filtering: boolean;
  /** Records the filter matches. */
  matching: number;
  /** Live records: the table's, its database's, the store's, when known. */
  tableCount: number | undefined;
  databaseCount: number | undefined;
  storeRecords: number | undefined;
  /** What the source's records may carry, so the dialog can say ahead what a target would not keep. */
  carries: { metadata: boolean; expiry: boolean };
}

export interface CopyScopeOption {
  choice: CopyChoice;
  label: string;
  count: number | undefined;
}

/** Where the copy goes, as the form holds it. */
export interface CopyTargetDraft {
  url: string;
  password: string;
  /** A connection the host saved, chosen from the list: its password stays with the host. */
  savedId: string | undefined;
  database: string;
  table: string;
}

export interface CopyOptions {
  policy: ConflictPolicy;
  /** Copy a record carrying what the target cannot keep without it (counted), instead of refusing the copy. */
  dropLosses: boolean;
}

export const COPY_POLICY_LABELS: Record<ConflictPolicy, string> = {
  overwrite: 'Overwrite it',
  skip: 'Keep the existing record (skip)',
  fail: 'Copy nothing (fail)',
};

export function copyScopeOptions(source: CopySource): CopyScopeOption[] {
  const { database, table } = source.namespace;
  const options: CopyScopeOption[] = [
    { choice: 'table', label: `The table ${database} / ${table}`, count: source.tableCount },
  ];
  if (source.filtering) {
    options.push({ choice: 'filter', label: 'The records matching the filter', count: source.matching });
  }
  options.push(
    { choice: 'database', label: `Every table of the database ${database}`, count: source.databaseCount },
    { choice: 'all', label: 'The whole store (every database and table)', count: source.storeRecords },
  );
  return options;
}

/** The filter the user set up, when there is one; else the table. */
export function defaultCopyChoice(source: CopySource): CopyChoice {
  return source.filtering ? 'filter' : 'table';
}

/** The target's database and table, as the source names them (a whole store keeps every name: none asked). */
export function defaultPlace(choice: CopyChoice, namespace: Namespace): { database: string; table: string } {
  switch (choice) {
    case 'table':
    case 'filter':
      return { ...namespace };
    case 'database':
      return { database: namespace.database, table: '' };
    case 'all':
      return { database: '', table: '' };
  }
}

/** Whether the choice copies one table, so the target's table can be named. */
export function namesTable(choice: CopyChoice): boolean {
  return choice === 'table' || choice === 'filter';
}

/** Why the form cannot start yet, or undefined when it can. */
export function copyFormProblem(target: CopyTargetDraft, choice: CopyChoice): string | undefined {
  if (target.savedId === undefined && target.url.trim() === '') return 'Give the target’s server URL';
  if (namesTable(choice) && (target.database.trim() === '' || target.table.trim() === '')) {
    return 'Name the database and table to copy into';
  }
  if (choice === 'database' && target.database.trim() === '') return 'Name the database to copy into';
  return undefined;
}

export function copyArg(
  taskId: string,
  source: CopySource,
  choice: CopyChoice,
  target: CopyTargetDraft,
  options: CopyOptions,
): CopyArg {
  const { database, table } = source.namespace;
  const scope: CopyArg['scope'] =
    choice === 'all'
      ? { kind: 'all' }
      : choice === 'database'
        ? { kind: 'database', database }
        : { kind: 'table', database, table, filter: choice === 'filter' ? source.filter : {} };
  const toDatabase = target.database.trim();
  const toTable = target.table.trim();
  return {
    taskId,
    to:
      target.savedId !== undefined
        ? { saved: target.savedId }
        : { url: target.url.trim(), ...(target.password === '' ? {} : { password: target.password }) },
    scope,
    ...(toDatabase === '' ? {} : { toDatabase }),
    ...(namesTable(choice) && toTable !== '' ? { toTable } : {}),
    policy: options.policy,
    dropMetadata: options.dropLosses,
    dropTtl: options.dropLosses,
    dryRun: false,
  };
}

/** The target's capabilities and refusals, as a connection test answers them. */
interface TargetSurvey {
  capabilities: { metadata: boolean; perRecordExpiry: boolean };
  refusals: { metadata?: string | undefined; perRecordExpiry?: string | undefined };
}

/** What the tested target cannot keep of what the source's records may carry: the one wording of each. */
export function targetLosses(source: CopySource, target: TargetSurvey): string[] {
  const losses: string[] = [];
  if (source.carries.metadata && !target.capabilities.metadata) {
    losses.push(target.refusals.metadata ?? 'the target keeps no metadata');
  }
  if (source.carries.expiry && !target.capabilities.perRecordExpiry) {
    losses.push(target.refusals.perRecordExpiry ?? 'the target keeps no per-record expiry');
  }
  return losses;
}

/** The report's lines on what the target could not keep: each the one wording, with what was done instead. */
export function keptNotLines(report: CopyReport): string[] {
  const lines: string[] = [];
  const { metadata, ttl } = report.dropped;
  if (metadata > 0) {
    const reason = refusalReason(report.targetKind, 'metadata') ?? 'the target keeps no metadata';
    lines.push(`${reason}: ${plural(metadata, 'record')} copied without ${metadata === 1 ? 'its' : 'their'} metadata`);
  }
  if (ttl > 0) {
    const reason = refusalReason(report.targetKind, 'perRecordExpiry') ?? 'the target keeps no per-record expiry';
    lines.push(`${reason}: ${plural(ttl, 'record')} copied without ${ttl === 1 ? 'its' : 'their'} own expiry`);
  }
  return lines;
}

/** The host's refusal without the command line's flag (the dialog's own button says what it does). */
export function refusedText(message: string): string {
  return message.replace(/; --drop-(metadata|ttl) copies them without it\)/g, ')');
}

/**
 * What a cancel left in the target, from the host's answer: a transaction left nothing; a target without one
 * keeps the batches written before the cancel, and the host's sentence counts them.
 */
export function cancelledText(message: string, target: string): string {
  const partial = /\(not atomic: (.+)\)$/.exec(message)?.[1];
  if (partial === undefined || partial === 'nothing was written') return `Nothing was written into ${target}.`;
  return `${target} has no transaction: ${partial}.`;
}

/** The target as the dialog names it: the tested server's display, else the URL as typed (no password in it). */
export function targetName(target: CopyTargetDraft, savedName: string | undefined, tested: string | undefined) {
  if (target.savedId !== undefined && savedName !== undefined) return savedName;
  return tested ?? target.url.trim();
}
