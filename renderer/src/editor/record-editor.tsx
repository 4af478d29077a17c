import { formatBytes, formatTimestamp, knowsWriteTime } from '../ui/format.js';
import { KeyText } from '../ui/key-text.js';
import { visibleKey } from '../ui/visible-key.js';
import { ConflictView } from './conflict-view.js';
import { CopyMenu } from './copy/copy-menu.js';
import { EditorToolbar, type RecordActions } from './editor-toolbar.js';
import { ExpiryField } from './expiry-field.js';
import { MetadataField } from './metadata-field.js';
import type { RecordEditor as Editor } from './use-record-editor.js';
import { ValueField } from './value-field.js';

interface RecordEditorProps extends RecordActions {
  editor: Editor;
  readOnly: boolean;
  /** Why the store is read-only, for the note over the fields. */
  readOnlyReason: string | undefined;
  /** The store file, for "Copy as command". */
  storePath: string | undefined;
  onEscape: () => void;
}

/** One record: its value, metadata and expiry, editable, with the actions on it. */
export function RecordEditor({ editor, readOnly, readOnlyReason, storePath, onEscape, ...actions }: RecordEditorProps) {
  const { state, dispatch } = editor;
  const detail = state.detail;
  if (detail === undefined || state.target === undefined) return null;
  return (
    <div className="record-editor">
      <header className="editor-header">
        <h2 className="editor-key clamp-3" title={visibleKey(state.target.key)}>
          <KeyText value={state.target.key} />
        </h2>
        <p className="muted">
          {state.target.database} / {state.target.table} · {formatBytes(detail.size)}
          {knowsWriteTime(detail.updatedAt) && ` · updated ${formatTimestamp(detail.updatedAt)}`}
          {state.dirty && <span className="badge unsaved">Unsaved</span>}
        </p>
      </header>
      <EditorToolbar
        state={state}
        readOnly={readOnly}
        onSave={() => void editor.save()}
        onRevert={() => dispatch({ type: 'revert' })}
        {...actions}
      />
      <CopyMenu editor={editor} storePath={storePath} />
      {readOnly && (
        <p className="note">Read-only ({readOnlyReason ?? 'opened read-only'}): nothing can be changed here.</p>
      )}
      {state.notice && (
        <p
          className={state.notice.tone === 'error' ? 'notice notice-error' : 'notice'}
          role={state.notice.tone === 'error' ? 'alert' : undefined}
        >
          {state.notice.text}
        </p>
      )}
      {state.conflict && (
        <ConflictView
          state={state}
          current={state.conflict.current}
          readOnly={readOnly}
          onKeepMine={() => void editor.keepMine()}
          onTakeTheirs={actions.onTakeTheirs}
        />
      )}
      <ValueField editor={editor} readOnly={readOnly} onEscape={onEscape} />
      <MetadataField
        value={state.metadataText}
        readOnly={readOnly}
        onChange={(text) => dispatch({ type: 'edit-metadata', text })}
      />
      <ExpiryField
        draft={state.expiry}
        current={detail.expiresAt}
        readOnly={readOnly}
        onChange={(expiry) => dispatch({ type: 'set-expiry', expiry })}
      />
    </div>
  );
}
