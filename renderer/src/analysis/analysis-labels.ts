import type { ExpiryBucketName, TableAnalysisDto } from '../../../electron/api/contract/analysis-schemas.js';
import type { FilterDraft } from '../filters/filter-draft.js';
import { formatBytes, formatCount, plural } from '../ui/format.js';

/**
 * A value-size bucket as a person reads it: `0 B`, `16 B – 63 B`, `4.0 KB – under 16 KB`, `4.0 MB and more`.
 * Buckets are half-open (`to` is the next bucket's `from`), so the label must not name `to` as if it belonged:
 * below 1 KB the last byte it holds is shown, above it "under" the next bound, as 16 KB - 1 B prints as 16 KB.
 */
export function sizeRangeLabel(from: number, to: number | null): string {
  if (to === null) return `${formatBytes(from)} and more`;
  if (to === from + 1) return formatBytes(from);
  if (to <= 1024) return `${formatBytes(from)} – ${formatBytes(to - 1)}`;
  return `${formatBytes(from)} – under ${formatBytes(to)}`;
}

export const EXPIRY_LABELS: Record<ExpiryBucketName, string> = {
  expired: 'Expired, not yet purged',
  minute: 'Within a minute',
  hour: 'Within an hour',
  day: 'Within a day',
  later: 'Later than a day',
  never: 'Never',
};

/**
 * The grid filter that shows a bucket's records. "Expiring within" counts from now, so the hour's filter also
 * shows the minute's records; "later" shows every record with a TTL (the grid has no "after" bound).
 */
export function expiryDraftFor(bucket: ExpiryBucketName): Partial<FilterDraft> {
  switch (bucket) {
    case 'minute':
      return { expiry: 'expiring', within: '1m' };
    case 'hour':
      return { expiry: 'expiring', within: '1h' };
    case 'day':
      return { expiry: 'expiring', within: '24h' };
    case 'later':
      return { expiry: 'has-ttl' };
    case 'never':
      return { expiry: 'no-ttl' };
    default:
      return { expiry: 'expired' };
  }
}

/** What activating a bucket's button shows, for its accessible name. */
export function expiryShowLabel(bucket: ExpiryBucketName): string {
  if (bucket === 'later') return 'Show every record with a TTL';
  if (bucket === 'never') return 'Show records that never expire';
  if (bucket === 'expired') return 'Show expired records';
  return `Show records expiring ${EXPIRY_LABELS[bucket].toLowerCase()}`;
}

/** The line over the charts: the records analysed, and plainly when they are a sample of the whole. */
export function summaryText(value: Pick<TableAnalysisDto, 'records' | 'bytes' | 'sample'>): string {
  const whole = `${plural(value.records, 'record')}, ${formatBytes(value.bytes)} of values`;
  if (value.sample === null) return whole;
  return `Sample of ${formatCount(value.sample.records)} records (of about ${formatCount(value.sample.of)}): ${formatBytes(value.bytes)} of values in the sample`;
}
