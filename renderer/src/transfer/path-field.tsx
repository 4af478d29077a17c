interface PathFieldProps {
  label: string;
  value: string;
  onChange: (path: string) => void;
  /** Shown when there is a native dialog to choose with. */
  onChoose: (() => void) | undefined;
  disabled?: boolean;
  placeholder?: string;
}

/** A path typed (on the machine where serve runs, in browser mode) or chosen with the native dialog. */
export function PathField({ label, value, onChange, onChoose, disabled = false, placeholder }: PathFieldProps) {
  return (
    <div className="path-field">
      <label className="stacked-label">
        {label}
        <input
          data-autofocus
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {onChoose !== undefined && (
        <button type="button" disabled={disabled} onClick={onChoose}>
          Choose…
        </button>
      )}
    </div>
  );
}
