/**
 * What a copy and a file import into a backend refuse before writing anything: records carrying what the
 * target cannot keep (metadata on Redis and MySQL, a record's own expiry on NATS KV), and a record it cannot
 * take whole (BackendEditing.oversize). One wording for both, with the count.
 */
import { RefusedError } from '../common/backend-refusals.js';
import type { Namespace } from '../store/namespaces.js';
import { type RecordInput, StoreInputError } from '../store/types.js';

/** Why the target cannot keep each; absent where it can (or where the user chose to drop it). */
export interface KeepRefusals {
  metadata?: string | undefined;
  perRecordExpiry?: string | undefined;
}

/** How many records carry metadata, and their own expiry. */
export interface Carrying {
  metadata: number;
  expiry: number;
}

/** `records` names them ("record(s) of the file"); `advice` follows the count (what would copy them). */
export function refuseUnkept(
  refusals: KeepRefusals,
  carrying: Carrying,
  records: string,
  advice: { metadata?: string; expiry?: string } = {},
): void {
  if (refusals.metadata !== undefined && carrying.metadata > 0) {
    throw new RefusedError(
      'metadata',
      `${refusals.metadata} (${carrying.metadata} ${records} carry some${advice.metadata ?? ''})`,
    );
  }
  if (refusals.perRecordExpiry !== undefined && carrying.expiry > 0) {
    throw new RefusedError(
      'perRecordExpiry',
      `${refusals.perRecordExpiry} (${carrying.expiry} ${records} carry their own expiry${advice.expiry ?? ''})`,
    );
  }
}

/** Where a target answers `oversize`, each record as it would be written is asked; the first refusal throws. */
export function refuseOversize<T>(
  target: { oversize?(namespace: Namespace, record: RecordInput): string | undefined } | undefined,
  namespace: Namespace,
  records: readonly T[],
  input: (record: T) => RecordInput,
): void {
  if (target?.oversize === undefined) return;
  for (const record of records) {
    const why = target.oversize(namespace, input(record));
    if (why !== undefined) throw new StoreInputError(why);
  }
}
