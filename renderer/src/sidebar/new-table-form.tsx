import type { Namespace } from '../ui/namespace.js';
import { useNewTable } from './use-new-table.js';

interface NewTableFormProps {
  defaultDatabase: string;
  readOnly: boolean;
  onCreated: (namespace: Namespace) => void;
}

/** A new database or table by name; it shows in the list before anything is written to it. */
export function NewTableForm({ defaultDatabase, readOnly, onCreated }: NewTableFormProps) {
  const { open, setOpen, database, setDatabase, table, setTable, error, ...form } = useNewTable(
    defaultDatabase,
    onCreated,
  );
  const create = (event: React.FormEvent) => {
    event.preventDefault();
    void form.create();
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
