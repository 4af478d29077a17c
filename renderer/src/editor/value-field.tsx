import { useId } from 'react';
import { useValueHighlight } from '../search/value-highlight.js';
import { formatBytes } from '../ui/format.js';
import type { EditorState } from './editor-state.js';
import { LargeValueNotice } from './large-value-notice.js';
import type { RecordEditor } from './use-record-editor.js';
import { CHECKED_CHARS, valueProblem } from './value-draft.js';
import { DECODED_MODES, isReadOnlyMode, VALUE_MODES, type ValueMode } from './value-modes.js';
import { LANGUAGE_BUDGET, overLanguageBudget } from './value-views/code-extensions.js';
import { CodeView } from './value-views/code-view.js';
import { HexView } from './value-views/hex-view.js';
import { ImageView } from './value-views/image-view.js';
import { PIECE_CHARS, piecesOf } from './value-views/line-pieces.js';

interface ValueFieldProps {
  editor: RecordEditor;
  readOnly: boolean;
  onEscape: () => void;
}

/** The value as Text, JSON or Base64 (edited), or Hex and any decoded view (read-only). */
export function ValueField({ editor, readOnly, onEscape }: ValueFieldProps) {
  const { state, dispatch } = editor;
  const id = useId();
  const complete = state.detail?.complete ?? true;
  const problem = state.modeProblem ?? valueProblem(state.value);
  const modes = [...VALUE_MODES, ...DECODED_MODES.filter(({ mode }) => state.value.views.includes(mode))];
  return (
    <section className="editor-section value-field">
      <div className="value-header">
        <span id={id} className="section-label">
          Value
        </span>
        <span className="muted">{formatBytes(state.detail?.size ?? 0)}</span>
        <fieldset className="mode-switch" disabled={!complete || editor.switching !== undefined}>
          <legend className="visually-hidden">Show the value as</legend>
          {modes.map(({ mode, label }) => (
            <button
              key={mode}
              type="button"
              aria-pressed={state.value.mode === mode}
              onClick={() => editor.switchMode(mode)}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </div>
      {!complete && <LargeValueNotice editor={editor} />}
      {editor.switching !== undefined && (
        <p className="note" role="status">
          Preparing the {editor.switching} view…
        </p>
      )}
      <ValueView
        state={state}
        labelId={id}
        readOnly={readOnly || !complete}
        invalid={problem !== undefined}
        onEscape={onEscape}
        onChange={(text) => dispatch({ type: 'edit-value', text })}
      />
      <ValueStatus id={`${id}-status`} state={state} problem={problem} />
    </section>
  );
}

interface ValueViewProps {
  state: EditorState;
  labelId: string;
  readOnly: boolean;
  invalid: boolean;
  onEscape: () => void;
  onChange: Parameters<typeof CodeView>[0]['onChange'];
}

function ValueView({ state, labelId, readOnly, invalid, onEscape, onChange }: ValueViewProps) {
  const { mode, bytes, text } = state.value;
  const highlight = useValueHighlight();
  if (mode === 'hex') return <HexView bytes={bytes} labelledBy={labelId} />;
  if (mode === 'image') return <ImageView key={bytes.length} bytes={bytes} labelledBy={labelId} />;
  return (
    <CodeView
      doc={text}
      language={mode === 'json' || mode === 'msgpack' ? 'json' : 'plain'}
      readOnly={readOnly || isReadOnlyMode(mode)}
      labelledBy={labelId}
      describedBy={`${labelId}-status`}
      invalid={invalid}
      focusOnMount={state.focusValue}
      highlight={highlight}
      onChange={onChange}
      onEscape={onEscape}
    />
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
      {statusText(state.value.mode, state.value.text.length, piecesOf(state.value.text).length > 0)}
    </p>
  );
}

const READ_ONLY_NOTES: Partial<Record<ValueMode, string>> = {
  hex: 'Hex is read-only: edit the bytes as Base64 or Text',
  msgpack: 'Decoded from MessagePack (read-only)',
  protobuf: 'Decoded from the protobuf wire format without a schema: field numbers, not names (read-only)',
  image: 'Shown as an image (read-only)',
};

function statusText(mode: ValueMode, length: number, hasPieces: boolean): string {
  const note = READ_ONLY_NOTES[mode];
  if (note !== undefined) return note;
  if (overLanguageBudget(length, hasPieces)) {
    const checked = mode === 'json' && length > CHECKED_CHARS ? '; the JSON is checked when you save' : '';
    const pieced = hasPieces
      ? `; lines are not wrapped, and lines over ${formatBytes(PIECE_CHARS)} are shown in pieces`
      : '';
    return `Over ${formatBytes(LANGUAGE_BUDGET)}: highlighting, folding and checks as you type are off${checked}${pieced}`;
  }
  return mode === 'json' ? 'Valid JSON' : ' ';
}
