/** The statements on records, in one place: every writer stores the same columns, every reader reads them alike. */

const INSERT = `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`;
/**
 * The `stale` bits a changed record gets (docs/file-format.md, "Stale marks"): 1 when its metadata changed,
 * 2 when its value did, kept until the app notes them. Set here, in the writer's own statement, they cost no
 * page the record does not write anyway (and leave the marking trigger for other programs' writes idle).
 */
const STALE_BITS = (metadata: string, value: string) =>
  `stale = stale | (metadata IS NOT ${metadata}) | ((value IS NOT ${value}) << 1)`;

const REPLACE = `${STALE_BITS('excluded.metadata', 'excluded.value')}, value = excluded.value,
    metadata = excluded.metadata, expires_at = excluded.expires_at, updated_at = excluded.updated_at,
    version = version + 1`;

/** Creates or replaces a record entirely (no merging); a replacement bumps its version. */
export const UPSERT_RECORD = `${INSERT} ON CONFLICT (ns, key) DO UPDATE SET ${REPLACE} RETURNING id, version`;

/** UPSERT_RECORD for `rows` records in one statement. */
export function upsertRecords(rows: number): string {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO records (ns, key, value, metadata, expires_at, updated_at) VALUES ${values}
    ON CONFLICT (ns, key) DO UPDATE SET ${REPLACE}`;
}

/**
 * Creates a record where its key is free: absent, or held by an expired record not purged yet
 * (readers cannot see it, so it is not there for them). Changes nothing when a live record holds it.
 */
export const INSERT_RECORD_IF_FREE = `${INSERT} ON CONFLICT (ns, key) DO UPDATE SET ${REPLACE}
  WHERE records.expires_at IS NOT NULL AND records.expires_at < excluded.updated_at`;

/** Creates a record whose key is known to be free. */
export const INSERT_RECORD = INSERT;

/**
 * Replaces an existing record; changes nothing when the key is absent. Parameters: metadata, value (for the
 * stale bits), then value, metadata, expires_at, updated_at, ns, key.
 */
export const UPDATE_RECORD = `UPDATE records SET ${STALE_BITS('?', '?')}, value = ?, metadata = ?, expires_at = ?,
    updated_at = ?, version = version + 1 WHERE ns = ? AND key = ?`;

/** A record without its key: the key is the one asked for (keys compare as bytes), not copied out again. */
export const READ_RECORD_BODY = 'SELECT value, metadata, expires_at FROM records WHERE ns = ? AND key = ?';

export const RECORD_EXISTS = 'SELECT 1 FROM records WHERE ns = ? AND key = ?';

/** Live records only: an expired one not yet purged is replaced as if absent. */
export const LIVE_RECORD_EXISTS =
  'SELECT 1 FROM records WHERE ns = ? AND key = ? AND (expires_at IS NULL OR expires_at >= ?)';

export const DELETE_RECORD = 'DELETE FROM records WHERE ns = ? AND key = ?';

export const SET_RECORD_EXPIRY =
  'UPDATE records SET expires_at = ?, updated_at = ?, version = version + 1 WHERE ns = ? AND key = ?';

/** A record's copy under a new key (rename inserts it, then deletes the old one). */
export const COPY_RECORD_TO_KEY = `
  INSERT INTO records (ns, key, value, metadata, expires_at, updated_at)
  SELECT ns, ?, value, metadata, expires_at, ? FROM records WHERE ns = ? AND key = ?`;

export const PURGE_EXPIRED = 'DELETE FROM records WHERE ns = ? AND expires_at < ?';

export const NAMESPACE_IDS = 'SELECT id FROM namespaces';

/** The next `?` (limit) ids after `?`: the last of them and how many (a chunk of upkeep, a scan's step). */
export const NEXT_ID_RANGE =
  'SELECT max(id) AS upto, count(*) AS rows FROM (SELECT id FROM records WHERE id > ? ORDER BY id LIMIT ?)';
