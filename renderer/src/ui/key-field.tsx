import { useId } from 'react';
import { KeyText } from './key-text.js';
import { hasHiddenCharacters } from './visible-key.js';

interface KeyFieldProps {
  label: string;
  value: string;
  onChange: (key: string) => void;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A key as typed. A one-line <input> drops newlines from its value, so a key holding one would change
 * on its way through a dialog: this is a one-row textarea, which keeps every character, where Enter still
 * submits the form. What would not show is spelled out under the field.
 */
export function KeyField({ label, value, onChange, autoFocus = false, className = 'stacked-label' }: KeyFieldProps) {
  const shownId = useId();
  const hidden = hasHiddenCharacters(value);
  return (
    <label className={className}>
      {label}
      <textarea
        className="key-input"
        rows={1}
        value={value}
        data-autofocus={autoFocus || undefined}
        spellCheck={false}
        wrap="off"
        aria-describedby={hidden ? shownId : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey) return;
          event.preventDefault();
          event.currentTarget.form?.requestSubmit();
        }}
      />
      {hidden && (
        <span id={shownId} className="key-shown">
          Shown as: <KeyText value={value} />
        </span>
      )}
    </label>
  );
}
