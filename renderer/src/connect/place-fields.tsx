import { useId } from 'react';
import type { ConnectionDraft, TestResult, TestState } from './use-connection-form.js';

/** Typed fields' labels, whose words say what a blank field means; without a table label only the database is asked. */
interface TypedLabels {
  database: string;
  table?: string | undefined;
  /** Shown in a blank field: what a blank means. */
  placeholder?: string;
}

interface PlaceFieldsProps {
  draft: ConnectionDraft;
  test: TestState;
  onChange: (change: Partial<ConnectionDraft>) => void;
  /** Always typed, what the test listed only suggested (a copy's target, which may be a new table). */
  typed?: TypedLabels;
}

/** Where the server lists nothing (Redis) and nothing was asked to be typed: both optional, go-micro's default. */
const OPTIONAL: TypedLabels = { database: 'Database (optional)', table: 'Table (optional)', placeholder: 'micro' };

/**
 * Which database and table to open: chosen from what the test listed, or typed where the server lists none
 * (Redis), with the tables the test suggests.
 */
export function PlaceFields({ draft, test, onChange, typed }: PlaceFieldsProps) {
  const listed = test.phase === 'ok' && test.result.capabilities.listsTables ? test.result.databases : undefined;
  if (typed === undefined && listed !== undefined && listed.length > 0) {
    return <ListedPlaceFields draft={draft} listed={listed} onChange={onChange} />;
  }
  const tables = [
    ...(listed?.find((each) => each.database === draft.database)?.tables.map((each) => each.table) ?? []),
    ...(test.phase === 'ok' ? test.result.suggestedTables : []),
  ];
  return (
    <TypedPlaceFields
      draft={draft}
      labels={typed ?? OPTIONAL}
      databases={(listed ?? []).map((each) => each.database)}
      tables={[...new Set(tables)]}
      onChange={onChange}
    />
  );
}

type Listed = TestResult['databases'];

/** Both chosen from what the test listed; another database starts at its first table. */
function ListedPlaceFields({
  draft,
  listed,
  onChange,
}: {
  draft: ConnectionDraft;
  listed: Listed;
  onChange: PlaceFieldsProps['onChange'];
}) {
  const tables = listed.find((each) => each.database === draft.database)?.tables ?? [];
  return (
    <div className="form-row">
      <label>
        Database
        <select
          value={draft.database}
          onChange={(event) => {
            const first = listed.find((each) => each.database === event.target.value)?.tables[0]?.table ?? '';
            onChange({ database: event.target.value, table: first });
          }}
        >
          {listed.map((each) => (
            <option key={each.database}>{each.database}</option>
          ))}
        </select>
      </label>
      <label>
        Table
        <select value={draft.table} onChange={(event) => onChange({ table: event.target.value })}>
          {tables.map((each) => (
            <option key={each.table} value={each.table}>
              {each.table}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

interface TypedPlaceFieldsProps {
  draft: ConnectionDraft;
  labels: TypedLabels;
  /** Offered as the user types: what the test listed or suggested. */
  databases: readonly string[];
  tables: readonly string[];
  onChange: PlaceFieldsProps['onChange'];
}

/** Both typed, with what the test listed or suggested offered as the user types. */
function TypedPlaceFields({ draft, labels, databases, tables, onChange }: TypedPlaceFieldsProps) {
  return (
    <div className="form-row">
      <SuggestedField
        label={labels.database}
        value={draft.database}
        placeholder={labels.placeholder}
        suggestions={databases}
        onChange={(database) => onChange({ database })}
      />
      {labels.table !== undefined && (
        <SuggestedField
          label={labels.table}
          value={draft.table}
          placeholder={labels.placeholder}
          suggestions={tables}
          onChange={(table) => onChange({ table })}
        />
      )}
    </div>
  );
}

interface SuggestedFieldProps {
  label: string;
  value: string;
  placeholder: string | undefined;
  suggestions: readonly string[];
  onChange: (value: string) => void;
}

function SuggestedField({ label, value, placeholder, suggestions, onChange }: SuggestedFieldProps) {
  const list = useId();
  return (
    <label>
      {label}
      <input
        value={value}
        placeholder={placeholder}
        list={list}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={list}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    </label>
  );
}
