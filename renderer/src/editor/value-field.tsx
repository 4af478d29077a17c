import { useId } from 'react';
import { formatBytes } from '../shared/format.js';
import { CodeEditor } from './code-editor.js';
import type { EditorState } from './editor-state.js';
import { LargeValueNotice } from './large-value-notice.js';
import type { RecordEditor } from './use-record-editor.js';
import { valueProblem } from './value-draft.js';
import { VALUE_MODES } from './value-modes.js';

interface ValueFieldProps {
  editor: RecordEditor;
  readOnly: boolean;
  onEscape: () => void;
}

/** The value as Text, JSON, Hex or Base64; a value too large to load whole shows its head. */
export function ValueField({ editor, readOnly, onEscape }: ValueFieldProps) {
  const { state, dispatch } = editor;
  const id = useId();
  const complete = state.detail?.complete ?? true;
  const problem = state.modeProblem ?? valueProblem(state.value);
  return (
    <section className="editor-section value-field">
      <div className="value-header">
        <label htmlFor={id} className="section-label">
          Value
        </label>
        <span className="muted">{formatBytes(state.detail?.size ?? 0)}</span>
        <fieldset className="mode-switch" disabled={!complete}>
          <legend className="visually-hidden">Show the value as</legend>
          {VALUE_MODES.map(({ mode, label }) => (
            <button
              key={mode}
              type="button"
              aria-pressed={state.value.mode === mode}
              onClick={() => dispatch({ type: 'switch-mode', mode })}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </div>
      {!complete && <LargeValueNotice editor={editor} />}
      <CodeEditor
        id={id}
        value={state.value.text}
        highlight={state.value.mode === 'json'}
        readOnly={readOnly || !complete}
        invalid={problem !== undefined}
        describedBy={`${id}-status`}
        focusOnMount={state.focusValue}
        onChange={(text) => dispatch({ type: 'edit-value', text })}
        onKeyDown={(event) => event.key === 'Escape' && onEscape()}
      />
      <ValueStatus id={`${id}-status`} state={state} problem={problem} />
    </section>
  );
}

function ValueStatus({ id, state, problem }: { id: string; state: EditorState; problem: string | undefined }) {
  if (problem !== undefined)
    return (
      <p id={id} className="field-error">
        {problem}
      </p>
    );
  return (
    <p id={id} className="note">
      {state.value.mode === 'json' ? 'Valid JSON' : ' '}
    </p>
  );
}
