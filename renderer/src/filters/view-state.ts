/**
 * What the records pane shows (table, filters, order) as text: the hash of the page's address in
 * browser mode, so a view can be shared as a link, and the last view of each store in the desktop
 * app (docs/renderer.md, A view in the address). Only what differs from the defaults is written.
 */
import { SORT_COLUMNS, type SortColumn } from '../../../electron/common/sort-columns.js';
import type { SortOrder } from '../grid/record-query.js';
import type { Namespace } from '../ui/namespace.js';
import { EMPTY_DRAFT, EXPIRY_CHOICES, type ExpiryChoice, type FilterDraft } from './filter-draft.js';

export interface ViewState {
  /** Undefined: the store's default table. */
  namespace: Namespace | undefined;
  draft: FilterDraft;
  order: SortOrder;
  /** The column the rows are sorted by (`order` is its direction). */
  sort: SortColumn;
}

export const DEFAULT_VIEW: ViewState = { namespace: undefined, draft: EMPTY_DRAFT, order: 'asc', sort: 'key' };

/** Far longer than any key or name a store takes: more than this in a link is noise, not a view. */
const MAX_TEXT = 4_096;

const TEXT_FIELDS = ['prefix', 'contains', 'suffix', 'value', 'metadata'] as const;

export function encodeView(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.namespace !== undefined) {
    params.set('db', view.namespace.database);
    params.set('table', view.namespace.table);
  }
  for (const field of TEXT_FIELDS) if (view.draft[field] !== '') params.set(field, view.draft[field]);
  if (!view.draft.valueMatchCase) params.set('valuecase', 'insensitive');
  if (view.draft.expiry !== EMPTY_DRAFT.expiry) params.set('expiry', view.draft.expiry);
  if (view.draft.expiry === 'expiring') params.set('within', view.draft.within);
  if (view.sort !== 'key') params.set('sort', view.sort);
  if (view.order !== 'asc') params.set('order', view.order);
  return params.toString();
}

/**
 * The view a text describes, leaving out (and naming) whatever is not valid: a link typed by hand or
 * made by another version never breaks the page.
 */
export function decodeView(text: string): { view: ViewState; problems: string[] } {
  const params = new URLSearchParams(text.replace(/^#/, ''));
  const problems: string[] = [];
  const draft: FilterDraft = { ...EMPTY_DRAFT };
  let order: SortOrder = 'asc';
  let sort: SortColumn = 'key';
  for (const [name, value] of params) {
    if (value.length > MAX_TEXT) problems.push(`${name} is too long`);
    else if ((TEXT_FIELDS as readonly string[]).includes(name)) draft[name as (typeof TEXT_FIELDS)[number]] = value;
    else if (name === 'expiry' && isExpiryChoice(value)) draft.expiry = value;
    else if (name === 'within') draft.within = value;
    else if (name === 'valuecase' && (value === 'insensitive' || value === 'sensitive'))
      draft.valueMatchCase = value === 'sensitive';
    else if (name === 'order' && (value === 'asc' || value === 'desc')) order = value;
    else if (name === 'sort' && isSortColumn(value)) sort = value;
    // A secret pasted into the wrong place is named, never shown.
    else if (name === 'token') problems.push('token');
    else if (name !== 'db' && name !== 'table') problems.push(`${name}=${value.slice(0, 40)}`);
  }
  return { view: { namespace: namespaceOf(params, problems), draft, order, sort }, problems };
}

function namespaceOf(params: URLSearchParams, problems: string[]): Namespace | undefined {
  const database = params.get('db');
  const table = params.get('table');
  if (database === null && table === null) return undefined;
  if (database === null || table === null || database === '' || table === '') {
    problems.push('a table needs both db and table');
    return undefined;
  }
  if (database.length > MAX_TEXT || table.length > MAX_TEXT) return undefined;
  return { database, table };
}

function isSortColumn(value: string): value is SortColumn {
  return (SORT_COLUMNS as readonly string[]).includes(value);
}

function isExpiryChoice(value: string): value is ExpiryChoice {
  return EXPIRY_CHOICES.some((choice) => choice.value === value);
}

/** What the user is told about the parts of a view that were left out. */
export function problemNotice(problems: readonly string[], where: string): string | undefined {
  if (problems.length === 0) return undefined;
  return `Ignored in the ${where}: ${problems.join('; ')}`;
}
