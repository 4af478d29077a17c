/**
 * Where go-micro's Redis store (plugins `store/redis`) keeps a record: the Redis key is the table name and
 * the go-micro key concatenated, no separator (default table `micro`; the database option is ignored,
 * docs/backend-redis.md). go-micro puts its table and prefix into SCAN's MATCH unescaped; we escape glob
 * characters so a prefix means itself.
 *
 * Keys are held in memory as "byte strings": one char per byte (latin1), so JavaScript's own string order is
 * byte order (Go's), the sort needs no comparator, and a key that is not valid UTF-8 survives unchanged.
 */

export function redisKey(table: string, key: string): Buffer {
  return Buffer.from(`${table}${key}`, 'utf8');
}

/** The Redis key of a go-micro key held as a byte string. */
export function redisKeyOfBytes(table: string, byteKey: string): Buffer {
  return Buffer.concat([Buffer.from(table, 'utf8'), Buffer.from(byteKey, 'latin1')]);
}

/** `*`, `?`, `[`, `]` and `\` escaped for a Redis glob. */
export function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** The MATCH pattern for every key of `table` starting with `prefix`. */
export function matchPattern(table: string, prefix = ''): string {
  return `${globLiteral(table)}${globLiteral(prefix)}*`;
}

/** A text as its UTF-8 bytes, one char per byte. */
export function byteString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The text a byte string spells (a byte sequence that is not UTF-8 shows as U+FFFD, as Go's %s would). */
export function textOf(byteKey: string): string {
  return Buffer.from(byteKey, 'latin1').toString('utf8');
}
