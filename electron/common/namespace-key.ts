/**
 * One string per database/table pair, for maps and sets. Length-prefixed, so `a/b`+`c` and `a`+`b/c` never
 * collide, whatever characters (NUL included) the names hold.
 */
export function namespaceKey(database: string, table: string): string {
  return `${database.length}:${database}${table}`;
}
