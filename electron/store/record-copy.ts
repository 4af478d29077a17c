import type { StatementCache } from './statement-cache.js';
import { NotFoundError, StoreInputError } from './types.js';

/**
 * Copies a row as it is stored: value bytes, metadata and expiry instant, under a new key of the same
 * namespace. The copy is made in SQL, so a value of any size never travels through the caller. A key held by
 * an expired record not purged yet counts as free (readers cannot see that record); a live one is never
 * overwritten.
 */
const COPY_IF_FREE = `
  INSERT INTO records (ns, key, value, metadata, expires_at, updated_at)
  SELECT ns, ?, value, metadata, expires_at, ? FROM records WHERE ns = ? AND key = ?
  ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, metadata = excluded.metadata,
    expires_at = excluded.expires_at, updated_at = excluded.updated_at, version = version + 1
  WHERE records.expires_at IS NOT NULL AND records.expires_at < excluded.updated_at`;

/** Run inside the caller's write transaction. */
export function copyRecord(statements: StatementCache, nsId: number, from: string, to: string, now: number): void {
  if (from === to) throw new StoreInputError('a copy needs a key of its own: choose a different key');
  if (statements.get(COPY_IF_FREE).run(to, now, nsId, from).changes === 1) return;
  const source = statements.get('SELECT 1 FROM records WHERE ns = ? AND key = ?').get(nsId, from);
  if (source === undefined) throw new NotFoundError();
  throw new StoreInputError(`key ${JSON.stringify(to)} already exists: choose another key`);
}
