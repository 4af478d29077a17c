import { visibleKey } from '../ui/visible-key.js';
import type { RecordActions } from './editor-toolbar.js';
import { RecordEditor } from './record-editor.js';
import type { RecordEditor as Editor } from './use-record-editor.js';
import './editor.css';

interface DetailPanelProps extends RecordActions {
  editor: Editor;
  readOnly: boolean;
  readOnlyReason: string | undefined;
  storePath: string | undefined;
  onNewRecord: () => void;
  onEscape: () => void;
}

/** The right-hand panel: the open record's editor, or how to open one. */
export function DetailPanel({ editor, readOnly, readOnlyReason, onNewRecord, ...props }: DetailPanelProps) {
  const { phase, target } = editor.state;
  return (
    <aside className="detail-panel" aria-label="Record details">
      {target === undefined && (
        <div className="detail-empty">
          <p>Select a record to see and edit it.</p>
          <button type="button" disabled={readOnly} onClick={onNewRecord}>
            New record
          </button>
        </div>
      )}
      {phase === 'loading' && <p className="detail-empty">Loading {visibleKey(target?.key ?? '')}…</p>}
      {editor.state.detail === undefined && target !== undefined && editor.state.notice && (
        <p className="notice notice-error">{editor.state.notice.text}</p>
      )}
      {phase !== 'loading' && (
        <RecordEditor editor={editor} readOnly={readOnly} readOnlyReason={readOnlyReason} {...props} />
      )}
    </aside>
  );
}
