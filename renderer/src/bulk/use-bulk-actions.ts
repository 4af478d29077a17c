import type { ExpirySpec, Filter } from '../../../electron/api/contract/schemas.js';
import { useClient } from '../app/client-context.js';
import type { Namespace } from '../shared/namespace.js';
import { collectKeys } from './collect-keys.js';

/** What the bulk actions act on: some keys, or every record the filter matches. */
export type BulkTarget = { kind: 'keys'; keys: string[] } | { kind: 'matching'; filter: Filter };

/** Deleting and expiring many records at once; each resolves with how many it changed. */
export function useBulkActions(namespace: Namespace) {
  const client = useClient();
  const keysOf = async (target: BulkTarget) =>
    target.kind === 'keys' ? target.keys : collectKeys(client, namespace, target.filter);
  return {
    delete: async (target: BulkTarget): Promise<number> => {
      if (target.kind === 'matching') {
        return (await client.call('records.deleteMatching', { ...namespace, filter: target.filter })).deleted;
      }
      return (await client.call('records.delete', { ...namespace, keys: target.keys })).deleted;
    },
    setExpiry: async (target: BulkTarget, expiry: ExpirySpec): Promise<number> => {
      const keys = await keysOf(target);
      if (keys.length === 0) return 0;
      return (await client.call('records.setExpiry', { ...namespace, keys, expiry })).updated;
    },
  };
}

export type BulkActions = ReturnType<typeof useBulkActions>;
