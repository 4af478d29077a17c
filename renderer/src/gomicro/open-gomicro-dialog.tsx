import { Dialog } from '../ui/dialog.js';

interface OpenGoMicroDialogProps {
  onClose: () => void;
}

/**
 * Browser mode has no folder picker, and a page may not name folders on the server: it shows the store serve
 * was started with. This says how to inspect a go-micro store there instead.
 */
export function OpenGoMicroDialog({ onClose }: OpenGoMicroDialogProps) {
  return (
    <Dialog title="Open a go-micro store" onClose={onClose}>
      <div className="dialog-body transfer-form">
        <p className="note">
          Browser mode shows the store <code>serve</code> was started with. To inspect a go-micro file store (one .db
          file per table, in a folder per database), start it on that folder; it opens read-only:
        </p>
        <pre>
          <code>store-inspector serve --store ~/.local/share/micro/store</code>
        </pre>
      </div>
      <footer className="dialog-actions">
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}
