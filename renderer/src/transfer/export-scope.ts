import type { CallArg, CallResult } from '../../../electron/api/contract/calls.js';
import type { Filter } from '../../../electron/api/contract/schemas.js';
import type { Namespace } from '../ui/namespace.js';

export type ExportArg = CallArg<'export.run'>;
export type ExportResult = CallResult<'export.run'>;
export type ExportScope = ExportArg['scope'];
export type ExportChoice = 'table' | 'filter' | 'selection' | 'dump';
export type TableFormat = 'array' | 'lines';

/** What the window shows when Export is chosen: the table, its filter, the selection, the store's size. */
export interface ExportContext {
  namespace: Namespace;
  filter: Filter;
  filtering: boolean;
  /** Records the filter matches. */
  matching: number;
  /** The table's live records, when known. */
  tableCount: number | undefined;
  storeRecords: number | undefined;
  /** Keys picked in the grid (not "all matching", which is the filter). */
  selectedKeys: readonly string[];
}

export interface ExportOption {
  choice: ExportChoice;
  label: string;
  count: number | undefined;
}

export const TABLE_FORMATS: { value: TableFormat; label: string; extension: string }[] = [
  { value: 'array', label: 'JSON record array (.json)', extension: 'json' },
  { value: 'lines', label: 'JSON record lines (.ndjson)', extension: 'ndjson' },
];

/** The scopes this window can export, each with how many records it holds. */
export function exportOptions(context: ExportContext): ExportOption[] {
  const { namespace, filtering, selectedKeys } = context;
  const table = `${namespace.database} / ${namespace.table}`;
  const options: ExportOption[] = [{ choice: 'table', label: `The table ${table}`, count: context.tableCount }];
  if (filtering) options.push({ choice: 'filter', label: 'The records matching the filter', count: context.matching });
  if (selectedKeys.length > 0)
    options.push({ choice: 'selection', label: 'The selected records', count: selectedKeys.length });
  options.push({ choice: 'dump', label: 'The whole store (every database and table)', count: context.storeRecords });
  return options;
}

/**
 * The narrowest scope the user has set up: a selection of several records, else the filter, else the
 * table. (Opening a record selects it: one selected record is not a choice to export it alone.)
 */
export function defaultChoice(context: ExportContext): ExportChoice {
  if (context.selectedKeys.length > 1) return 'selection';
  return context.filtering ? 'filter' : 'table';
}

/** The scope asked for, when this window can export it; else the default. */
export function startingChoice(context: ExportContext, asked: ExportChoice | undefined): ExportChoice {
  const offered = exportOptions(context).some((option) => option.choice === asked);
  return asked !== undefined && offered ? asked : defaultChoice(context);
}

export function scopeOf(choice: ExportChoice, context: ExportContext): ExportScope {
  const { database, table } = context.namespace;
  if (choice === 'dump') return { kind: 'dump' };
  if (choice === 'selection') return { kind: 'selection', database, table, keys: [...context.selectedKeys] };
  return { kind: 'table', database, table, filter: choice === 'filter' ? context.filter : {} };
}

export function formatOf(choice: ExportChoice, tableFormat: TableFormat): ExportArg['format'] {
  return choice === 'dump' ? 'dump' : tableFormat;
}

/** A file name that says what is in it: `micro-users.json`, `micro-users-selection.ndjson`, `store.dump.ndjson`. */
export function suggestedName(choice: ExportChoice, tableFormat: TableFormat, namespace: Namespace): string {
  if (choice === 'dump') return 'store.dump.ndjson';
  const extension = TABLE_FORMATS.find((format) => format.value === tableFormat)?.extension ?? 'json';
  const suffix = choice === 'table' ? '' : `-${choice}`;
  const base = `${namespace.database}-${namespace.table}${suffix}`.replace(/[^\w.-]+/g, '_');
  return `${base}.${extension}`;
}
