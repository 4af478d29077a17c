/**
 * Where go-micro's MySQL store (v5 `store/mysql`) keeps a namespace: database → a MySQL database, table → a
 * table in it, one table per store and no metadata. go-micro splices both names into its SQL unquoted, so a
 * name it could not use is refused here rather than created where go-micro would never look.
 */
import type { Namespace } from '../../store/namespaces.js';
import { StoreInputError } from '../../store/types.js';

/** How a table's keys are put in byte order (docs/backend-mysql.md, "Key order"). */
export type KeyOrder =
  /** The key column's own collation compares bytes (binary, *_nopad_bin, *_0900_bin): its primary key pages. */
  | 'column'
  /** go-micro's table plus our opt-in `key_bytes` column (CAST(key AS BINARY)) and its index. */
  | 'indexed'
  /** A language collation and no byte-order index: BINARY comparison, the server sorts every match. */
  | 'sorted';

export interface MyTable {
  database: string;
  table: string;
}

/** A table found in go-micro's shape, with what its columns allow. */
export interface ShapedTable extends MyTable {
  keyOrder: KeyOrder;
  /** The key column's length in characters (varchar(255) as go-micro creates it). */
  keyChars: number;
  /** The value column's capacity in bytes (65,535 for go-micro's BLOB). */
  valueBytes: number;
  /** Our `key_bytes` column is there (with or without its index: a build that failed half-way). */
  keyBytesColumn?: boolean;
}

/** The generated column and index that give a language-collated table a byte-order index. */
export const KEY_BYTES_COLUMN = 'key_bytes';

/** go-micro checks `unicode.IsLetter` for every rune of the database name. */
const DATABASE_NAME = /^\p{L}+$/u;
/** What MySQL accepts as an unquoted identifier: go-micro's table name is never quoted. */
const UNQUOTED_NAME = /^[0-9A-Za-z$_\u0080-\uFFFF]+$/;
const MAX_IDENTIFIER = 64;

export function myTableOf(namespace: Namespace): MyTable {
  const { database, table } = namespace;
  if (!DATABASE_NAME.test(database) || database.length > MAX_IDENTIFIER) {
    throw new StoreInputError(
      `database "${database}" cannot be a go-micro MySQL database: go-micro allows letters only (at most ${MAX_IDENTIFIER})`,
    );
  }
  if (!UNQUOTED_NAME.test(table) || /^[0-9]+$/.test(table) || table.length > MAX_IDENTIFIER) {
    throw new StoreInputError(
      `table "${table}" cannot be a go-micro MySQL table: go-micro writes it unquoted, so it needs letters, digits, _ or $ only (not digits alone, at most ${MAX_IDENTIFIER})`,
    );
  }
  return { database, table };
}

export function quoteIdent(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** `` `database`.`table` ``, safe to splice into SQL. */
export function qualified({ database, table }: MyTable): string {
  return `${quoteIdent(database)}.${quoteIdent(table)}`;
}

/**
 * The key as compared for order and ranges: byte order (Go's string order). BINARY `key` always gives it but no
 * index serves it on a language-collated column; the column itself where it is bytewise, else our `key_bytes`.
 */
export function orderedKey(table: ShapedTable): string {
  switch (table.keyOrder) {
    case 'column':
      return '`key`';
    case 'indexed':
      return quoteIdent(KEY_BYTES_COLUMN);
    default:
      return 'BINARY `key`';
  }
}

/**
 * go-micro v5 `store/mysql` initDB, statement for statement: `CREATE DATABASE IF NOT EXISTS <db>`, then (after
 * `USE <db>`) its CREATE TABLE, here qualified instead of USE so a pooled connection keeps its default.
 */
export function createTableStatements(target: MyTable): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${quoteIdent(target.database)}`,
    `CREATE TABLE IF NOT EXISTS ${qualified(target)} (\`key\` varchar(255) primary key, value blob null, expiry timestamp not null)`,
  ];
}

/**
 * The opt-in byte-order index (docs/backend-mysql.md): a virtual column, so go-micro's statements are
 * unchanged, then its index. Two statements, not one: combined, MariaDB holds a shared lock (go-micro's writes
 * wait) for the whole build; apart, the column is added at once and the index built online (LOCK=NONE is
 * the default where the server supports it). The column is left out when a failed earlier try added it.
 */
export function byteOrderIndexStatements(target: ShapedTable): string[] {
  const bytes = target.keyChars * 4;
  const column = `ALTER TABLE ${qualified(target)} ADD COLUMN ${quoteIdent(KEY_BYTES_COLUMN)} VARBINARY(${bytes}) AS (CAST(\`key\` AS BINARY)) VIRTUAL`;
  const index = `ALTER TABLE ${qualified(target)} ADD INDEX ${quoteIdent(`${KEY_BYTES_COLUMN}_${target.table}`.slice(0, MAX_IDENTIFIER))} (${quoteIdent(KEY_BYTES_COLUMN)})`;
  return target.keyBytesColumn === true ? [index] : [column, index];
}
