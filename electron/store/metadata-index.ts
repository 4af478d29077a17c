import { createHash } from 'node:crypto';
import { indexExists } from './index-exists.js';
import type { Database } from './sqlite-driver.js';
import type { StatementCache } from './statement-cache.js';

/**
 * Indexes on metadata fields, made on request (never by a write): each one makes a filter on its
 * field read a few index pages instead of every record, and costs every writer one more page per
 * commit, so only the fields people filter by should have one (docs/file-format.md, "Metadata
 * indexes"). Any SQLite path works: a nested field, later a comparison or an existence test, reads
 * the same index, which orders by (namespace, value, key) so a filtered page needs no sort.
 */

/** The path of a top-level metadata field, as SQLite's JSON functions read it. */
export function metadataPath(field: string): string {
  return `$.${JSON.stringify(field)}`;
}

/**
 * The field's SQL value (`->>`: JSON strings as TEXT, numbers as numbers, true/false as 1/0). An
 * index is used only when a query repeats its expression word for word, so the path is a literal
 * here, in the index and in every filter, never a bound parameter.
 */
export function metadataValueSql(field: string): string {
  return `(metadata ->> ${sqlString(metadataPath(field))})`;
}

export function metadataIndexName(field: string): string {
  return `records_metadata_${createHash('sha256').update(field).digest('hex').slice(0, 16)}`;
}

/** Creates the index on one field if it is missing; returns false when it existed already. */
export function createMetadataIndex(db: Database, statements: StatementCache, field: string): boolean {
  const name = metadataIndexName(field);
  if (indexExists(statements, name)) return false;
  db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON records (ns, ${metadataValueSql(field)}, key, expires_at)`);
  return true;
}

export function dropMetadataIndex(db: Database, statements: StatementCache, field: string): boolean {
  const name = metadataIndexName(field);
  if (!indexExists(statements, name)) return false;
  db.exec(`DROP INDEX IF EXISTS ${name}`);
  return true;
}

/** The fields that have an index (read from each index's own definition). */
export function indexedMetadataFields(statements: StatementCache): string[] {
  const definitions = statements
    .get<string>(
      "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name LIKE 'records\\_metadata\\_%' ESCAPE '\\'",
    )
    .pluck()
    .all();
  return definitions.flatMap((sql) => {
    const match = /metadata ->> '\$\.((?:[^']|'')*)'/.exec(sql);
    return match?.[1] === undefined ? [] : [JSON.parse(match[1].replaceAll("''", "'")) as string];
  });
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
