import type { Ref } from 'react';
import { formatCount } from '../ui/format.js';
import { EXPIRY_CHOICES, type ExpiryChoice, showsExpired } from './filter-draft.js';
import { MetadataFilterInput } from './metadata-filter-input.js';
import type { FilterState } from './use-filter-draft.js';
import './filters.css';

interface FilterBarProps {
  filters: FilterState;
  matching: number;
  counting: boolean;
  containsRef: Ref<HTMLInputElement>;
  readOnly: boolean;
  /** Why everything matching cannot be deleted now (read-only, a filter that does not parse). */
  deleteRefusal: string | undefined;
  onDeleteMatching: () => void;
  onPurgeExpired: () => void;
}

/** The filters over the grid; they combine, and the grid follows as one types. */
export function FilterBar(props: FilterBarProps) {
  const { filters, matching, counting, containsRef, readOnly, onDeleteMatching, onPurgeExpired } = props;
  const { draft, change } = filters;
  const deleteWhy = props.deleteRefusal;
  return (
    <search className="filter-bar" aria-label="Filter records">
      <div className="filter-fields">
        <TextFilter label="Prefix" value={draft.prefix} onChange={(prefix) => change({ prefix })} />
        <TextFilter label="Suffix" value={draft.suffix} onChange={(suffix) => change({ suffix })} />
        <TextFilter
          label="Key contains"
          value={draft.contains}
          onChange={(contains) => change({ contains })}
          inputRef={containsRef}
        />
        <button
          type="button"
          className="match-case"
          aria-pressed={draft.matchCase}
          title="Key contains: match upper and lower case exactly (off: A-Z equals a-z)"
          onClick={() => change({ matchCase: !draft.matchCase })}
        >
          Match case
        </button>
        <TextFilter label="Value contains" value={draft.value} onChange={(value) => change({ value })} />
        <button
          type="button"
          className="match-case"
          aria-pressed={draft.valueMatchCase}
          title="Value contains: match upper and lower case exactly (off: A-Z equals a-z)"
          onClick={() => change({ valueMatchCase: !draft.valueMatchCase })}
        >
          Exact case
        </button>
        <MetadataFilterInput value={draft.metadata} onChange={(metadata) => change({ metadata })} />
        <label className="filter-field">
          <span>Expiry</span>
          <select value={draft.expiry} onChange={(event) => change({ expiry: event.target.value as ExpiryChoice })}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {draft.expiry === 'expiring' && (
          <TextFilter label="Within" value={draft.within} onChange={(within) => change({ within })} narrow />
        )}
      </div>
      <div className="filter-summary">
        <span className="match-count" aria-live="polite">
          {filters.invalid !== undefined
            ? 'Filter not valid'
            : counting
              ? 'Counting…'
              : matchText(matching, filters.active)}
        </span>
        <label className="filter-toggle">
          <input
            type="checkbox"
            checked={showsExpired(draft.expiry)}
            onChange={(event) => change({ expiry: event.target.checked ? 'all' : 'live' })}
          />
          Show expired
        </label>
        {filters.problems.map((problem) => (
          <span key={problem} className="field-error">
            {problem}
          </span>
        ))}
        <span className="filter-actions">
          <button type="button" onClick={filters.clear} disabled={!filters.active}>
            Clear filters
          </button>
          <button
            type="button"
            onClick={onDeleteMatching}
            disabled={deleteWhy !== undefined || matching === 0 || counting}
            title={deleteWhy}
          >
            Delete matching…
          </button>
          <button
            type="button"
            onClick={onPurgeExpired}
            disabled={readOnly}
            title={readOnly ? 'The store is open read-only' : 'Remove the expired records every table still holds'}
          >
            Purge expired…
          </button>
        </span>
      </div>
    </search>
  );
}

interface TextFilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
  narrow?: boolean;
}

function TextFilter({ label, value, onChange, placeholder, inputRef, narrow = false }: TextFilterProps) {
  return (
    <label className={narrow ? 'filter-field filter-narrow' : 'filter-field'}>
      <span>{label}</span>
      <input
        ref={inputRef}
        type="search"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}

function matchText(count: number, filtering: boolean): string {
  if (filtering) return `${formatCount(count)} matching`;
  return `${formatCount(count)} ${count === 1 ? 'record' : 'records'}`;
}
