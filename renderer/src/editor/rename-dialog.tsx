import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { errorMessage } from '../shared/api-error.js';
import { Dialog } from '../shared/dialog.js';
import type { OpenTarget } from './editor-state.js';

interface RenameDialogProps {
  target: OpenTarget;
  onRenamed: (target: OpenTarget) => void;
  onClose: () => void;
}

/** Moves a record to a new key in the same table; an existing key is never overwritten. */
export function RenameDialog({ target, onRenamed, onClose }: RenameDialogProps) {
  const client = useClient();
  const [key, setKey] = useState(target.key);
  const [error, setError] = useState<string>();
  const rename = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await client.call('record.rename', { database: target.database, table: target.table, from: target.key, to: key });
      onRenamed({ ...target, key });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <Dialog title={`Rename ${target.key}`} onClose={onClose}>
      <form className="dialog-body" onSubmit={rename}>
        <label className="stacked-label">
          New key
          <input value={key} data-autofocus spellCheck={false} onChange={(event) => setKey(event.target.value)} />
        </label>
        {error !== undefined && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={key === '' || key === target.key}>
            Rename
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
