import { SetTtlDialog } from '../bulk/set-ttl-dialog.js';
import { OpenConnectionDialog } from '../connect/open-connection-dialog.js';
import { CopyDialog } from '../copy/copy-dialog.js';
import { DuplicateDialog, RenameDialog } from '../editor/key-dialogs.js';
import { NewRecordDialog } from '../editor/new-record-dialog.js';
import { undoNote } from '../editor/undo-delete/undo-note.js';
import { CopyToSqliteDialog } from '../gomicro/copy-to-sqlite-dialog.js';
import { OpenGoMicroDialog } from '../gomicro/open-gomicro-dialog.js';
import { ExportDialog } from '../transfer/export-dialog.js';
import { ImportDialog } from '../transfer/import-dialog.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { plural } from '../ui/format.js';
import type { Namespace } from '../ui/namespace.js';
import { visibleKey } from '../ui/visible-key.js';
import type { BulkCommands } from './bulk-commands.js';
import type { RecordCommands } from './record-commands.js';
import type { StoreCommands } from './store-commands.js';
import type { WorkspaceDialog } from './workspace-dialog.js';

interface WorkspaceDialogsProps {
  dialog: WorkspaceDialog | undefined;
  namespace: Namespace;
  readOnly: boolean;
  /** Every store this session opens is read-only (`--read-only`). */
  sessionReadOnly: boolean;
  records: RecordCommands;
  bulk: BulkCommands;
  store: StoreCommands;
}

/** Renders whichever dialog is open. */
export function WorkspaceDialogs(props: WorkspaceDialogsProps) {
  const { dialog, namespace, readOnly, records, bulk, store } = props;
  const onClose = records.closeDialog;
  switch (dialog?.kind) {
    case 'new':
      return (
        <NewRecordDialog
          initial={dialog.draft}
          typed={records.newRecordDraft}
          onCreated={records.created}
          onClose={onClose}
        />
      );
    case 'rename':
      return <RenameDialog target={dialog.target} onDone={records.renamed} onClose={onClose} />;
    case 'duplicate':
      return <DuplicateDialog target={dialog.target} onDone={records.created} onClose={onClose} />;
    case 'delete':
      return (
        <ConfirmDialog
          title="Delete records?"
          confirmLabel="Delete"
          danger
          onConfirm={() => void bulk.confirmDelete(dialog.target)}
          onCancel={onClose}
        >
          <p>
            Delete {dialog.what}? {undoNote(dialog.target)}
          </p>
        </ConfirmDialog>
      );
    case 'set-ttl':
      return (
        <SetTtlDialog
          count={dialog.count}
          progress={bulk.progress}
          onApply={(expiry) => void bulk.applyExpiry(dialog.target, expiry)}
          onClose={onClose}
        />
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
          <p>Your changes to {visibleKey(dialog.key)} have not been saved.</p>
        </ConfirmDialog>
      );
    case 'import':
      return (
        <ImportDialog
          namespace={namespace}
          readOnly={readOnly}
          dropped={dialog.dropped}
          onShowRecords={store.showImported}
          onClose={onClose}
        />
      );
    case 'export':
      return <ExportDialog context={dialog.context} initial={dialog.choice} onClose={onClose} />;
    case 'open-gomicro':
      return <OpenGoMicroDialog onClose={onClose} />;
    case 'open-connection':
      return (
        <OpenConnectionDialog
          initialStore={store.backTo}
          sessionReadOnly={props.sessionReadOnly}
          onConnected={store.connected}
          onBackToInitial={store.backToInitial}
          onClose={onClose}
        />
      );
    case 'copy-to-sqlite':
      return <CopyToSqliteDialog onOpenCopy={store.openCopy} onClose={onClose} />;
    case 'copy-to-store':
      return <CopyDialog source={dialog.source} initial={dialog.choice} onCopied={store.copied} onClose={onClose} />;
    case 'purge':
      return (
        <ConfirmDialog
          title="Purge expired records?"
          confirmLabel="Purge"
          danger
          onConfirm={() => void store.confirmPurge()}
          onCancel={onClose}
        >
          <p>
            Remove the {plural(dialog.count, 'expired record')} the store still holds, in every table. Services no
            longer see them; this cannot be undone.
          </p>
        </ConfirmDialog>
      );
    default:
      return null;
  }
}
