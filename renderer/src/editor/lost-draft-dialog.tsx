import { useId, useState } from 'react';
import { Dialog } from '../ui/dialog.js';
import { type LostDraft, lostDraftSentence } from './lost-draft.js';
import './editor.css';

/**
 * The store was switched under an unsaved value: the user is told at once (an alert dialog) and can copy the
 * typed value or read it here, since it exists nowhere else any more.
 */
export function LostDraftDialog({ draft, onClose }: { draft: LostDraft; onClose: () => void }) {
  const describedBy = useId();
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(draft.value ?? '');
      setSaid('The value is on the clipboard');
    } catch {
      setSaid('The clipboard refused the text: select it below and copy it');
    }
  };
  return (
    <Dialog title="Your changes were not saved" onClose={onClose} alert={{ describedBy }}>
      <div className="dialog-body lost-draft">
        <p id={describedBy}>{lostDraftSentence(draft)}</p>
        <label className="lost-draft-field">
          Your unsaved value
          <textarea readOnly rows={8} value={draft.value ?? ''} />
        </label>
        {draft.metadata !== undefined && (
          <label className="lost-draft-field">
            Your unsaved metadata
            <textarea readOnly rows={3} value={draft.metadata} />
          </label>
        )}
        {draft.expiryChanged && <p className="note">The new expiry you chose was not saved either.</p>}
        <p role="status">{said}</p>
      </div>
      <footer className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" data-autofocus onClick={() => void copy()}>
          Copy value
        </button>
      </footer>
    </Dialog>
  );
}
