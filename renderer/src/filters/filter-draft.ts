import type { Filter } from '../../../electron/api/contract/schemas.js';
import { parseDuration } from '../shared/duration.js';

export type ExpiryChoice = 'live' | 'has-ttl' | 'expiring' | 'no-ttl' | 'expired' | 'all';

/** The filter inputs as typed; the grid gets the Filter they make. */
export interface FilterDraft {
  prefix: string;
  suffix: string;
  contains: string;
  metadata: string;
  expiry: ExpiryChoice;
  /** For `expiring`: a duration such as 5m. */
  within: string;
}

export const EMPTY_DRAFT: FilterDraft = {
  prefix: '',
  suffix: '',
  contains: '',
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

export interface MetadataMatch {
  field: string;
  value: string;
}

/** `field=value` pairs, separated by commas or new lines; what cannot be read is reported. */
export function parseMetadataFilter(text: string): { matches: MetadataMatch[]; problems: string[] } {
  const matches: MetadataMatch[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const entry = part.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    const field = equals < 0 ? '' : entry.slice(0, equals).trim();
    if (field === '') problems.push(`"${entry}" is not field=value`);
    else matches.push({ field, value: entry.slice(equals + 1).trim() });
  }
  return { matches, problems };
}

/** The contract's Filter for a draft, and what in the draft could not be used. */
export function toFilter(draft: FilterDraft): { filter: Filter; problems: string[] } {
  const filter: Filter = {};
  if (draft.prefix !== '') filter.prefix = draft.prefix;
  if (draft.suffix !== '') filter.suffix = draft.suffix;
  if (draft.contains !== '') filter.contains = draft.contains;
  const metadata = parseMetadataFilter(draft.metadata);
  if (metadata.matches.length > 0) filter.metadata = metadata.matches;
  const problems = [...metadata.problems];
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

export function isFiltering(draft: FilterDraft): boolean {
  return (
    draft.prefix !== '' ||
    draft.suffix !== '' ||
    draft.contains !== '' ||
    draft.metadata.trim() !== '' ||
    draft.expiry !== 'live'
  );
}

/** Whether expired records (not yet purged) are in the grid: "Show expired" is on. */
export function showsExpired(expiry: ExpiryChoice): boolean {
  return expiry === 'all' || expiry === 'expired';
}
