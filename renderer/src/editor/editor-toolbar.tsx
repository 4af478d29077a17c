import type { EditorState } from './editor-state.js';

export interface RecordActions {
  onDuplicate: () => void;
  onRename: () => void;
  onDelete: () => void;
  /** In a conflict: drop the edits for the store's version. */
  onTakeTheirs: () => void;
}

interface EditorToolbarProps extends RecordActions {
  state: EditorState;
  readOnly: boolean;
  onSave: () => void;
  onRevert: () => void;
}

/** Save (Ctrl/Cmd+S), Revert, and what else can be done with the record. */
export function EditorToolbar({
  state,
  readOnly,
  onSave,
  onRevert,
  onDuplicate,
  onRename,
  onDelete,
}: EditorToolbarProps) {
  const saving = state.phase === 'saving';
  const gone = state.phase === 'gone';
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Record actions">
      <button
        type="button"
        className="primary"
        disabled={readOnly || !state.dirty || saving || gone}
        onClick={onSave}
        aria-keyshortcuts="Control+S"
      >
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" disabled={!state.dirty || saving} onClick={onRevert}>
        Revert
      </button>
      <button type="button" disabled={readOnly || gone} onClick={onDuplicate}>
        Duplicate
      </button>
      <button type="button" disabled={readOnly || gone} onClick={onRename}>
        Rename…
      </button>
      <button type="button" className="danger-text" disabled={readOnly || gone} onClick={onDelete}>
        Delete…
      </button>
    </div>
  );
}
