import { FileField } from './file-field.js';
import type { SaveTarget } from './use-save-target.js';

/** The save dialog's choice (desktop), or the name the download will have (browser mode). */
export function SaveTargetField({ label, save, disabled }: { label: string; save: SaveTarget; disabled: boolean }) {
  if (save.downloads)
    return (
      <p className="note">
        Downloads as <code className="path">{save.suggestedName}</code>.
      </p>
    );
  return (
    <FileField
      label={label}
      file={save.file}
      empty="No file chosen"
      disabled={disabled}
      onChoose={save.choose && (() => void save.choose?.())}
    />
  );
}
