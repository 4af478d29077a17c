import { useId, useMemo } from 'react';
import { parseMetadataFilter } from './filter-draft.js';

interface MetadataFilterInputProps {
  value: string;
  onChange: (value: string) => void;
}

/**
 * The metadata query input (docs/metadata-queries.md). It parses as one types with the parser main uses, and
 * a query that does not parse is marked invalid, with the message and a caret under the place it stopped.
 */
export function MetadataFilterInput({ value, onChange }: MetadataFilterInputProps) {
  const errorId = useId();
  const error = useMemo(() => parseMetadataFilter(value).error, [value]);
  return (
    <div className="filter-field metadata-filter">
      <label className="filter-label">
        <span>Metadata</span>
        <input
          type="search"
          value={value}
          placeholder="owner.team=auth, v>3, tier?, !old"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : errorId}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {error !== undefined && (
        <span id={errorId} className="field-error query-error" role="alert">
          <code className="query-caret" aria-hidden="true">
            {value.slice(0, error.offset)}
            <mark>{value.slice(error.offset, error.offset + 1) || ' '}</mark>
            {value.slice(error.offset + 1)}
          </code>
          {error.message}
        </span>
      )}
    </div>
  );
}
