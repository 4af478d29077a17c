/** The statements that write a record, in one place so every writer stores the same columns. */

const INSERT = `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`;

/** Creates or replaces a record entirely (no merging); a replacement bumps its version. */
export const UPSERT_RECORD = `${INSERT}
  ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata,
    expires_at = excluded.expires_at, updated_at = excluded.updated_at, version = version + 1
  RETURNING id, version`;

export const INSERT_RECORD_OR_SKIP = `${INSERT} ON CONFLICT (ns, key) DO NOTHING`;

export const INSERT_RECORD = INSERT;
