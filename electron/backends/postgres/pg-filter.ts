/**
 * The inspector's filters as Postgres conditions on a go-micro table. Keys compare in byte order (Go's
 * string order) whatever the database's collation: see orderedKey in pg-names.ts. Unlike
 * go-micro, which splices a prefix into LIKE unescaped (so its prefix "a_" also finds "ab"), every text a user
 * types here means itself: LIKE wildcards are escaped.
 */
import {
  conditionOf,
  containsNeedle,
  type MetadataCondition,
  regexParts,
  typedJsonTexts,
} from '../../common/metadata-query.js';
import { prefixUpperBound } from '../../store/key-order.js';
import type { RecordFilter } from '../../store/record-filter.js';

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
    ...valueConditions(filter, params),
    ...(filter.metadata ?? []).map((match) => metadataCondition(conditionOf(match), params)),
    ...expiryConditions(filter, now, params),
  ];
}

function prefixConditions(prefix: string, params: Params, key: string): string[] {
  if (prefix === '') return [];
  const upper = prefixUpperBound(prefix);
  const from = `${key} >= ${params.add(prefix)}`;
  return upper === undefined ? [from] : [from, `${key} < ${params.add(upper)}`];
}

function likeConditions({ suffix, contains, containsCase }: RecordFilter, params: Params): string[] {
  const conditions: string[] = [];
  if (suffix) conditions.push(`key LIKE ${params.add(`%${likeLiteral(suffix)}`)} ESCAPE '\\'`);
  if (contains && containsCase === 'insensitive') conditions.push(asciiFoldedContains(contains, params));
  else if (contains) conditions.push(`key LIKE ${params.add(`%${likeLiteral(contains)}%`)} ESCAPE '\\'`);
  return conditions;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Key contains ignoring ASCII case only, as the SQLite store does (its lower() folds A-Z alone): lower() or
 * ILIKE here would fold by the database's locale, so `É` would find `é` on one server and not another.
 */
function asciiFoldedContains(needle: string, params: Params): string {
  const folded = needle.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  return `strpos(translate(key, '${UPPER}', '${UPPER.toLowerCase()}'), ${params.add(folded)}) > 0`;
}

/**
 * Value contains on the bytea value's bytes. Ignoring case folds ASCII letters only: bytea has no
 * translate(), so the value is read as its escape encoding (bytes 0 and >= 0x80 as \ooo, a backslash as \\,
 * every other byte itself), where A-Z are still one character each; the folded needle, encoded alike, must
 * then start at a whole escape, which the anchored pattern checks (a plain strpos could match inside one).
 */
function valueConditions({ valueContains, valueCase }: RecordFilter, params: Params): string[] {
  if (!valueContains) return [];
  const bytes = Buffer.from(valueContains, 'utf8');
  if (valueCase !== 'insensitive') return [`position(${params.add(bytes)}::bytea in value) > 0`];
  const folded = Buffer.from(
    valueContains.replace(/[A-Z]/g, (letter) => letter.toLowerCase()),
    'utf8',
  );
  const escaped = escapeEncoding(folded);
  const text = `translate(encode(value, 'escape'), '${UPPER}', '${UPPER.toLowerCase()}')`;
  const pattern = `^(?:[^\\\\]|\\\\\\\\|\\\\[0-7]{3})*?${escaped.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}`;
  return [`strpos(${text}, ${params.add(escaped)}) > 0 AND ${text} ~ ${params.add(pattern)}`];
}

/** Postgres's `encode(bytes, 'escape')`. */
function escapeEncoding(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) {
    if (byte === 0x5c) text += '\\\\';
    else if (byte === 0 || byte >= 0x80) text += `\\${byte.toString(8).padStart(3, '0')}`;
    else text += String.fromCharCode(byte);
  }
  return text;
}

/**
 * A metadata condition (docs/metadata-queries.md) on the JSONB column. Equality is containment (`@>`) of the
 * field nested in objects, which go-micro's GIN index on metadata answers; a scalar is contained only by
 * itself and an object never by an array, so it means what the SQLite store's JSON-text comparison means.
 */
function metadataCondition(condition: MetadataCondition, params: Params): string {
  const { path, op, value = '' } = condition;
  if (op === 'eq') return equality(path, value, params);
  if (op === 'ne') return `NOT coalesce(${equality(path, value, params)}, false)`;
  const at = `(metadata #> ${params.add(path)}::text[])`;
  const present = [`${at} IS NOT NULL`, ...objectSteps(path, params)].join(' AND ');
  if (op === 'exists') return `coalesce(${present}, false)`;
  if (op === 'missing') return `NOT coalesce(${present}, false)`;
  return `CASE WHEN ${present} AND jsonb_typeof(${at}) = ${typeOf(op)} THEN ${test(condition, at, params)} ELSE false END`;
}

function equality(path: readonly string[], typed: string, params: Params): string {
  const [asTyped, asString] = typedJsonTexts(typed).map((text) => nested(path, JSON.parse(text) as unknown));
  return `(metadata @> ${params.add(asTyped)}::jsonb OR metadata @> ${params.add(asString)}::jsonb)`;
}

/** `{"a": {"b": value}}` as JSON text. */
function nested(path: readonly string[], value: unknown): string {
  return JSON.stringify(path.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value));
}

/**
 * `#>` also steps into arrays by index ('{tags,0}'); paths walk objects only everywhere else, so a segment
 * that reads as an index must find an object above it.
 */
function objectSteps(path: readonly string[], params: Params): string[] {
  return path.flatMap((segment, index) =>
    index > 0 && /^-?\d+$/.test(segment)
      ? [`jsonb_typeof(metadata #> ${params.add(path.slice(0, index))}::text[]) = 'object'`]
      : [],
  );
}

function typeOf(op: MetadataCondition['op']): string {
  return op === 'contains' || op === 'regex' ? "'string'" : "'number'";
}

const COMPARISONS = { lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** The test on a value already known to be of the op's type (a CASE keeps the casts from meeting others). */
function test({ op, value = '' }: MetadataCondition, at: string, params: Params): string {
  if (op === 'contains') return `strpos(${at} #>> '{}', ${params.add(containsNeedle(value))}) > 0`;
  if (op === 'regex') {
    // Postgres's own regular expressions (ARE): the common syntax means the same; docs/metadata-queries.md.
    const { source, flags } = regexParts(value) ?? { source: value, flags: '' };
    return `(${at} #>> '{}') ${flags.includes('i') ? '~*' : '~'} ${params.add(source)}`;
  }
  if (op === 'lt' || op === 'le' || op === 'gt' || op === 'ge')
    return `(${at})::numeric ${COMPARISONS[op]} ${params.add(value)}::numeric`;
  return 'false';
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
