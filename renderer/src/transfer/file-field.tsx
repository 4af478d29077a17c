import type { FileHandle } from '../../../electron/api/contract/file-schemas.js';

interface FileFieldProps {
  label: string;
  /** The chosen file; undefined before one is chosen. */
  file: FileHandle | undefined;
  /** What shows before a file is chosen. */
  empty: string;
  /** The native dialog (desktop). */
  onChoose?: (() => void) | undefined;
  /** A file picked with the page's own file input (browser mode: it is uploaded). */
  onPick?: ((file: File) => void) | undefined;
  disabled?: boolean;
}

/** The chosen file by name, with a way to choose one: the native dialog, or the browser's file input. */
export function FileField({ label, file, empty, onChoose, onPick, disabled = false }: FileFieldProps) {
  return (
    <fieldset className="path-field">
      <legend className="stacked-label">{label}</legend>
      <output className="file-name" aria-label={`${label}: chosen file`}>
        {file?.name ?? <span className="muted">{empty}</span>}
      </output>
      {onChoose !== undefined && (
        <button type="button" disabled={disabled} data-autofocus onClick={onChoose}>
          Choose…
        </button>
      )}
      {onPick !== undefined && (
        <input
          type="file"
          aria-label="Choose a file"
          disabled={disabled}
          onChange={(event) => {
            const picked = event.target.files?.[0];
            if (picked !== undefined) onPick(picked);
            event.target.value = '';
          }}
        />
      )}
    </fieldset>
  );
}
