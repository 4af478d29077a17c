import type { ReactNode } from 'react';

interface FormActionsProps {
  /** Why the form was not done, announced at once. */
  error: string | undefined;
  onCancel: () => void;
  /** The form's submit button. */
  children: ReactNode;
}

/** The end of a dialog's form: its error, if any, then Cancel and the form's own action. */
export function FormActions({ error, onCancel, children }: FormActionsProps) {
  return (
    <>
      {error !== undefined && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <footer className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {children}
      </footer>
    </>
  );
}
