import type { ExpirySpec } from '../../../electron/api/contract/schemas.js';
import { SetTtlDialog } from '../bulk/set-ttl-dialog.js';
import type { BulkTarget } from '../bulk/use-bulk-actions.js';
import type { OpenTarget } from '../editor/editor-state.js';
import { NewRecordDialog } from '../editor/new-record-dialog.js';
import { RenameDialog } from '../editor/rename-dialog.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

interface WorkspaceDialogsProps {
  dialog: WorkspaceDialog | undefined;
  onClose: () => void;
  onCreated: (target: OpenTarget) => void;
  onRenamed: (target: OpenTarget) => void;
  onDelete: (target: BulkTarget) => void;
  onSetExpiry: (target: BulkTarget, expiry: ExpirySpec) => void;
}

/** Renders whichever dialog is open. */
export function WorkspaceDialogs({
  dialog,
  onClose,
  onCreated,
  onRenamed,
  onDelete,
  onSetExpiry,
}: WorkspaceDialogsProps) {
  switch (dialog?.kind) {
    case 'new':
      return <NewRecordDialog initial={dialog.draft} onCreated={onCreated} onClose={onClose} />;
    case 'rename':
      return <RenameDialog target={dialog.target} onRenamed={onRenamed} onClose={onClose} />;
    case 'delete':
      return (
        <ConfirmDialog
          title="Delete records?"
          confirmLabel="Delete"
          danger
          onConfirm={() => onDelete(dialog.target)}
          onCancel={onClose}
        >
          <p>Delete {dialog.what}? This cannot be undone.</p>
        </ConfirmDialog>
      );
    case 'set-ttl':
      return (
        <SetTtlDialog count={dialog.count} onApply={(expiry) => onSetExpiry(dialog.target, expiry)} onClose={onClose} />
      );
    case 'discard':
      return (
        <ConfirmDialog
          title="Discard unsaved changes?"
          confirmLabel="Discard changes"
          danger
          onConfirm={dialog.proceed}
          onCancel={onClose}
        >
          <p>Your changes to {dialog.key} have not been saved.</p>
        </ConfirmDialog>
      );
    default:
      return null;
  }
}
