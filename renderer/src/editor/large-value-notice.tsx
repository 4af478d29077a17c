import { formatBytes } from '../ui/format.js';
import type { RecordEditor } from './use-record-editor.js';

/** For a value larger than the editor loads at once: its size, and ways to get the rest. */
export function LargeValueNotice({ editor }: { editor: RecordEditor }) {
  const { detail } = editor.state;
  if (detail === undefined) return null;
  const busy = editor.progress !== undefined;
  return (
    <div className="large-value">
      <p>
        Showing the first {formatBytes(editor.state.value.bytes.length)} of {formatBytes(detail.size)}. Load it all to
        edit it, or save it to a file.
      </p>
      <div className="large-value-actions">
        <button type="button" disabled={busy} onClick={() => void editor.loadAll()}>
          Load all
        </button>
        <button type="button" disabled={busy} onClick={() => void editor.saveToFile()}>
          Save to file
        </button>
        {editor.progress && (
          <progress aria-label="Loading the value" max={editor.progress.total} value={editor.progress.done} />
        )}
      </div>
    </div>
  );
}
