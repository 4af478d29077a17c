import { type RefObject, useState } from 'react';
import { useClient } from '../app/client-context.js';
import { failureNotice, isConflict } from '../ui/api-error.js';
import { visibleKey } from '../ui/visible-key.js';
import type { OpenTarget } from './editor-state.js';
import { type NewRecordDraft, newRecordRequest } from './new-record-draft.js';

/**
 * The new record dialog's draft and its creation; a key that exists already is refused, never overwritten. Each
 * change is also written to `typed` (from the change handler, never during render), so that a store switch,
 * which closes the dialog, can put away what was typed (lost-draft.ts) instead of dropping it.
 */
export function useNewRecord(
  initial: NewRecordDraft,
  typed: RefObject<NewRecordDraft | undefined>,
  onCreated: (target: OpenTarget) => void,
) {
  const client = useClient();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string>();
  return {
    draft,
    error,
    change: (patch: Partial<NewRecordDraft>) => {
      const next = { ...draft, ...patch };
      typed.current = next;
      setDraft(next);
    },
    create: async () => {
      const request = newRecordRequest(draft);
      if (!request.ok) return setError(request.message);
      try {
        await client.call('record.write', request.arg);
        const { database, table, key } = request.arg;
        onCreated({ database, table, key });
      } catch (failure) {
        setError(
          isConflict(failure)
            ? `A record with the key "${visibleKey(draft.key)}" already exists`
            : failureNotice(failure),
        );
      }
    },
  };
}
