import { useClient } from '../../app/client-context.js';
import { isConflict } from '../../ui/api-error.js';
import { base64ToBytes } from '../../ui/base64.js';
import type { Namespace } from '../../ui/namespace.js';
import { fetchWholeValue } from '../value-transfer.js';
import {
  type DeletedRecord,
  restoreWrite,
  UNDO_MAX_BYTES,
  UNDO_MAX_RECORDS,
  type UndoOutcome,
} from './deleted-record.js';

/**
 * Undo for a delete of a few records: they are read (value bytes, metadata, expiry instant) just
 * before the delete, and written back on Undo only where the key is still free (docs/editing.md).
 */
export function useUndoDelete() {
  const client = useClient();
  return {
    /** The records as they are now, or undefined when there are too many or too large to keep. */
    keep: async (namespace: Namespace, keys: string[]): Promise<DeletedRecord[] | undefined> => {
      if (keys.length === 0 || keys.length > UNDO_MAX_RECORDS) return undefined;
      const kept: DeletedRecord[] = [];
      let bytes = 0;
      for (const key of keys) {
        const target = { ...namespace, key };
        const detail = await client.call('record.get', target).catch(() => undefined);
        if (detail === undefined) continue;
        bytes += detail.size;
        if (bytes > UNDO_MAX_BYTES) return undefined;
        // A large value is read whole as bytes, with the metadata and expiry read beside them.
        const whole = detail.complete
          ? { detail, bytes: base64ToBytes(detail.value) }
          : await fetchWholeValue(client, target, detail, () => {});
        const { metadata, expiresAt } = whole.detail;
        kept.push({ ...target, value: whole.bytes, metadata, expiresAt });
      }
      return kept;
    },
    restore: async (records: DeletedRecord[]): Promise<UndoOutcome> => {
      const outcome: UndoOutcome = { restored: 0, taken: [], expired: 0 };
      for (const record of records) {
        const write = restoreWrite(record, Date.now());
        if (write === undefined) {
          outcome.expired++;
          continue;
        }
        try {
          await client.call('record.write', write);
          outcome.restored++;
        } catch (error) {
          if (!isConflict(error)) throw error;
          outcome.taken.push(record.key);
        }
      }
      return outcome;
    },
  };
}
