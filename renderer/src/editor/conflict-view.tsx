import { useId } from 'react';
import type { RecordDetailDto } from '../../../electron/api/contract/schemas.js';
import { base64ToBytes } from '../ui/base64.js';
import { formatTimestamp, knowsWriteTime } from '../ui/format.js';
import type { EditorState } from './editor-state.js';
import { metadataToText } from './metadata-text.js';
import { currentBytes } from './value-draft.js';
import { renderValue, type ValueMode } from './value-modes.js';
import { DiffView } from './value-views/diff-view.js';
import { docString } from './value-views/doc-text.js';

interface ConflictViewProps {
  state: EditorState;
  current: RecordDetailDto | null;
  readOnly: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

const MINE = 'Your version (unsaved)';
const THEIRS = 'In the store now';

/** The user's unsaved version beside the store's, the differences marked, and the choice between them. */
export function ConflictView({ state, current, readOnly, onKeepMine, onTakeTheirs }: ConflictViewProps) {
  const titleId = useId();
  return (
    <section className="conflict" aria-labelledby={titleId}>
      <h3 id={titleId}>This record changed in the store since you opened it</h3>
      <p>
        Someone else saved it{' '}
        {current === null
          ? '— it was deleted'
          : knowsWriteTime(current.updatedAt)
            ? `at ${formatTimestamp(current.updatedAt)}`
            : 'meanwhile'}
        . Choose the version to keep.
      </p>
      {current === null ? (
        <div className="conflict-version">
          <h4>{THEIRS}</h4>
          <p>Deleted.</p>
        </div>
      ) : (
        <>
          <div className="conflict-titles" aria-hidden="true">
            <h4>{MINE}</h4>
            <h4>{THEIRS}</h4>
          </div>
          <p className="conflict-caption">Value</p>
          <DiffView
            mine={mineText(state)}
            theirs={storeText(current, state.value.mode)}
            mineLabel={`Value: ${MINE}`}
            theirsLabel={`Value: ${THEIRS}`}
          />
          <p className="conflict-caption">Metadata</p>
          <DiffView
            mine={state.metadataText}
            theirs={metadataToText(current.metadata)}
            mineLabel={`Metadata: ${MINE}`}
            theirsLabel={`Metadata: ${THEIRS}`}
          />
        </>
      )}
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

/** Both sides in the same mode, so the diff compares like with like (hex and image fall back to base64). */
const comparedMode = (mode: ValueMode): ValueMode => (mode === 'hex' || mode === 'image' ? 'base64' : mode);

function mineText(state: EditorState): string {
  if (state.value.edited) return docString(state.value.text);
  const bytes = currentBytes(state.value);
  return bytes.ok ? (renderValue(bytes.bytes, comparedMode(state.value.mode)) ?? '') : '';
}

function storeText(current: RecordDetailDto, mode: ValueMode): string {
  const bytes = base64ToBytes(current.value);
  return renderValue(bytes, comparedMode(mode)) ?? renderValue(bytes, 'base64') ?? '';
}
