/**
 * Where go-micro's Postgres store (v5 `store/postgres`, and `store/postgres/pgx`) keeps a namespace:
 * database → a schema, table → a table in it. go-micro turns every run of characters outside
 * [a-zA-Z0-9] into `_` and splices the names into its SQL unquoted, so Postgres folds them to lower case:
 * the go-micro database "Orders" lives in schema `orders`. We quote what we splice, after the same folding.
 */
import type { Namespace } from '../../store/namespaces.js';
import { StoreInputError } from '../../store/types.js';

const OUTSIDE_NAME = /[^a-zA-Z0-9]+/g;

/** The schema and table go-micro would use for a namespace, as Postgres names them. */
export interface PgTable {
  schema: string;
  table: string;
  /** True when the key column's own collation is byte order (see pg-key-order.ts): its index then pages. */
  keySortsByBytes?: boolean;
}

/**
 * The key as compared for order and ranges: byte order, Go's string order. `COLLATE "C"` always gives it but
 * cannot use go-micro's key index, whose collation is the column's; so the column itself where it is bytewise.
 */
export function orderedKey(target: PgTable): string {
  return target.keySortsByBytes === true ? 'key' : 'key COLLATE "C"';
}

export function pgTableOf(namespace: Namespace): PgTable {
  return { schema: foldedName(namespace.database, 'database'), table: foldedName(namespace.table, 'table') };
}

function foldedName(name: string, what: 'database' | 'table'): string {
  const folded = name.replace(OUTSIDE_NAME, '_').toLowerCase();
  // Unquoted, a name starting with a digit is a syntax error in go-micro's own CREATE statements.
  if (folded === '' || /^[0-9]/.test(folded)) {
    throw new StoreInputError(
      `${what} "${name}" cannot be a Postgres name for go-micro: it must start with a letter or underscore`,
    );
  }
  return folded;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`, safe to splice into SQL. */
export function qualified({ schema, table }: PgTable): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/**
 * go-micro v5 `store/postgres` initDB, statement for statement (its index names included), so that a table
 * we create is the table go-micro would have created. (v5 also runs `CREATE DATABASE <db>` first and ignores
 * "already exists": a stray empty Postgres database we do not make.)
 */
export function createTableStatements(target: PgTable): string[] {
  const name = qualified(target);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${name} (
      key text NOT NULL,
      value bytea,
      metadata JSONB,
      expiry timestamp with time zone,
      CONSTRAINT ${quoteIdent(`${target.table}_pkey`)} PRIMARY KEY (key)
    )`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(`key_index_${target.table}`)} ON ${name} USING btree ("key")`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(`metadata_index_${target.table}`)} ON ${name} USING GIN ("metadata")`,
  ];
}
