import type { Filter } from '../../../electron/api/contract/schemas.js';
import {
  fieldEqualityOf,
  type MetadataMatch,
  type MetadataQueryError,
  parseMetadataQuery,
} from '../../../electron/common/metadata-query.js';
import { parseDuration } from '../ui/duration.js';

export type ExpiryChoice = 'live' | 'has-ttl' | 'expiring' | 'no-ttl' | 'expired' | 'all';

/** The filter inputs as typed; the grid gets the Filter they make. */
export interface FilterDraft {
  prefix: string;
  suffix: string;
  contains: string;
  /** Key contains compares case as typed (the "Match case" toggle); off folds ASCII letters. */
  matchCase: boolean;
  /** Value contains: records whose value holds this text (docs/metadata-queries.md, "Value contains"). */
  value: string;
  /** Value contains compares case as typed (its own "Exact case" toggle); off folds ASCII letters. */
  valueMatchCase: boolean;
  metadata: string;
  expiry: ExpiryChoice;
  /** For `expiring`: a duration such as 5m. */
  within: string;
}

export const EMPTY_DRAFT: FilterDraft = {
  prefix: '',
  suffix: '',
  contains: '',
  matchCase: true,
  value: '',
  valueMatchCase: true,
  metadata: '',
  expiry: 'live',
  within: '5m',
};

export const EXPIRY_CHOICES: { value: ExpiryChoice; label: string }[] = [
  { value: 'live', label: 'All live' },
  { value: 'has-ttl', label: 'Has TTL' },
  { value: 'expiring', label: 'Expiring within…' },
  { value: 'no-ttl', label: 'No TTL' },
  { value: 'expired', label: 'Expired only' },
  { value: 'all', label: 'Show expired too' },
];

/**
 * The metadata query (docs/metadata-queries.md), read by the parser main uses too. A top-level equality
 * travels in the old `{field, value}` shape; a query that does not parse sends no metadata condition, and
 * its error (with the offset) is shown at the input rather than among the problems.
 */
export function parseMetadataFilter(text: string): { matches: MetadataMatch[]; error?: MetadataQueryError } {
  const result = parseMetadataQuery(text);
  if (!result.ok) return { matches: [], error: result.error };
  return { matches: result.conditions.map((condition) => fieldEqualityOf(condition) ?? condition) };
}

/** The contract's Filter for a draft, and what in the draft could not be used. */
export function toFilter(draft: FilterDraft): { filter: Filter; problems: string[] } {
  const filter: Filter = {};
  if (draft.prefix !== '') filter.prefix = draft.prefix;
  if (draft.suffix !== '') filter.suffix = draft.suffix;
  if (draft.contains !== '') filter.contains = draft.contains;
  if (draft.contains !== '' && !draft.matchCase) filter.containsCase = 'insensitive';
  if (draft.value !== '') filter.valueContains = draft.value;
  if (draft.value !== '' && !draft.valueMatchCase) filter.valueCase = 'insensitive';
  const metadata = parseMetadataFilter(draft.metadata);
  if (metadata.matches.length > 0) filter.metadata = metadata.matches;
  const problems: string[] = [];
  if (draft.expiry === 'expiring') {
    const within = parseDuration(draft.within);
    if (within === undefined) problems.push(`"${draft.within}" is not a duration (try 30s, 5m, 1h30m)`);
    filter.expiry = 'has-ttl';
    if (within !== undefined) filter.expiringWithinMs = within;
  } else if (draft.expiry !== 'live') {
    filter.expiry = draft.expiry;
  }
  return { filter, problems };
}

/**
 * Why the draft cannot stand for "everything matching", or undefined when every field parses. A field that does
 * not parse is left out of the grid's filter, so the grid shows more than the draft says: acting on all
 * matching records (delete, set a TTL) or claiming their count would act on a filter nobody typed.
 */
export function invalidFilterReason(draft: FilterDraft): string | undefined {
  const metadata = parseMetadataFilter(draft.metadata).error;
  if (metadata !== undefined) return `The Metadata filter does not parse: ${metadata.message}`;
  if (draft.expiry === 'expiring' && parseDuration(draft.within) === undefined) {
    return `The Within filter "${draft.within}" is not a duration`;
  }
  return undefined;
}

export function isFiltering(draft: FilterDraft): boolean {
  return (
    draft.prefix !== '' ||
    draft.suffix !== '' ||
    draft.contains !== '' ||
    draft.value !== '' ||
    draft.metadata.trim() !== '' ||
    draft.expiry !== 'live'
  );
}

/** Whether expired records (not yet purged) are in the grid: "Show expired" is on. */
export function showsExpired(expiry: ExpiryChoice): boolean {
  return expiry === 'all' || expiry === 'expired';
}
