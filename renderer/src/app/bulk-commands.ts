import type { ExpirySpec } from '../../../electron/api/contract/schemas.js';
import type { BulkTarget } from '../bulk/use-bulk-actions.js';
import { plural } from '../shared/format.js';
import { visibleKey } from '../shared/visible-key.js';
import { outcomes, type WorkspaceParts } from './workspace-parts.js';

/** Deleting and expiring the selection, the open record, or everything the filter matches. */
export function bulkCommands(parts: WorkspaceParts) {
  const { editor, selection, records, setDialog, bulk } = parts;
  const { done, failed } = outcomes(parts);
  const selected = (): BulkTarget =>
    selection.selection.all
      ? { kind: 'matching', filter: parts.filters.filter }
      : { kind: 'keys', keys: selection.targetKeys() };
  const countOf = (target: BulkTarget) => (target.kind === 'keys' ? target.keys.length : records.total);
  const applyExpiry = async (target: BulkTarget, expiry: ExpirySpec) => {
    try {
      const updated = await bulk.setExpiry(target, expiry);
      done(`${expiry.kind === 'none' ? 'Removed the TTL of' : 'Set a TTL on'} ${plural(updated, 'record')}`);
    } catch (error) {
      failed(error);
    }
  };
  return {
    deleteOpen: () => {
      const key = editor.state.target?.key;
      if (key === undefined) return;
      setDialog({ kind: 'delete', target: { kind: 'keys', keys: [key] }, count: 1, what: visibleKey(key) });
    },
    deleteSelected: () => {
      const target = selected();
      const count = countOf(target);
      if (count === 0) return;
      const what = target.kind === 'keys' && count === 1 ? visibleKey(target.keys[0] ?? '') : plural(count, 'record');
      setDialog({ kind: 'delete', target, count, what });
    },
    deleteMatching: () => {
      const what = `all ${plural(records.total, 'record')} matching the filter`;
      const target: BulkTarget = { kind: 'matching', filter: parts.filters.filter };
      setDialog({ kind: 'delete', target, count: records.total, what });
    },
    confirmDelete: async (target: BulkTarget) => {
      try {
        const deleted = await bulk.delete(target);
        const openKey = editor.state.target?.key;
        if (openKey !== undefined && (target.kind === 'matching' || target.keys.includes(openKey))) editor.close();
        selection.clear();
        done(`Deleted ${plural(deleted, 'record')}`);
      } catch (error) {
        failed(error);
      }
    },
    setTtl: () => {
      const target = selected();
      setDialog({ kind: 'set-ttl', target, count: countOf(target) });
    },
    removeTtl: () => applyExpiry(selected(), { kind: 'none' }),
    applyExpiry,
    /** How far setting an expiry on everything matching has come, while it runs. */
    progress: bulk.progress,
  };
}

export type BulkCommands = ReturnType<typeof bulkCommands>;
