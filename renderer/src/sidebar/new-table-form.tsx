import { useState } from 'react';
import { useClient } from '../app/client-context.js';
import { errorMessage } from '../shared/api-error.js';
import type { Namespace } from '../shared/namespace.js';

interface NewTableFormProps {
  defaultDatabase: string;
  readOnly: boolean;
  onCreated: (namespace: Namespace) => void;
}

/** A new database or table by name; it shows in the list before anything is written to it. */
export function NewTableForm({ defaultDatabase, readOnly, onCreated }: NewTableFormProps) {
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [database, setDatabase] = useState(defaultDatabase);
  const [table, setTable] = useState('');
  const [error, setError] = useState<string>();
  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    const namespace = { database: database.trim(), table: table.trim() };
    try {
      await client.call('table.create', namespace);
      setOpen(false);
      setTable('');
      setError(undefined);
      onCreated(namespace);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  if (!open)
    return (
      <button
        type="button"
        className="new-table-toggle"
        disabled={readOnly}
        title={readOnly ? 'The store is open read-only' : undefined}
        onClick={() => setOpen(true)}
      >
        + New table
      </button>
    );
  return (
    <form className="new-table-form" aria-label="New table" onSubmit={create}>
      <label>
        Database
        <input value={database} required onChange={(event) => setDatabase(event.target.value)} />
      </label>
      <label>
        Table
        {/* biome-ignore lint/a11y/noAutofocus: the user just opened this form to type the name. */}
        <input value={table} required autoFocus onChange={(event) => setTable(event.target.value)} />
      </label>
      {error !== undefined && <p className="field-error">{error}</p>}
      <div className="new-table-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Create
        </button>
      </div>
    </form>
  );
}
