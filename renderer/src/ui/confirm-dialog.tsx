import type { ReactNode } from 'react';
import { Dialog } from './dialog.js';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Destructive actions get the danger colour. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before something that cannot be undone; Escape cancels. A destructive confirmation focuses Cancel,
 * so a stray Enter loses nothing; any other focuses the confirming button.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="dialog-body">{children}</div>
      <footer className="dialog-actions">
        <button type="button" data-autofocus={danger || undefined} onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          data-autofocus={!danger || undefined}
          className={danger ? 'danger' : 'primary'}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </footer>
    </Dialog>
  );
}
