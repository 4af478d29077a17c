import type { ExpirySpec } from '../../../electron/api/contract/schemas.js';
import { useClient } from '../app/client-context.js';
import { useTask } from '../transfer/use-task.js';
import type { Namespace } from '../ui/namespace.js';
import type { BulkTarget } from './bulk-target.js';

/**
 * Deleting and expiring many records at once; each resolves with how many it changed. Everything matching
 * a filter is done in main by the filter, never by collecting keys here, so it works at any size; setting
 * its expiry is a task whose progress `progress` follows.
 */
export function useBulkActions(namespace: Namespace) {
  const client = useClient();
  const task = useTask();
  return {
    progress: task.progress,
    delete: async (target: BulkTarget): Promise<number> => {
      if (target.kind === 'matching') {
        return (await client.call('records.deleteMatching', { ...namespace, filter: target.filter })).deleted;
      }
      return (await client.call('records.delete', { ...namespace, keys: target.keys })).deleted;
    },
    setExpiry: async (target: BulkTarget, expiry: ExpirySpec): Promise<number> => {
      if (target.kind === 'matching') {
        const { filter } = target;
        return task.run('set-expiry', async (taskId) => {
          const arg = { ...namespace, taskId, filter, expiry };
          return (await client.call('records.setExpiryMatching', arg)).updated;
        });
      }
      if (target.keys.length === 0) return 0;
      return (await client.call('records.setExpiry', { ...namespace, keys: target.keys, expiry })).updated;
    },
  };
}
