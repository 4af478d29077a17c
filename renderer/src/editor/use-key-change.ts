import { useClient } from '../app/client-context.js';
import type { OpenTarget } from './editor-state.js';

/**
 * Renaming (the record moves) or duplicating (main copies it as stored) to a new key; then `onDone` with the
 * record at its new key. An existing key is never overwritten: the call fails instead.
 */
export function useKeyChange(change: 'rename' | 'duplicate', target: OpenTarget, onDone: (target: OpenTarget) => void) {
  const client = useClient();
  return async (to: string) => {
    const arg = { database: target.database, table: target.table, from: target.key, to };
    await client.call(change === 'rename' ? 'record.rename' : 'record.duplicate', arg);
    onDone({ ...target, key: to });
  };
}
