import { type ReactNode, useEffect, useId, useRef } from 'react';
import './dialog.css';

interface DialogProps {
  title: string;
  children: ReactNode;
  /** Escape and the close button call this. */
  onClose: () => void;
  wide?: boolean;
  /** An alert dialog (something went wrong that the user must see): `describedBy` names the sentence saying it. */
  alert?: { describedBy: string };
}

/**
 * A modal dialog: the native <dialog> traps focus and makes the page behind it inert; focus goes
 * to the element marked data-autofocus (React's autoFocus fires before the dialog opens, too
 * early to count) and back where it was when the dialog closes. However the browser closes it, `onClose` runs.
 */
export function Dialog({ title, children, onClose, wide = false, alert }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  /** Set as the dialog leaves the page: its own close() then is not the user closing it. */
  const leaving = useRef(false);
  const titleId = useId();
  useEffect(() => {
    // Shown again (StrictMode runs effects twice in development): a close from here on is the user's again.
    leaving.current = false;
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      leaving.current = true;
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      role={alert === undefined ? undefined : 'alertdialog'}
      aria-describedby={alert?.describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // Chromium closes a dialog on Escape without a cancel event when the page has had no user activation
      // since the last one (its close watcher's abuse guard): that close is the user's too, as Cancel.
      onClose={() => {
        if (!leaving.current) onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId} className="clamp-3" title={title}>
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
