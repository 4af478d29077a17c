/**
 * The inspector's filters as Postgres conditions on a go-micro table. Keys compare in byte order (Go's
 * string order) whatever the database's collation: see orderedKey in pg-names.ts. Unlike
 * go-micro, which splices a prefix into LIKE unescaped (so its prefix "a_" also finds "ab"), every text a user
 * types here means itself: LIKE wildcards are escaped.
 */
import { prefixUpperBound } from '../../store/key-order.js';
import { metadataMatchTexts, type RecordFilter } from '../../store/record-filter.js';

/** Collects parameters and hands out their `$n` placeholders in order. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '\'`. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The WHERE conditions (ANDed) for a filter at `now` (ms), go-micro's clock being the client's; `key` is the
 * key as ordered bytewise (pg-names.ts orderedKey).
 */
export function filterConditions(filter: RecordFilter, now: number, params: Params, key: string): string[] {
  return [
    ...prefixConditions(filter.prefix ?? '', params, key),
    ...likeConditions(filter, params),
    ...(filter.metadata ?? []).map(({ field, value }) => metadataCondition(field, value, params)),
    ...expiryConditions(filter, now, params),
  ];
}

function prefixConditions(prefix: string, params: Params, key: string): string[] {
  if (prefix === '') return [];
  const upper = prefixUpperBound(prefix);
  const from = `${key} >= ${params.add(prefix)}`;
  return upper === undefined ? [from] : [from, `${key} < ${params.add(upper)}`];
}

function likeConditions({ suffix, contains }: RecordFilter, params: Params): string[] {
  const conditions: string[] = [];
  if (suffix) conditions.push(`key LIKE ${params.add(`%${likeLiteral(suffix)}`)} ESCAPE '\\'`);
  if (contains) conditions.push(`key LIKE ${params.add(`%${likeLiteral(contains)}%`)} ESCAPE '\\'`);
  return conditions;
}

/** Containment (`@>`), which go-micro's GIN index on metadata answers; a scalar is contained only by itself. */
function metadataCondition(field: string, typed: string, params: Params): string {
  const [asTyped, asString] = metadataMatchTexts(typed);
  const name = params.add(field);
  return `(metadata @> jsonb_build_object(${name}::text, ${params.add(asTyped)}::jsonb)
    OR metadata @> jsonb_build_object(${name}::text, ${params.add(asString)}::jsonb))`;
}

/** go-micro calls a record expired when its expiry is before now, so expiry = now is still live. */
function expiryConditions({ expiry, expiringWithinMs }: RecordFilter, now: number, params: Params): string[] {
  const within =
    expiringWithinMs === undefined
      ? []
      : [`expiry IS NOT NULL AND expiry <= ${params.add(new Date(now + expiringWithinMs))}`];
  switch (expiry ?? 'live') {
    case 'all':
      return within;
    case 'expired':
      return [`expiry < ${params.add(new Date(now))}`];
    case 'no-ttl':
      return ['expiry IS NULL'];
    case 'has-ttl':
      return [`expiry >= ${params.add(new Date(now))}`, ...within];
    default:
      return [`(expiry IS NULL OR expiry >= ${params.add(new Date(now))})`, ...within];
  }
}

export function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
