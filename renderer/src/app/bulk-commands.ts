import type { ExpirySpec, Filter } from '../../../electron/api/contract/schemas.js';
import { type BulkTarget, deletedWhat, selectedTarget, targetCount } from '../bulk/bulk-target.js';
import { useBulkActions } from '../bulk/use-bulk-actions.js';
import { UNDO_WINDOW_MS, undoMessage } from '../editor/undo-delete/deleted-record.js';
import { useUndoDelete } from '../editor/undo-delete/use-undo-delete.js';
import type { RecordEditor } from '../editor/use-record-editor.js';
import type { GridSelection } from '../grid/use-grid-selection.js';
import { plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { visibleKey } from '../ui/visible-key.js';
import type { CommandEndings } from './command-endings.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

interface BulkCommandsDeps {
  namespace: Namespace;
  /** The grid's filter and how many records it matches. */
  filter: Filter;
  matching: number;
  /** Why the filter does not parse; undefined when it does. */
  filterInvalid: string | undefined;
  readOnly: boolean;
  selection: GridSelection;
  editor: RecordEditor;
  setDialog: (dialog: WorkspaceDialog | undefined) => void;
  endings: CommandEndings;
}

const READ_ONLY = 'The store is open read-only';

/**
 * Deleting and expiring the selection, the open record, or everything the filter matches. Each command does
 * nothing while `refusals` says why it cannot act; the controls show that reason.
 */
export function useBulkCommands({
  namespace,
  filter,
  matching,
  filterInvalid,
  readOnly,
  selection,
  editor,
  setDialog,
  endings,
}: BulkCommandsDeps) {
  const bulk = useBulkActions(namespace);
  const undo = useUndoDelete();
  // "All matching" is the grid's filter, which leaves out a field that does not parse: refuse rather than act on more.
  const matchingRefusal = readOnly ? READ_ONLY : filterInvalid;
  const refusals = {
    /** Why everything the filter matches cannot be deleted or expired now. */
    matching: matchingRefusal,
    /** Why the selection cannot be deleted or expired now. */
    selected: selection.selection.all ? matchingRefusal : readOnly ? READ_ONLY : undefined,
  };
  const selected = () => selectedTarget(selection.selection.all, filter, selection.targetKeys);
  const countOf = (target: BulkTarget) => targetCount(target, matching);
  const applyExpiry = async (target: BulkTarget, expiry: ExpirySpec) => {
    try {
      const updated = await bulk.setExpiry(target, expiry);
      endings.succeeded(
        `${expiry.kind === 'none' ? 'Removed the TTL of' : 'Set a TTL on'} ${plural(updated, 'record')}`,
      );
    } catch (error) {
      endings.failed(error);
    }
  };
  return {
    deleteOpen: () => {
      const key = editor.state.target?.key;
      if (key === undefined) return;
      setDialog({ kind: 'delete', target: { kind: 'keys', keys: [key] }, count: 1, what: visibleKey(key) });
    },
    deleteSelected: () => {
      if (refusals.selected !== undefined) return;
      const target = selected();
      const count = countOf(target);
      if (count === 0) return;
      setDialog({ kind: 'delete', target, count, what: deletedWhat(target, count) });
    },
    deleteMatching: () => {
      if (refusals.matching !== undefined) return;
      const what = `all ${plural(matching, 'record')} matching the filter`;
      setDialog({ kind: 'delete', target: { kind: 'matching', filter }, count: matching, what });
    },
    /** Deleting chosen keys (not everything matching) can be undone for a few seconds. */
    confirmDelete: async (target: BulkTarget) => {
      try {
        const kept = target.kind === 'keys' ? await undo.keep(namespace, target.keys) : undefined;
        const deleted = await bulk.delete(target);
        const openKey = editor.state.target?.key;
        if (openKey !== undefined && (target.kind === 'matching' || target.keys.includes(openKey))) editor.close();
        selection.clear();
        const restore = async () => {
          try {
            endings.succeeded(undoMessage(await undo.restore(kept ?? []), visibleKey));
          } catch (error) {
            endings.failed(error);
          }
        };
        const action = kept && { label: 'Undo', run: () => void restore(), shownMs: UNDO_WINDOW_MS };
        endings.succeeded(`Deleted ${plural(deleted, 'record')}`, action);
      } catch (error) {
        endings.failed(error);
      }
    },
    setTtl: () => {
      if (refusals.selected !== undefined) return;
      const target = selected();
      setDialog({ kind: 'set-ttl', target, count: countOf(target) });
    },
    removeTtl: async () => {
      if (refusals.selected === undefined) await applyExpiry(selected(), { kind: 'none' });
    },
    applyExpiry,
    refusals,
    /** How far setting an expiry on everything matching has come, while it runs. */
    progress: bulk.progress,
  };
}

export type BulkCommands = ReturnType<typeof useBulkCommands>;
