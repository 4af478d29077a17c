/**
 * Where go-micro's Redis store (plugins `store/redis`) keeps a record: the Redis key is the table name and
 * the go-micro key concatenated, no separator (default table `micro`; the database option is ignored).
 * go-micro puts its table and prefix into SCAN's MATCH unescaped; we escape glob characters so a prefix
 * means itself.
 */

export function redisKey(table: string, key: string): Buffer {
  return Buffer.from(`${table}${key}`, 'utf8');
}

/** `*`, `?`, `[`, `]` and `\` escaped for a Redis glob. */
export function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** The MATCH pattern for every key of `table` starting with `prefix`. */
export function matchPattern(table: string, prefix = ''): string {
  return `${globLiteral(table)}${globLiteral(prefix)}*`;
}

/** The go-micro key of a Redis key found under `table`. */
export function goMicroKey(table: string, redisKeyBytes: Buffer): string {
  return redisKeyBytes.subarray(Buffer.byteLength(table, 'utf8')).toString('utf8');
}
