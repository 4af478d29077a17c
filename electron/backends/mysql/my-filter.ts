/**
 * The inspector's filters as MySQL conditions on a go-micro table. Keys compare in byte order whatever the
 * column's collation (my-names.ts orderedKey); suffix and contains compare bytes too (a language collation
 * would find `A` for `a`). Unlike go-micro, every text a user types means itself: LIKE wildcards are escaped.
 */
import { prefixUpperBound } from '../../store/key-order.js';
import type { RecordFilter } from '../../store/record-filter.js';
import { FOREVER_SECONDS, FOREVER_SQL, nowText, secondsText } from './my-expiry.js';
import { orderedKey, type ShapedTable } from './my-names.js';

/** Conditions and their `?` parameters, in order. */
export class Where {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.conditions.push(sql);
    this.params.push(...params);
    return this;
  }

  get sql(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}

/** `%`, `_` and the escape character itself, escaped for `LIKE … ESCAPE '!'` (no backslash: sql_mode may differ). */
export function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`);
}

/** The WHERE for a filter at `now` (ms, the client's clock, as go-micro decides expiry in Go). */
export function filterWhere(table: ShapedTable, filter: RecordFilter, now: number, where = new Where()): Where {
  addPrefix(table, filter.prefix ?? '', where);
  if (filter.suffix) where.add("BINARY `key` LIKE ? ESCAPE '!'", `%${likeLiteral(filter.suffix)}`);
  if (filter.contains) where.add("BINARY `key` LIKE ? ESCAPE '!'", `%${likeLiteral(filter.contains)}%`);
  if (filter.valueContains) addValueContains(filter.valueContains, filter.valueCase, where);
  // go-micro's MySQL table keeps no metadata: every record's is {}, which no field equals.
  if ((filter.metadata ?? []).length > 0) where.add('FALSE');
  addExpiry(filter, now, where);
  return where;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Value contains on the BLOB's bytes (LOCATE compares binary strings bytewise). Ignoring case folds ASCII
 * letters only, as every backend does: LOWER() leaves a binary string alone and a character set's collation
 * would fold more, so each of A-Z is replaced in the bytes.
 */
function addValueContains(needle: string, mode: RecordFilter['valueCase'], where: Where): void {
  if (mode !== 'insensitive') {
    where.add('LOCATE(?, `value`) > 0', Buffer.from(needle, 'utf8'));
    return;
  }
  const folded = [...UPPER].reduce(
    (sql, letter) => `REPLACE(${sql}, '${letter}', '${letter.toLowerCase()}')`,
    '`value`',
  );
  const lowered = needle.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  where.add(`LOCATE(?, ${folded}) > 0`, Buffer.from(lowered, 'utf8'));
}

function addPrefix(table: ShapedTable, prefix: string, where: Where): void {
  if (prefix === '') return;
  const key = orderedKey(table);
  // Without a byte-order index, the column's own index still narrows: its LIKE finds a superset of the prefix.
  if (table.keyOrder === 'sorted') where.add("`key` LIKE ? ESCAPE '!'", `${likeLiteral(prefix)}%`);
  where.add(`${key} >= ?`, prefix);
  const upper = prefixUpperBound(prefix);
  if (upper !== undefined) where.add(`${key} < ?`, upper);
}

/** go-micro calls a record expired when its expiry is before now; "no expiry" is our 2038 mark (my-expiry.ts). */
function addExpiry({ expiry, expiringWithinMs }: RecordFilter, now: number, where: Where): void {
  const current = nowText(now);
  switch (expiry ?? 'live') {
    case 'expired':
      where.add('expiry < ?', current);
      return;
    case 'no-ttl':
      where.add(`expiry >= ${FOREVER_SQL}`);
      return;
    case 'has-ttl':
      where.add(`expiry >= ? AND expiry < ${FOREVER_SQL}`, current);
      break;
    case 'live':
      where.add('expiry >= ?', current);
      break;
    default:
  }
  if (expiringWithinMs !== undefined) addWithin(now + expiringWithinMs, where);
}

/** Expires at or before `limit` (ms): for whole seconds E, E <= limit exactly when E <= floor(limit). */
function addWithin(limit: number, where: Where): void {
  const seconds = Math.floor(limit / 1000);
  where.add(`expiry < ${FOREVER_SQL}`);
  if (seconds < FOREVER_SECONDS) where.add('expiry <= ?', secondsText(Math.max(0, seconds)));
}
