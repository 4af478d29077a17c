import type { Namespace } from '../ui/namespace.js';

interface TargetFieldsProps {
  value: Namespace;
  disabled: boolean;
  onChange: (patch: Partial<Namespace>) => void;
}

/** The database and table a record array or record lines go into. */
export function TargetFields({ value, disabled, onChange }: TargetFieldsProps) {
  return (
    <fieldset className="target-fields" disabled={disabled}>
      <legend>Into</legend>
      <label className="stacked-label">
        Database
        <input value={value.database} required onChange={(event) => onChange({ database: event.target.value })} />
      </label>
      <label className="stacked-label">
        Table
        <input value={value.table} required onChange={(event) => onChange({ table: event.target.value })} />
      </label>
    </fieldset>
  );
}
