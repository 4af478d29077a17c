import { useState } from 'react';
import { failureNotice } from '../ui/api-error.js';
import { Dialog } from '../ui/dialog.js';
import { FormActions } from '../ui/form-actions.js';
import { KeyField } from '../ui/key-field.js';
import { visibleKey } from '../ui/visible-key.js';
import type { OpenTarget } from './editor-state.js';
import { useKeyChange } from './use-key-change.js';

interface KeyDialogProps {
  target: OpenTarget;
  onDone: (target: OpenTarget) => void;
  onClose: () => void;
}

/** Moves a record to a new key in the same table; an existing key is never overwritten. */
export function RenameDialog({ target, onDone, onClose }: KeyDialogProps) {
  const rename = useKeyChange('rename', target, onDone);
  return (
    <NewKeyDialog
      title={`Rename ${visibleKey(target.key)}`}
      action="Rename"
      initialKey={target.key}
      from={target.key}
      onClose={onClose}
      submit={rename}
    />
  );
}

/**
 * Copies the record as stored under a new key. main makes the copy, so the value goes byte for byte whatever
 * its size or however the editor shows it, with its metadata and its expiry.
 */
export function DuplicateDialog({ target, onDone, onClose }: KeyDialogProps) {
  const duplicate = useKeyChange('duplicate', target, onDone);
  return (
    <NewKeyDialog
      title={`Duplicate ${visibleKey(target.key)}`}
      action="Duplicate"
      initialKey={`${target.key}-copy`}
      from={target.key}
      note="The copy holds the record as stored: its value byte for byte, its metadata and its expiry."
      onClose={onClose}
      submit={duplicate}
    />
  );
}

interface NewKeyDialogProps {
  title: string;
  action: string;
  initialKey: string;
  /** The record's own key: not a new one. */
  from: string;
  note?: string;
  submit: (key: string) => Promise<void>;
  onClose: () => void;
}

function NewKeyDialog({ title, action, initialKey, from, note, submit, onClose }: NewKeyDialogProps) {
  const [key, setKey] = useState(initialKey);
  const [error, setError] = useState<string>();
  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await submit(key);
    } catch (failure) {
      setError(failureNotice(failure));
    }
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form className="dialog-body" onSubmit={onSubmit}>
        {note !== undefined && <p className="muted">{note}</p>}
        <KeyField label="New key" value={key} autoFocus onChange={setKey} />
        <FormActions error={error} onCancel={onClose}>
          <button type="submit" className="primary" disabled={key === '' || key === from}>
            {action}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
