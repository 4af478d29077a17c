import { useId, useState } from 'react';
import type { RecordEditor } from '../use-record-editor.js';
import { type CopyChoice, copyChoices } from './copy-choices.js';

/** "Copy ▾": the key, the value as text, JSON or base64, or a command that writes the record again. */
export function CopyMenu({ editor, storePath }: { editor: RecordEditor; storePath: string | undefined }) {
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const listId = useId();
  const copy = async (choice: CopyChoice) => {
    const copied = await choice.make();
    if (!copied.ok) return setSaid(copied.why);
    try {
      await navigator.clipboard.writeText(copied.text);
      setSaid(`Copied ${choice.what}`);
      setOpen(false);
    } catch {
      setSaid('The clipboard refused the text');
    }
  };
  return (
    <div className="copy-menu">
      <button type="button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        Copy ▾
      </button>
      {open && (
        <fieldset id={listId} className="copy-choices" aria-label="Copy">
          {copyChoices(editor, storePath).map((choice) => (
            <button key={choice.label} type="button" onClick={() => void copy(choice)}>
              {choice.label}
            </button>
          ))}
        </fieldset>
      )}
      <span className="muted" role="status">
        {said}
      </span>
    </div>
  );
}
