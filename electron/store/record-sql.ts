/** The statements that write a record, in one place so every writer stores the same columns. */

const INSERT = `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`;
const REPLACE = `value = excluded.value, metadata = excluded.metadata, expires_at = excluded.expires_at,
    updated_at = excluded.updated_at, version = version + 1`;

/** Creates or replaces a record entirely (no merging); a replacement bumps its version. */
export const UPSERT_RECORD = `${INSERT} ON CONFLICT (ns, key) DO UPDATE SET ${REPLACE} RETURNING id, version`;

/** UPSERT_RECORD for `rows` records in one statement, returning each one's new version in order. */
export function upsertRecords(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES ${values}
    ON CONFLICT (ns, key) DO UPDATE SET ${REPLACE} RETURNING version`;
}

/**
 * Creates a record where its key is free: absent, or held by an expired record not purged yet
 * (readers cannot see it, so it is not there for them). Changes nothing when a live record holds it.
 */
export const INSERT_RECORD_IF_FREE = `${INSERT} ON CONFLICT (ns, key) DO UPDATE SET ${REPLACE}
  WHERE records.expires_at IS NOT NULL AND records.expires_at < excluded.updated_at`;

/** Creates a record whose key is known to be free. */
export const INSERT_RECORD = INSERT;

/** Replaces an existing record; changes nothing when the key is absent. */
export const UPDATE_RECORD = `UPDATE records SET value = ?, metadata = ?, expires_at = ?, updated_at = ?,
    version = version + 1 WHERE ns = ? AND key = ?`;
