import { useId } from 'react';
import type { ConnectionDraft, TestState } from './use-connection-form.js';

interface PlaceFieldsProps {
  draft: ConnectionDraft;
  test: TestState;
  onChange: (change: Partial<ConnectionDraft>) => void;
  /**
   * Always typed, what the test listed only suggested (a copy's target, which may be a new table); the
   * labels' words then say what a blank field means. Without a table label only the database is asked.
   */
  typed?: { database: string; table?: string | undefined; disabled?: boolean };
}

/**
 * Which database and table to open: chosen from what the test listed, or typed where the server lists none
 * (Redis), with the tables the test suggests.
 */
export function PlaceFields({ draft, test, onChange, typed }: PlaceFieldsProps) {
  const suggestions = useId();
  const databaseSuggestions = useId();
  const listed = test.phase === 'ok' && test.result.capabilities.listsTables ? test.result.databases : undefined;
  if (typed !== undefined) {
    const tables = [
      ...(listed?.find((each) => each.database === draft.database)?.tables.map((each) => each.table) ?? []),
      ...(test.phase === 'ok' ? test.result.suggestedTables : []),
    ];
    return (
      <div className="form-row">
        <label>
          {typed.database}
          <input
            value={draft.database}
            disabled={typed.disabled}
            list={databaseSuggestions}
            spellCheck={false}
            onChange={(event) => onChange({ database: event.target.value })}
          />
          <datalist id={databaseSuggestions}>
            {(listed ?? []).map((each) => (
              <option key={each.database} value={each.database} />
            ))}
          </datalist>
        </label>
        {typed.table !== undefined && (
          <label>
            {typed.table}
            <input
              value={draft.table}
              disabled={typed.disabled}
              list={suggestions}
              spellCheck={false}
              onChange={(event) => onChange({ table: event.target.value })}
            />
            <datalist id={suggestions}>
              {[...new Set(tables)].map((table) => (
                <option key={table} value={table} />
              ))}
            </datalist>
          </label>
        )}
      </div>
    );
  }
  if (listed !== undefined && listed.length > 0) {
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
  const suggested = test.phase === 'ok' ? test.result.suggestedTables : [];
  return (
    <div className="form-row">
      <label>
        Database (optional)
        <input
          value={draft.database}
          placeholder="micro"
          onChange={(event) => onChange({ database: event.target.value })}
        />
      </label>
      <label>
        Table (optional)
        <input
          value={draft.table}
          placeholder="micro"
          list={suggestions}
          onChange={(event) => onChange({ table: event.target.value })}
        />
        <datalist id={suggestions}>
          {suggested.map((table) => (
            <option key={table} value={table} />
          ))}
        </datalist>
      </label>
    </div>
  );
}
