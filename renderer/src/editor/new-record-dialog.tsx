import { type RefObject, useId } from 'react';
import { useFieldRefusals } from '../connect/store-refusals.js';
import { Dialog } from '../ui/dialog.js';
import { FormActions } from '../ui/form-actions.js';
import { KeyField } from '../ui/key-field.js';
import { isModifier } from '../ui/keyboard.js';
import { ExpiryField } from './expiry-field.js';
import type { NewRecordDraft } from './new-record-draft.js';
import { useNewRecord } from './use-new-record.js';
import { VALUE_MODES, type ValueMode } from './value-modes.js';

interface NewRecordDialogProps {
  initial: NewRecordDraft;
  /** Where the form as typed is kept for a store switch to read (app/use-workspace.ts). */
  typed: RefObject<NewRecordDraft | undefined>;
  onCreated: (target: { database: string; table: string; key: string }) => void;
  onClose: () => void;
}

/** A new record: key, value, metadata, expiry, and the database and table it goes to. */
export function NewRecordDialog({ initial, typed, onCreated, onClose }: NewRecordDialogProps) {
  const { draft, error, change, ...newRecord } = useNewRecord(initial, typed, onCreated);
  const metadataRefusal = useFieldRefusals().metadata;
  const refusalId = useId();
  const create = (event: React.FormEvent) => {
    event.preventDefault();
    void newRecord.create();
  };
  return (
    <Dialog title="New record" onClose={onClose}>
      <form
        className="dialog-body new-record-form"
        onSubmit={create}
        onKeyDown={(event) => isModifier(event) && event.key === 'Enter' && event.currentTarget.requestSubmit()}
        noValidate
      >
        <KeyField label="Key" className="" value={draft.key} autoFocus onChange={(key) => change({ key })} />
        <div className="form-row">
          <label>
            Database
            <input value={draft.database} onChange={(event) => change({ database: event.target.value })} />
          </label>
          <label>
            Table
            <input value={draft.table} onChange={(event) => change({ table: event.target.value })} />
          </label>
        </div>
        <label>
          Value format
          <select value={draft.mode} onChange={(event) => change({ mode: event.target.value as ValueMode })}>
            {VALUE_MODES.map(({ mode, label }) => (
              <option key={mode} value={mode}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <textarea
            rows={6}
            value={draft.value}
            spellCheck={false}
            onChange={(event) => change({ value: event.target.value })}
          />
        </label>
        <label>
          Metadata
          <textarea
            rows={2}
            value={draft.metadata}
            spellCheck={false}
            disabled={metadataRefusal !== undefined}
            aria-describedby={metadataRefusal === undefined ? undefined : refusalId}
            onChange={(event) => change({ metadata: event.target.value })}
          />
        </label>
        {metadataRefusal !== undefined && (
          <p id={refusalId} className="note">
            {metadataRefusal}
          </p>
        )}
        <ExpiryField
          draft={draft.expiry}
          current={undefined}
          readOnly={false}
          onChange={(expiry) => change({ expiry })}
        />
        <FormActions error={error} onCancel={onClose}>
          <button type="submit" className="primary" aria-keyshortcuts="Control+Enter">
            Create
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
