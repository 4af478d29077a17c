import { useId } from 'react';
import { useFieldRefusals } from '../connect/store-refusals.js';
import { parseMetadata } from './metadata-text.js';

interface MetadataFieldProps {
  value: string;
  onChange: (text: string) => void;
  readOnly: boolean;
}

/** Metadata as a JSON object, checked as one types; off, saying why, where the store keeps none. */
export function MetadataField({ value, onChange, readOnly }: MetadataFieldProps) {
  const id = useId();
  const refusal = useFieldRefusals().metadata;
  const parsed = parseMetadata(value);
  return (
    <section className="editor-section">
      <label htmlFor={id} className="section-label">
        Metadata
      </label>
      <textarea
        id={id}
        className="metadata-input"
        rows={Math.min(8, Math.max(2, value.split('\n').length))}
        value={value}
        readOnly={readOnly}
        disabled={refusal !== undefined}
        spellCheck={false}
        aria-invalid={!parsed.ok}
        aria-describedby={`${id}-error`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-error`} className={parsed.ok ? 'note' : 'field-error'}>
        {parsed.ok ? (refusal ?? ' ') : parsed.message}
      </p>
    </section>
  );
}
