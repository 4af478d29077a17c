import { useState } from 'react';
import type { ExpirySpec } from '../../../electron/api/contract/schemas.js';
import { EXPIRY_PRESETS } from '../editor/expiry-draft.js';
import { ProgressBar } from '../transfer/progress-bar.js';
import { percentDone, recordsProgressText, type TaskProgress } from '../transfer/task-progress.js';
import { Dialog } from '../ui/dialog.js';
import { formatGoDuration, parseTtl } from '../ui/duration.js';
import { formatCount } from '../ui/format.js';

interface SetTtlDialogProps {
  count: number;
  /** While the TTL is being set on everything matching: how far it has come. */
  progress: TaskProgress | undefined;
  onApply: (expiry: ExpirySpec) => void;
  onClose: () => void;
}

/** One time to live for every selected record. */
export function SetTtlDialog({ count, progress, onApply, onClose }: SetTtlDialogProps) {
  const [text, setText] = useState('1h');
  const ttl = parseTtl(text, 'Remove TTL');
  const valid = ttl.ok;
  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    if (ttl.ok && progress === undefined) onApply({ kind: 'ttl', ms: ttl.ms });
  };
  return (
    <Dialog title={`Set a TTL on ${formatCount(count)} records`} onClose={onClose}>
      <form className="dialog-body" onSubmit={apply}>
        <label className="stacked-label">
          Time to live
          <input value={text} data-autofocus aria-invalid={!valid} onChange={(event) => setText(event.target.value)} />
        </label>
        <div className="expiry-presets">
          {EXPIRY_PRESETS.map((preset) => (
            <button key={preset.label} type="button" onClick={() => setText(formatGoDuration(preset.ms))}>
              {preset.label}
            </button>
          ))}
        </div>
        {!ttl.ok && <p className="field-error">{ttl.message}</p>}
        {progress !== undefined && (
          <ProgressBar
            label="Setting the TTL"
            percent={percentDone(progress, count)}
            text={recordsProgressText(progress, count)}
          />
        )}
        <footer className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid || progress !== undefined}>
            Set TTL
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
