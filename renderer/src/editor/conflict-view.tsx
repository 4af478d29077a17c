import { useId } from 'react';
import type { RecordDetailDto } from '../../../electron/api/contract/schemas.js';
import { base64ToBytes } from '../shared/base64.js';
import { formatTimestamp } from '../shared/format.js';
import type { EditorState } from './editor-state.js';
import { metadataToText } from './metadata-text.js';
import { renderValue, type ValueMode } from './value-modes.js';

const SHOWN_CHARS = 20_000;

interface ConflictViewProps {
  state: EditorState;
  current: RecordDetailDto | null;
  readOnly: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/** The user's unsaved version beside the store's, and the choice between them. */
export function ConflictView({ state, current, readOnly, onKeepMine, onTakeTheirs }: ConflictViewProps) {
  const titleId = useId();
  return (
    <section className="conflict" aria-labelledby={titleId}>
      <h3 id={titleId}>This record changed in the store since you opened it</h3>
      <p>
        Someone else saved it {current === null ? '— it was deleted' : `at ${formatTimestamp(current.updatedAt)}`}.
        Choose the version to keep.
      </p>
      <div className="conflict-columns">
        <Version title="Your version (unsaved)" value={state.value.text} metadata={state.metadataText} />
        {current === null ? (
          <div className="conflict-version">
            <h4>In the store now</h4>
            <p>Deleted.</p>
          </div>
        ) : (
          <Version
            title="In the store now"
            value={storeText(current, state.value.mode)}
            metadata={metadataToText(current.metadata)}
          />
        )}
      </div>
      <div className="conflict-actions">
        <button type="button" className="primary" disabled={readOnly} onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
    </section>
  );
}

function Version({ title, value, metadata }: { title: string; value: string; metadata: string }) {
  return (
    <section className="conflict-version" aria-label={title}>
      <h4>{title}</h4>
      <p className="conflict-caption">Value</p>
      <pre className="conflict-value">{value.slice(0, SHOWN_CHARS)}</pre>
      <p className="conflict-caption">Metadata</p>
      <pre className="conflict-metadata">{metadata}</pre>
    </section>
  );
}

function storeText(current: RecordDetailDto, mode: ValueMode): string {
  const bytes = base64ToBytes(current.value);
  return renderValue(bytes, mode) ?? renderValue(bytes, 'hex') ?? '';
}
